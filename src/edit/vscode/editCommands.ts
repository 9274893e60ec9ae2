// Explain / Refactor / Fix / Document / Write Tests for the selection (or the enclosing function, or the
// line), from the palette, the editor menu and code actions. Rewrites stream into a diff with Accept/Reject.
import * as vscode from 'vscode';
import { extractCode } from '../common/codeExtraction';
import { editMessages, explainRequest, guessTestSetup, label, REFACTOR_PRESETS, testMessages, type CodeTarget, type DiagnosticInfo, type EditAction } from '../common/editPrompts';
import type { Failure } from '../../platform/ollama/common/failures';
import type { ChatView } from '../../chat/vscode/chatViewProvider';
import type { Config } from '../../platform/config/vscode/config';
import type { Connection } from '../../platform/connection/vscode/connection';
import type { Exclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import type { Proposals } from './proposals';

export interface EditDeps {
  connection: Connection;
  config: Config;
  exclusions: Exclusions;
  proposals: Proposals;
  chatView: ChatView;
  log: vscode.LogOutputChannel;
}

/** What a command reports back (for keybindings, code actions and tests). */
export type EditOutcome = 'ready' | 'cancelled' | 'failed' | 'refused';

export interface EditArgs {
  /** Use this range instead of the selection (code actions pass the diagnostic's range). */
  range?: vscode.Range;
  /** Refactor instruction; skips the quick pick. */
  instruction?: string;
}

const CONTEXT_LINES = 6;
const UPDATE_EVERY_MS = 120;
const SYMBOL_KINDS = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor, vscode.SymbolKind.Class, vscode.SymbolKind.Interface, vscode.SymbolKind.Enum, vscode.SymbolKind.Struct]);

function isRange(value: unknown): value is vscode.Range {
  return value instanceof vscode.Range;
}

