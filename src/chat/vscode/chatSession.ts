// One question and its streamed answer at a time: builds the prompt from the conversation within num_ctx,
// streams the reply into the store and the view, and ends every stream with chat/done or chat/error.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Emitter } from '../../platform/lifecycle/common/lifecycle';
import { actionsFor } from '../../platform/connection/common/userActions';
import type { Connection } from '../../platform/connection/vscode/connection';
import { streamAnswer } from '../../platform/connection/vscode/modelStream';
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import { buildChat } from '../common/chatPrompt';
import type { ExtensionToWebview, ViewError } from '../common/chatProtocol';
import { capContext, historyEntries, titleFrom, toViewMessage, type StoredMessage } from '../common/conversation';
import { answerStats, contextUse, type ContextUse } from '../common/answerReadouts';
import type { ChatContext } from './chatContext';
import type { ChatStore } from './chatStore';
import { sameModelName, type ChatMessage } from '../../platform/backend/common/modelTypes';
import { describeFailure, toFailure } from '../../platform/backend/common/modelFailure';

interface ChatSessionDeps {
  readonly connection: Connection;
  readonly store: ChatStore;
  readonly context: ChatContext;
  readonly exclusions: WorkspaceExclusions;
  readonly log: vscode.LogOutputChannel;
  /** Sends a message to the view (dropped while it is hidden: the store keeps everything). */
  readonly post: (message: ExtensionToWebview) => void;
  /** Re-sends the whole view state. */
  readonly refresh: () => void;
  /** The banner the connection calls for now ("Loading phi4…"), empty when ready. */
  readonly banner: () => string;
}

interface ActiveRequest {
  readonly requestId: string;
  /** Stop pressed: aborting closes the request. */
  readonly stop: AbortController;
}

function newId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

export class ChatSession implements vscode.Disposable {
  private active?: ActiveRequest;
  private readonly sentEmitter = new Emitter<void>();
  /** A question went to the model. */
  readonly onDidSend = this.sentEmitter.event;

  constructor(private readonly deps: ChatSessionDeps) {}

  get busy(): boolean {
    return this.active !== undefined;
  }

  /** How full the context window is with the current conversation. */
  contextUse(): ContextUse {
    return contextUse(this.deps.store.current.messages, this.deps.connection.settings.numCtx, this.deps.context.instructions);
  }

  /** Stops the answer being written, if any (`requestId`: only that one). */
  cancel(requestId?: string): void {
    if (requestId === undefined || this.active?.requestId === requestId) this.active?.stop.abort();
  }

  /**
   * Drops the last answer and asks the same question again, with the same context; `edited`: the question
   * as the user rewrote it.
   */
  async retry(edited?: string): Promise<void> {
    if (this.busy) return;
    const conversation = this.deps.store.current;
    while (conversation.messages.at(-1)?.role === 'assistant') conversation.messages.pop();
    const question = conversation.messages.pop();
    // Nothing to replace (the chat was cleared meanwhile): the edited question is a new one.
    if (!question) return edited === undefined ? undefined : this.send(edited, undefined, true);
    this.deps.refresh();
    await this.send(edited ?? question.content, question.context ?? [], false);
  }

  /**
   * Asks `text` in the current conversation. `fixedContext` replaces the chips' context (Explain, Retry);
   * `fromInput`: typed in the view, so the selection chip is used up.
   */
  async send(text: string, fixedContext: readonly ContextBlock[] | undefined, fromInput: boolean): Promise<void> {
    if (this.busy) return;
    // Busy from here on, before any await: a second quick send cannot start a second answer.
    const active: ActiveRequest = { requestId: newId('r'), stop: new AbortController() };
    this.active = active;
    const conversation = this.deps.store.current;
    let assistant: StoredMessage | undefined;
    try {
      const context = capContext(fixedContext ?? (await this.deps.context.blocks()));
      assistant = this.startTurn(text, context, active.requestId);
      if (fromInput) this.deps.context.consumeOneShot();
      await this.answer(conversation.messages.slice(0, -1), assistant, active);
    } finally {
      this.active = undefined;
      await this.settle(conversation, assistant);
    }
  }

  /** The question and an empty answer join the conversation and the view. */
  private startTurn(text: string, context: ContextBlock[], requestId: string): StoredMessage {
    const conversation = this.deps.store.current;
    const user: StoredMessage = {
      id: newId('u'),
      role: 'user',
      content: text,
      status: 'done',
      context: context.length ? context : undefined,
    };
    const assistant: StoredMessage = { id: newId('a'), role: 'assistant', content: '', status: 'streaming' };
    conversation.messages.push(user, assistant);
    if (conversation.title === 'New chat') conversation.title = titleFrom(text);
    conversation.updatedAt = Date.now();
    this.sentEmitter.fire();
    this.deps.post({ type: 'chat/start', requestId, user: toViewMessage(user), assistantId: assistant.id });
    this.deps.post({ type: 'view/context', contextUse: this.contextUse() });
    return assistant;
  }

