// Explain / Refactor / Fix / Document / Write Tests for the selection (or the enclosing function, or the
// line), from the palette, the editor menu and code actions. Rewrites stream into a diff with Accept/Reject.
import type { ProjectInstructionsReader } from '../../platform/prompt/vscode/projectInstructionsReader';
import * as vscode from 'vscode';
import { COMMANDS } from '../../platform/commands/common/contributionIds';
import type { Config } from '../../platform/config/vscode/config';
import type { Connection } from '../../platform/connection/vscode/connection';
import { streamAnswer } from '../../platform/connection/vscode/modelStream';
import { showFailure } from '../../platform/connection/vscode/userActionRunner';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import { tokensFor } from '../../platform/prompt/common/budget';
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import { extractCode } from '../common/codeExtraction';
import { tooLargeRefusal } from '../common/rewriteRefusal';
import {
  editMessages,
  explainRequest,
  guessTestSetup,
  label,
  REFACTOR_PRESETS,
  rewriteFits,
  testMessages,
  type EditAction,
} from '../common/editPrompts';
import { EditCodeActions } from './editCodeActions';
import { diagnosticsIn, rangeFor, readManifests, refusalFor, targetOf } from './editTargets';
import type { Proposals } from './proposals';
import type { ChatMessage } from '../../platform/backend/common/modelTypes';
import { toFailure } from '../../platform/backend/common/modelFailure';

interface EditDeps {
  connection: Connection;
  config: Config;
  exclusions: WorkspaceExclusions;
  proposals: Proposals;
  /** Shows the chat and asks there (Explain answers in the chat). */
  ask: (question: string, context: readonly ContextBlock[]) => Promise<void>;
  log: vscode.LogOutputChannel;
  /** The project's instructions (AGENTS.md…), added to the system prompt. */
  projectInstructions?: ProjectInstructionsReader;
}

/** What a command reports back (for keybindings, code actions and tests). */
type EditOutcome = 'ready' | 'cancelled' | 'failed' | 'refused';

export interface EditArgs {
  /** Use this range instead of the selection (code actions pass the diagnostic's range). */
  range?: vscode.Range;
  /** Refactor instruction; skips the quick pick. */
  instruction?: string;
}

const UPDATE_EVERY_MS = 120;

export class EditCommands {
  constructor(private readonly deps: EditDeps) {}