export class EditCommands implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite, vscode.CodeActionKind.Empty.append('phiLocal')];

  constructor(private readonly deps: EditDeps) {}

  /** Refuses, with a message, documents that must not or cannot go to the model. */
  private refuse(document: vscode.TextDocument): string | undefined {
    if (this.deps.exclusions.isExcluded(document.uri)) return vscode.l10n.t('{0} is excluded by phiLocal.exclude or .philocalignore: it is never sent to the model.', document.uri.path.split('/').pop() ?? '');
    const text = document.getText();
    if (!text.trim()) return vscode.l10n.t('The document is empty: there is nothing to send.');
    if (text.includes('\u0000')) return vscode.l10n.t('This looks like a binary file: Phi Local only works on text.');
    return undefined;
  }

  /** The selection; with none, the enclosing function or class (document symbols), else the current line. */
  private async rangeFor(editor: vscode.TextEditor, args: EditArgs): Promise<vscode.Range> {
    if (args.range && isRange(args.range)) return editor.document.validateRange(args.range);
    if (!editor.selection.isEmpty) return editor.selection;
    const position = editor.selection.active;
    try {
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', editor.document.uri);
      let best: vscode.DocumentSymbol | undefined;
      const visit = (list: readonly vscode.DocumentSymbol[]) => {
        for (const symbol of list) {
          if (!symbol.range.contains(position)) continue;
          if (SYMBOL_KINDS.has(symbol.kind)) best = symbol;
          visit(symbol.children ?? []);
        }
      };
      if (Array.isArray(symbols) && symbols.length && 'children' in symbols[0]) visit(symbols);
      if (best) return best.range;
    } catch (error) {
      this.deps.log.debug(`document symbols unavailable: ${String(error)}`);
    }
    return editor.document.lineAt(position.line).range;
  }

  private target(document: vscode.TextDocument, range: vscode.Range): CodeTarget {
    const beforeStart = Math.max(0, range.start.line - CONTEXT_LINES);
    const afterEnd = Math.min(document.lineCount - 1, range.end.line + CONTEXT_LINES);
    return {
      path: document.uri.scheme === 'untitled' ? document.uri.path : vscode.workspace.asRelativePath(document.uri),
      languageId: document.languageId,
      startLine: range.start.line,
      endLine: range.end.line,
      code: document.getText(range),
      before: document.getText(new vscode.Range(beforeStart, 0, range.start.line, 0)).replace(/\n$/, ''),
      after: range.end.line < document.lineCount - 1 ? document.getText(new vscode.Range(range.end.line + 1, 0, afterEnd, document.lineAt(afterEnd).text.length)) : '',
    };
  }

  /** The active editor when its document may go to the model; otherwise says why not and returns nothing. */
  private usableEditor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select some code first.'));
      return undefined;
    }
    const refusal = this.refuse(editor.document);
    if (refusal) {
      void vscode.window.showWarningMessage(refusal);
      return undefined;
    }
    return editor;
  }

  async explain(args: EditArgs = {}): Promise<EditOutcome> {
    const editor = this.usableEditor();
    if (!editor) return 'refused';
    const target = this.target(editor.document, await this.rangeFor(editor, args));
    const { question, context } = explainRequest(target);
    await this.deps.chatView.ask(question, context);
    return 'ready';
  }

  async rewrite(action: EditAction, args: EditArgs = {}): Promise<EditOutcome> {
    const editor = this.usableEditor();
    if (!editor) return 'refused';
    const document = editor.document;
    let instruction = args.instruction;
    if (action === 'refactor' && !instruction) {
      instruction = await pickInstruction();
      if (!instruction) return 'cancelled';
    }
    const range = await this.rangeFor(editor, args);
    const target = this.target(document, range);
    const diagnostics: DiagnosticInfo[] =
      action === 'fix'
        ? vscode.languages
            .getDiagnostics(document.uri)
            .filter((d) => d.range.intersection(range) !== undefined)
            .map((d) => ({
              line: d.range.start.line,
              severity: (['error', 'warning', 'info', 'hint'] as const)[d.severity],
              message: d.message,
              source: d.source,
              code: typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code),
            }))
        : [];
    const settings = this.deps.config.current;
    const messages = editMessages(action, target, { instruction, diagnostics, budgetTokens: Math.floor(settings.numCtx * 0.55) });
    const titles: Record<EditAction, string> = { refactor: vscode.l10n.t('Refactor'), fix: vscode.l10n.t('Fix'), document: vscode.l10n.t('Document') };
    const proposal = await this.deps.proposals.open(document, range, target.code, `Phi Local: ${titles[action]}`, false);
    this.deps.log.info(`${action} ${label(target)}${instruction ? `: ${instruction}` : ''}${diagnostics.length ? ` (${diagnostics.length} diagnostics)` : ''}`);
    // Rejecting the diff while it is still being written stops the request too.
    const stop = new AbortController();
    void proposal.result.then((accepted) => {
      if (!accepted) stop.abort();
    });
    const outcome = await this.stream(messages, vscode.l10n.t('Phi Local: {0} {1}…', titles[action], label(target)), (reply, done) => proposal.update(extractCode(reply), done), stop.signal);
    if (outcome !== 'ready' && !stop.signal.aborted) await this.deps.proposals.reject();
    return outcome;
  }

  async generateTests(args: EditArgs = {}): Promise<vscode.Uri | EditOutcome> {
    const editor = this.usableEditor();
    if (!editor) return 'refused';
    const target = this.target(editor.document, await this.rangeFor(editor, args));
    const setup = guessTestSetup(editor.document.languageId, await readManifests(editor.document.uri));
    let final = '';
    const outcome = await this.stream(testMessages(target, setup, Math.floor(this.deps.config.current.numCtx * 0.6)), vscode.l10n.t('Phi Local: writing {0} tests for {1}…', setup.framework, label(target)), (reply, done) => {
      if (done) final = extractCode(reply);
    });
    if (outcome !== 'ready') return outcome;
    const document = await vscode.workspace.openTextDocument({ language: setup.languageId, content: `${final}\n` });
    await vscode.window.showTextDocument(document, { preview: false });
    return document.uri;
  }

  /** Streams a chat answer with cancellable progress; `onText` gets the reply so far (and once, done). */
  private async stream(messages: ReturnType<typeof editMessages>, title: string, onText: (reply: string, done: boolean) => void, stop?: AbortSignal): Promise<EditOutcome> {
    const { connection, config, log } = this.deps;
    const activity = connection.begin('edit');
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        const onStop = () => controller.abort();
        stop?.addEventListener('abort', onStop, { once: true });
        if (stop?.aborted) controller.abort();
        let reply = '';
        let lastUpdate = 0;
        try {
          for await (const chunk of connection.client.chat({ model: config.current.chatModel, messages, options: { temperature: 0.2 } }, controller.signal)) {
            reply += chunk.text;
            if (Date.now() - lastUpdate > UPDATE_EVERY_MS) {
              lastUpdate = Date.now();
              onText(reply, false);
              progress.report({ message: vscode.l10n.t('{0} lines so far', reply.split('\n').length) });
            }
          }
          if (!extractCode(reply).trim()) {
            void vscode.window.showErrorMessage(vscode.l10n.t('The model answered without any code. Try again or rephrase the instruction.'));
            return 'failed';
          }
          onText(reply, true);
          log.trace(`edit reply: ${reply}`);
          return 'ready';
        } catch (error) {
          const failure = error as Partial<Failure>;
          if (failure.kind === 'aborted') return 'cancelled';
          if (failure.kind) connection.report(failure as Failure, { silent: true });
          log.error(`edit failed: ${failure.detail ?? String(error)}`);
          const showLog = vscode.l10n.t('Show Log');
          const pull = vscode.l10n.t('Pull Model');
          const actions = failure.kind === 'modelMissing' ? [pull, showLog] : [showLog];
          void vscode.window.showErrorMessage(failure.message ?? String(error), ...actions).then((choice) => {
            if (choice === showLog) log.show();
            else if (choice === pull) void vscode.commands.executeCommand('phiLocal.pullModel', config.current.chatModel);
          });
          return 'failed';
        } finally {
          subscription.dispose();
          stop?.removeEventListener('abort', onStop);
        }
      });
    } finally {
      activity.dispose();
    }
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (this.deps.exclusions.isExcluded(document.uri) || !['file', 'untitled'].includes(document.uri.scheme)) return [];
    const actions: vscode.CodeAction[] = [];
    const make = (title: string, kind: vscode.CodeActionKind, command: string, args: EditArgs, diagnostics?: vscode.Diagnostic[]) => {
      const action = new vscode.CodeAction(title, kind);
      action.command = { command, title, arguments: [args] };
      if (diagnostics) action.diagnostics = diagnostics;
      actions.push(action);
    };
    for (const diagnostic of context.diagnostics) {
      make(vscode.l10n.t('Fix with Phi Local: {0}', diagnostic.message.split('\n')[0].slice(0, 60)), vscode.CodeActionKind.QuickFix, 'phiLocal.fixSelection', { range: document.lineAt(diagnostic.range.start.line).range.union(diagnostic.range) }, [diagnostic]);
    }
    if (!range.isEmpty) {
      make(vscode.l10n.t('Explain with Phi Local'), vscode.CodeActionKind.Empty.append('phiLocal').append('explain'), 'phiLocal.explainSelection', { range });
      make(vscode.l10n.t('Refactor with Phi Local…'), vscode.CodeActionKind.RefactorRewrite.append('phiLocal'), 'phiLocal.refactorSelection', { range });
      if (!context.diagnostics.length) make(vscode.l10n.t('Fix with Phi Local'), vscode.CodeActionKind.QuickFix, 'phiLocal.fixSelection', { range });
    }
    return actions;
  }
}

