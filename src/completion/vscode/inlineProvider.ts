// Inline completions (ghost text). The VS Code side: decides whether to ask at all, takes a plain snapshot of
// the document, hands it to the core engine, and turns the answer into an InlineCompletionItem. Never pops UI.
import * as vscode from 'vscode';
import { Emitter } from '../../platform/lifecycle/common/lifecycle';
import { CompletionStatsPanel } from './completionStatsPanel';
import { CompletionEngine } from '../common/engine';
import { DEFAULT_WINDOW, planWindow, type CompletionSnapshot } from '../common/snapshot';
import type { CompleteRequest } from '../common/completionRequest';
import { COMMANDS, INTERNAL_COMMANDS } from '../../platform/commands/common/contributionIds';
import type { CompletionSwitch } from './completionSwitch';
import type { RelatedFilesGatherer } from './relatedFilesGatherer';
import type { Config } from '../../platform/config/vscode/config';
import type { Connection } from '../../platform/connection/vscode/connection';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import { tokensFor } from '../../platform/prompt/common/budget';
import { TypingRhythm } from '../common/typingRhythm';
import { CacheWarmer, IDLE_BEFORE_WARM_MS, type WarmTarget } from './cacheWarmer';
import type { CompletionPrompt } from '../../platform/backend/common/modelTypes';
import { toFailure } from '../../platform/backend/common/modelFailure';

const SCHEMES = new Set(['file', 'untitled']);

/** The part of a completion request that depends only on the document, the position and the settings. */
type BaseRequest = Pick<CompleteRequest, 'snapshot' | 'model' | 'style' | 'snippets' | 'numCtx' | 'singleLineOnly'>;

interface InlineDeps {
  connection: Connection;
  config: Config;
  completions: CompletionSwitch;
  exclusions: WorkspaceExclusions;
  relatedFiles: RelatedFilesGatherer;
  log: vscode.LogOutputChannel;
}

function snapshotOf(document: vscode.TextDocument, position: vscode.Position): CompletionSnapshot {
  const window = planWindow(position.line, document.lineCount, DEFAULT_WINDOW);
  const start = new vscode.Position(window.startLine, 0);
  const end = document.lineAt(window.endLine).range.end;
  const prefix = document.getText(new vscode.Range(start, position));
  return {
    prefix,
    suffix: document.getText(new vscode.Range(position, end)),
    languageId: document.languageId,
    relativePath: document.uri.scheme === 'untitled' ? document.uri.path : vscode.workspace.asRelativePath(document.uri),
    line: position.line,
    character: position.character,
    windowStartLine: window.startLine,
    documentLength: document.offsetAt(document.lineAt(document.lineCount - 1).range.end),
  };
}

export class InlineProvider implements vscode.InlineCompletionItemProvider, WarmTarget {
  readonly engine: CompletionEngine;
  private lastAcceptEnd?: { uri: string; line: number; character: number };
  /** Keystrokes (automatic requests) per document, for a debounce that follows the user's rhythm. */
  private readonly rhythm = new TypingRhythm();
  private rhythmDocument?: string;
  /** When a completion was last asked for (ms), for the cache warmer. */
  private lastAskedAt = 0;
  /** Where the first line of a block still streaming was shown: the whole block is offered there when done. */
  private firstLineShown?: { uri: string; version: number; line: number; character: number };
  private readonly acceptedEmitter = new Emitter<void>();
  /** The user accepted a suggestion. */
  readonly onDidAccept = this.acceptedEmitter.event;

  constructor(private readonly deps: InlineDeps) {
    this.engine = new CompletionEngine({
      stream: (prompt, model, signal) => this.stream(prompt, model, signal),
      now: () => Date.now(),
      log: (message) => deps.log.debug(message),
    });
    this.engine.onDidFinishBlock(() => this.offerWholeBlock());
  }