  /** Streams the answer to `history` into `assistant` and the view; ends with chat/done or chat/error. */
  private async answer(history: readonly StoredMessage[], assistant: StoredMessage, active: ActiveRequest): Promise<void> {
    const { connection, log, post } = this.deps;
    const { requestId } = active;
    const sentAt = Date.now();
    const settings = connection.settings;
    const messages = await this.promptFor(history, settings.numCtx);
    try {
      const answer = await streamAnswer(
        connection,
        {
          use: 'chat',
          activity: 'chat',
          model: settings.chatModel,
          messages,
          maxTokens: settings.maxAnswerTokens,
          stop: active.stop.signal,
          onStart: (signal) => this.announceLoading(requestId, signal, settings.chatModel, assistant),
        },
        (piece) => {
          if (!assistant.content) post({ type: 'view/banner', text: this.deps.banner() });
          assistant.content += piece;
          post({ type: 'chat/chunk', requestId, text: piece });
        },
      );
      if (answer.stopped === 'cancelled') {
        assistant.status = 'stopped';
        post({ type: 'chat/done', requestId, stopped: true });
        return;
      }
      let limitNote = '';
      if (answer.stopped === 'length') limitNote = vscode.l10n.t('(The answer reached phiLocal.maxAnswerTokens and was cut off.)');
      if (answer.stopped === 'repetition') {
        // The stored answer keeps the text before the loop.
        log.warn(`chat answer repeated itself; stopped after ${assistant.content.length} characters`);
        assistant.content = answer.text;
        limitNote = vscode.l10n.t('(Stopped: the answer kept repeating itself.)');
      }
      if (limitNote) assistant.content += `${assistant.content.endsWith('\n') ? '' : '\n'}\n_${limitNote}_`;
      assistant.status = 'done';
      assistant.stats = answerStats(sentAt, answer.firstTextAt, answer.stats);
      post({ type: 'chat/done', requestId, stopped: false, stats: assistant.stats });
      if (limitNote) this.deps.refresh();
    } catch (error) {
      const failure = toFailure(error);
      const viewError: ViewError = { message: describeFailure(failure, vscode.l10n.t), actions: actionsFor(failure.kind, failure.server) };
      assistant.status = 'error';
      assistant.error = viewError;
      post({ type: 'chat/error', requestId, error: viewError });
    }
  }

  /** The messages for the model: the history within the window (what was left out is said in the view). */
  private async promptFor(history: readonly StoredMessage[], numCtx: number): Promise<ChatMessage[]> {
    const { post, log } = this.deps;
    const built = buildChat(await this.recheckContext(history), numCtx, undefined, this.deps.context.instructions);
    if (built.droppedTurns > 0) {
      const notice = vscode.l10n.t(
        'The {0} oldest turns no longer fit the context window ({1} tokens) and were left out.',
        built.droppedTurns,
        numCtx,
      );
      post({ type: 'view/notice', text: notice });
    }
    if (built.truncatedContext)
      post({ type: 'view/notice', text: vscode.l10n.t('The attached context was cut to fit the context window.') });
    log.trace(`chat prompt (~${built.promptTokens} tokens): ${JSON.stringify(built.messages)}`);
    return built.messages;
  }

  /** After an answer (or a failure before it): the gauge, the stored history and the history list. */
  private async settle(conversation: { updatedAt: number }, assistant: StoredMessage | undefined): Promise<void> {
    const { store, log, post } = this.deps;
    post({ type: 'view/context', contextUse: this.contextUse() });
    conversation.updatedAt = Date.now();
    await store.save();
    post({ type: 'history/update', history: historyEntries(store.all) });
    const pruned = store.takePruned();
    if (pruned) {
      log.info(`chat history: removed the ${pruned} oldest conversations to stay within the stored size`);
      post({ type: 'view/notice', text: vscode.l10n.t('The {0} oldest chats were removed to keep the stored history small.', pruned) });
    }
    if (assistant) log.trace(`chat answer (${assistant.status}): ${assistant.content}`);
  }

  /**
   * Context stored with earlier messages goes to the model again with every question: each block read from
   * a file is checked against the exclusions and the workspace again, and one that no longer may is left
   * out, with a note in the view.
   */
  private async recheckContext(messages: readonly StoredMessage[]): Promise<StoredMessage[]> {
    const out: StoredMessage[] = [];
    const dropped = new Set<string>();
    for (const message of messages) {
      if (!message.context?.length) {
        out.push(message);
        continue;
      }
      const kept: ContextBlock[] = [];
      for (const block of message.context) {
        if (!block.uri || (await this.deps.exclusions.mayRead(vscode.Uri.parse(block.uri, true)))) kept.push(block);
        else dropped.add(block.label);
      }
      out.push(kept.length === message.context.length ? message : { ...message, context: kept.length ? kept : undefined });
    }
    if (dropped.size) {
      const labels = [...dropped].join(', ');
      this.deps.log.info(`chat: left out stored context that is now excluded or outside the workspace: ${labels}`);
      this.deps.post({ type: 'view/notice', text: vscode.l10n.t('Left out earlier context that is now excluded: {0}', labels) });
    }
    return out;
  }

  /** Ollama unloads an idle model after keep_alive: say so while it loads again, instead of a silent wait. */
  private announceLoading(requestId: string, signal: AbortSignal, model: string, assistant: StoredMessage): void {
    void this.deps.connection.client
      .loadedModels(signal)
      .then((loaded) => {
        if (this.active?.requestId === requestId && !assistant.content && !loaded.some((m) => sameModelName(m.name, model))) {
          this.deps.post({ type: 'view/banner', text: vscode.l10n.t('Loading {0}…', model) });
        }
      })
      .catch(() => undefined);
  }

  dispose(): void {
    this.cancel();
    this.sentEmitter.dispose();
  }
}