  /** The active editor when its document may go to the model; otherwise says why not and returns nothing. */
  private async usableEditor(): Promise<vscode.TextEditor | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and select some code first.'));
      return undefined;
    }
    const refusal = await refusalFor(editor.document, this.deps.exclusions);
    if (refusal) {
      void vscode.window.showWarningMessage(refusal);
      return undefined;
    }
    return editor;
  }

  async explain(args: EditArgs = {}): Promise<EditOutcome> {
    const editor = await this.usableEditor();
    if (!editor) return 'refused';
    const target = targetOf(editor.document, await rangeFor(editor, args.range, this.deps.log));
    const { question, context } = explainRequest(target);
    await this.deps.ask(question, context);
    return 'ready';
  }

  async rewrite(action: EditAction, args: EditArgs = {}): Promise<EditOutcome> {
    const editor = await this.usableEditor();
    if (!editor) return 'refused';
    const document = editor.document;
    let instruction = args.instruction;
    if (action === 'refactor' && !instruction) {
      instruction = await pickInstruction();
      if (!instruction) return 'cancelled';
    }
    const range = await rangeFor(editor, args.range, this.deps.log);
    const target = targetOf(document, range);
    const numCtx = this.deps.connection.settings.numCtx;
    const fit = rewriteFits(target, numCtx);
    if (!fit.fits) {
      this.deps.log.warn(`${action} refused: ${fit.codeTokens} tokens of code, at most ${fit.maxCodeTokens} with num_ctx ${numCtx}`);
      this.refuseTooLarge(target.endLine - target.startLine + 1, fit.codeTokens, fit.maxCodeTokens, numCtx);
      return 'refused';
    }
    const diagnostics = action === 'fix' ? diagnosticsIn(document, range) : [];
    const budgetTokens = tokensFor(this.deps.connection.settings.numCtx, 'editInput');
    const project = await this.deps.projectInstructions?.current();
    const messages = editMessages(action, target, { instruction, diagnostics, budgetTokens, project });
    const titles: Record<EditAction, string> = {
      refactor: vscode.l10n.t('Refactor'),
      fix: vscode.l10n.t('Fix'),
      document: vscode.l10n.t('Document'),
    };
    const proposal = await this.deps.proposals.open(document, range, target.code, `Phi Local: ${titles[action]}`, false);
    const details = `${instruction ? `: ${instruction}` : ''}${diagnostics.length ? ` (${diagnostics.length} diagnostics)` : ''}`;
    this.deps.log.info(`${action} ${label(target)}${details}`);
    // Rejecting the diff while it is still being written stops the request too.
    const stop = new AbortController();
    void proposal.result.then((accepted) => {
      if (!accepted) stop.abort();
    });
    const title = vscode.l10n.t('Phi Local: {0} {1}…', titles[action], label(target));
    const outcome = await this.stream(
      messages,
      title,
      (reply, done, truncated) => proposal.update(extractCode(reply), done, truncated),
      stop.signal,
      () => this.rewrite(action, { ...args, range, instruction }),
    );
    // A failed or cancelled request drops its own proposal, whichever editor is active now.
    if (outcome !== 'ready') await proposal.reject();
    return outcome;
  }

  /** Says why nothing was sent, naming the setting that bounds the window of the backend in use. */
  private refuseTooLarge(lines: number, codeTokens: number, maxCodeTokens: number, numCtx: number): void {
    const size = { lines, codeTokens, maxCodeTokens, numCtx };
    const { message, setting } = tooLargeRefusal(size, this.deps.connection.client.kind, vscode.l10n.t);
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showWarningMessage(message, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', setting);
    });
  }

  async generateTests(args: EditArgs = {}): Promise<vscode.Uri | EditOutcome> {
    const editor = await this.usableEditor();
    if (!editor) return 'refused';
    const target = targetOf(editor.document, await rangeFor(editor, args.range, this.deps.log));
    const setup = guessTestSetup(editor.document.languageId, await readManifests(editor.document.uri));
    const project = await this.deps.projectInstructions?.current();
    const messages = testMessages(target, setup, tokensFor(this.deps.connection.settings.numCtx, 'testsInput'), project);
    const title = vscode.l10n.t('Phi Local: writing {0} tests for {1}…', setup.framework, label(target));
    let final = '';
    const outcome = await this.stream(
      messages,
      title,
      (reply, done) => {
        if (done) final = extractCode(reply);
      },
      undefined,
      () => this.generateTests(args),
    );
    if (outcome !== 'ready') return outcome;
    const document = await vscode.workspace.openTextDocument({ language: setup.languageId, content: `${final}\n` });
    await vscode.window.showTextDocument(document, { preview: false });
    return document.uri;
  }

  /** Streams a chat answer with cancellable progress; `onText` gets the reply so far (and once, done). */
  private async stream(
    messages: readonly ChatMessage[],
    title: string,
    onText: (reply: string, done: boolean, truncated: boolean) => void,
    stop: AbortSignal | undefined,
    retry: () => unknown,
  ): Promise<EditOutcome> {
    const { connection, config, log } = this.deps;
    const progressOptions = { location: vscode.ProgressLocation.Notification, title, cancellable: true };
    return vscode.window.withProgress(progressOptions, async (progress, token) => {
      let lastUpdate = 0;
      try {
        const { chatModel: model, maxAnswerTokens: maxTokens } = config.current;
        const answer = await streamAnswer(
          connection,
          { use: 'edit', activity: 'edit', model, messages, maxTokens, token, stop },
          (_piece, reply) => {
            if (Date.now() - lastUpdate <= UPDATE_EVERY_MS) return;
            lastUpdate = Date.now();
            onText(reply, false, false);
            progress.report({ message: vscode.l10n.t('{0} lines so far', reply.split('\n').length) });
          },
        );
        if (answer.stopped === 'cancelled') return 'cancelled';
        // A looping answer is never a whole replacement: keep it to look at, never to apply.
        if (answer.stopped === 'repetition') log.warn(`edit reply repeated itself; stopped after ${answer.text.length} characters`);
        const truncated = answer.stopped === 'length' || answer.stopped === 'repetition';
        const reply = answer.text;
        if (!extractCode(reply).trim()) {
          void vscode.window.showErrorMessage(vscode.l10n.t('The model answered without any code. Try again or rephrase the instruction.'));
          return 'failed';
        }
        onText(reply, true, truncated);
        if (truncated) {
          log.warn('edit reply cut off (token limit or repetition): the proposal is marked incomplete');
          const message = vscode.l10n.t(
            'The answer was cut off (it reached phiLocal.maxAnswerTokens or kept repeating itself): the proposal is incomplete and cannot be applied.',
          );
          void vscode.window.showWarningMessage(message);
        }
        log.trace(`edit reply: ${reply}`);
        return 'ready';
      } catch (error) {
        const failure = toFailure(error);
        log.error(`edit failed: ${failure.detail}`);
        showFailure(failure, { retry, model: config.current.chatModel });
        return 'failed';
      }
    });
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

export function registerEditCommands(context: vscode.ExtensionContext, deps: EditDeps): EditCommands {
  const commands = new EditCommands(deps);
  const args = (value: unknown): EditArgs => {
    const given = value && typeof value === 'object' ? (value as EditArgs) : {};
    return {
      range: given.range instanceof vscode.Range ? given.range : undefined,
      instruction: typeof given.instruction === 'string' ? given.instruction : undefined,
    };
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.explainSelection, (value?: unknown) => commands.explain(args(value))),
    vscode.commands.registerCommand(COMMANDS.refactorSelection, (value?: unknown) => commands.rewrite('refactor', args(value))),
    vscode.commands.registerCommand(COMMANDS.fixSelection, (value?: unknown) => commands.rewrite('fix', args(value))),
    vscode.commands.registerCommand(COMMANDS.documentSelection, (value?: unknown) => commands.rewrite('document', args(value))),
    vscode.commands.registerCommand(COMMANDS.generateTests, (value?: unknown) => commands.generateTests(args(value))),
    vscode.commands.registerCommand(COMMANDS.acceptProposal, () => deps.proposals.accept()),
    vscode.commands.registerCommand(COMMANDS.rejectProposal, () => deps.proposals.reject()),
    vscode.languages.registerCodeActionsProvider({ pattern: '**' }, new EditCodeActions(deps.exclusions), {
      providedCodeActionKinds: EditCodeActions.providedCodeActionKinds,
    }),
  );
  return commands;
}