/** Quick pick of refactoring presets, or whatever the user types. */
async function pickInstruction(): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick();
  pick.title = vscode.l10n.t('Phi Local: Refactor Selection');
  pick.placeholder = vscode.l10n.t('Pick what to do, or type your own instruction');
  const presets = REFACTOR_PRESETS.map((preset) => ({ label: vscode.l10n.t(preset) }));
  pick.items = presets;
  pick.onDidChangeValue((value) => {
    pick.items = value.trim() ? [{ label: value, description: vscode.l10n.t('your instruction') }, ...presets] : presets;
  });
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined));
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/** Manifests at the workspace root of `uri` (for the test framework guess). */
async function readManifests(uri: vscode.Uri): Promise<Record<string, string>> {
  const root = vscode.workspace.getWorkspaceFolder(uri)?.uri;
  if (!root) return {};
  const out: Record<string, string> = {};
  for (const name of ['package.json', 'pyproject.toml', 'requirements.txt', 'requirements-dev.txt', 'setup.cfg', 'pom.xml', 'go.mod', 'Cargo.toml']) {
    try {
      out[name] = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, name))).slice(0, 50_000);
    } catch {
      // not there
    }
  }
  const csproj = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '*.csproj'), undefined, 1);
  if (csproj[0]) out['*.csproj'] = new TextDecoder().decode(await vscode.workspace.fs.readFile(csproj[0])).slice(0, 50_000);
  return out;
}

export function registerEditCommands(context: vscode.ExtensionContext, deps: EditDeps): EditCommands {
  const commands = new EditCommands(deps);
  const args = (value: unknown): EditArgs => (value && typeof value === 'object' ? (value as EditArgs) : {});
  context.subscriptions.push(
    vscode.commands.registerCommand('phiLocal.explainSelection', (value?: unknown) => commands.explain(args(value))),
    vscode.commands.registerCommand('phiLocal.refactorSelection', (value?: unknown) => commands.rewrite('refactor', args(value))),
    vscode.commands.registerCommand('phiLocal.fixSelection', (value?: unknown) => commands.rewrite('fix', args(value))),
    vscode.commands.registerCommand('phiLocal.documentSelection', (value?: unknown) => commands.rewrite('document', args(value))),
    vscode.commands.registerCommand('phiLocal.generateTests', (value?: unknown) => commands.generateTests(args(value))),
    vscode.languages.registerCodeActionsProvider({ pattern: '**' }, commands, { providedCodeActionKinds: EditCommands.providedCodeActionKinds }),
  );
  return commands;
}