  /** The block whose first line is shown has streamed to its end: if the user has not typed, show all of it. */
  private offerWholeBlock(): void {
    const shown = this.firstLineShown;
    const editor = vscode.window.activeTextEditor;
    this.firstLineShown = undefined;
    if (!shown || !editor || editor.document.uri.toString() !== shown.uri || editor.document.version !== shown.version) return;
    const at = editor.selection.active;
    if (!editor.selection.isEmpty || at.line !== shown.line || at.character !== shown.character) return;
    this.deps.log.trace('completion: the block is complete, offering all of it');
    // A trigger while a suggestion shows keeps the one it has; hide it first so the editor asks again (the
    // answer comes from the cache, no new request).
    void (async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    })();
  }

  /** Whether a request may be made for this document at all (zero requests otherwise). */
  eligible(document: vscode.TextDocument): boolean {
    const settings = this.deps.config.current;
    if (!this.deps.completions.enabled) return false;
    if (!vscode.workspace.getConfiguration('editor', document).get<boolean>('inlineSuggest.enabled', true)) return false;
    if (!SCHEMES.has(document.uri.scheme)) return false;
    if (settings.disabledLanguages.includes(document.languageId)) return false;
    return !this.deps.exclusions.isExcluded(document.uri);
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const { connection } = this.deps;
    if (!this.eligible(document)) return undefined;
    const state = connection.state.kind;
    if (state !== 'ready' && state !== 'loading') return undefined;
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    this.lastAskedAt = Date.now();
    if (!explicit) this.keystroke(document);
    // One Ollama slot: a chat or edit answer streaming now would be evicted and queued behind us.
    if (!explicit && (connection.activity.active('chat') > 0 || connection.activity.active('edit') > 0)) return undefined;
    const request = await this.requestFor(document, position);
    if (!request || token.isCancellationRequested) return undefined;
    const settings = connection.settings;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const accept = this.lastAcceptEnd?.uri === document.uri.toString() ? this.lastAcceptEnd : undefined;
      const result = await this.engine.complete({
        ...request,
        debounceMs: explicit ? 0 : this.rhythm.debounce(settings.debounceMs),
        explicit,
        prefilter: { lastAcceptEnd: accept },
        signal: controller.signal,
      });
      if ('skipped' in result) {
        if (result.skipped === 'failed') this.reportFailure(result.error);
        else this.deps.log.trace(`completion skipped: ${result.skipped}`);
        return undefined;
      }
      if (token.isCancellationRequested) return undefined;
      this.firstLineShown = result.firstLineOnly
        ? { uri: document.uri.toString(), version: document.version, line: position.line, character: position.character }
        : undefined;
      this.engine.recordShown();
      this.deps.log.trace(`completion (${result.source}): ${JSON.stringify(result.text)}`);
      // A completion that rewrites closers after the cursor replaces them (VS Code allows a range on the cursor line).
      const lineEnd = document.lineAt(position.line).range.end.character;
      const end = position.translate(0, Math.min(result.replace, lineEnd - position.character));
      const item = new vscode.InlineCompletionItem(result.text, new vscode.Range(position, end), {
        command: INTERNAL_COMMANDS.completionAccepted,
        title: 'accepted',
        arguments: [document.uri.toString(), position.line, position.character, result.text],
      });
      return [item];
    } finally {
      subscription.dispose();
    }
  }

  askedSince(time: number): boolean {
    return this.lastAskedAt >= time;
  }

  /**
   * What every completion request at (document, position) is made of, the same for a keystroke, a warm-up
   * and a prefetch: the settings the prompt plans with, the model's prompt format, the exclusions (nothing
   * for an excluded file), the snapshot and the related snippets.
   */
  private async requestFor(document: vscode.TextDocument, position: vscode.Position): Promise<BaseRequest | undefined> {
    const settings = this.deps.connection.settings;
    const info = this.deps.connection.models.get(settings.completionModel);
    if (!info) return undefined;
    await this.deps.exclusions.ready;
    if (!(await this.deps.exclusions.mayComplete(document.uri))) return undefined;
    const snapshot = snapshotOf(document, position);
    const snippets = await this.deps.relatedFiles.snippetsFor(document, position, tokensFor(settings.numCtx, 'completionSnippets'));
    return {
      snapshot,
      model: settings.completionModel,
      style: info.promptFormat,
      snippets,
      numCtx: settings.numCtx,
      singleLineOnly: !settings.multiline,
    };
  }

  private keystroke(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.rhythmDocument !== key) {
      // Another file: its first keystroke starts no interval.
      this.rhythmDocument = key;
      this.rhythm.interrupt();
    }
    this.rhythm.keystroke(Date.now());
  }

  /**
   * Sends the prompt for `position` ahead so Ollama has it cached (num_predict 1): only when the model is
   * ready and nothing has run for IDLE_BEFORE_WARM_MS. Returns whether a request went out.
   */
  async warm(document: vscode.TextDocument, position: vscode.Position): Promise<boolean> {
    const { connection } = this.deps;
    if (!this.eligible(document) || connection.state.kind !== 'ready') return false;
    if (connection.activity.idleMs() < IDLE_BEFORE_WARM_MS || this.engine.warmingUp) return false;
    const request = await this.requestFor(document, position);
    if (!request || connection.activity.idleMs() < IDLE_BEFORE_WARM_MS) return false;
    const sent = this.engine.warm(request);
    if (sent) this.deps.log.debug(`cache warm-up for ${vscode.workspace.asRelativePath(document.uri)}:${position.line + 1}`);
    return sent;
  }

  /** Called by VS Code when a suggestion is accepted. */
  accepted(uri: string, line: number, character: number, text: string): void {
    this.engine.recordAccepted();
    this.acceptedEmitter.fire();
    const lines = text.split('\n');
    const endLine = line + lines.length - 1;
    const endCharacter = lines.length === 1 ? character + text.length : lines[lines.length - 1].length;
    this.lastAcceptEnd = { uri, line: endLine, character: endCharacter };
    // The next suggestion is ready when the user goes on: ask for the continuation now, if Ollama is idle.
    setTimeout(() => void this.prefetch(uri, new vscode.Position(endLine, endCharacter)), 0);
  }

  private async prefetch(uri: string, position: vscode.Position): Promise<void> {
    const { connection } = this.deps;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.uri.toString() !== uri || !this.eligible(document)) return;
    if (connection.state.kind !== 'ready' || connection.activity.active() > 0 || position.line >= document.lineCount) return;
    const request = await this.requestFor(document, document.validatePosition(position));
    if (request) this.engine.prefetch({ ...request, signal: new AbortController().signal });
  }

  private async *stream(prompt: CompletionPrompt, model: string, signal: AbortSignal): AsyncGenerator<string> {
    const { connection, log } = this.deps;
    const activity = connection.activity.begin('completion');
    log.trace(
      `completion prompt (${prompt.endpoint}, ~${prompt.promptTokens} tokens):\n${prompt.prompt || JSON.stringify(prompt.messages)}`,
    );
    try {
      yield* connection.client.complete(prompt, model, signal, (stats) =>
        log.debug(
          `completion: ${stats.promptEvalCount ?? '?'} prompt tokens in ${stats.promptEvalDurationMs ?? '?'} ms, ${stats.evalCount ?? '?'} generated`,
        ),
      );
    } finally {
      activity.dispose();
    }
  }

  /** The completion path never pops UI: the connection's state (status bar) and the log say what failed. */
  private reportFailure(error: unknown): void {
    const failure = toFailure(error);
    if (failure.kind === 'capabilityMissing') this.deps.log.error(`completion model cannot do this: ${failure.detail}`);
    this.deps.connection.report(failure, { silent: true });
  }
}

/** Registers the provider and the completion feature's commands (on/off, stats). */
export function registerInlineCompletions(context: vscode.ExtensionContext, deps: InlineDeps): InlineProvider {
  const provider = new InlineProvider(deps);
  const { log, completions } = deps;
  const statsPanel = new CompletionStatsPanel(provider.engine);
  context.subscriptions.push(
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    vscode.commands.registerCommand(COMMANDS.toggleCompletions, async () => {
      const enabled = await completions.toggle();
      const message = enabled ? vscode.l10n.t('Phi Local: inline completions on') : vscode.l10n.t('Phi Local: inline completions off');
      void vscode.window.setStatusBarMessage(message, 3000);
      return enabled;
    }),
    vscode.commands.registerCommand(COMMANDS.showCompletionStats, () => {
      log.info(provider.engine.stats.summary());
      statsPanel.show();
      return provider.engine.stats.snapshot();
    }),
    vscode.commands.registerCommand(INTERNAL_COMMANDS.completionAccepted, (uri: string, line: number, character: number, text: string) =>
      provider.accepted(uri, line, character, text),
    ),
    deps.config.onDidChange(() => provider.engine.reset()),
    new CacheWarmer(provider),
  );
  return provider;
}
