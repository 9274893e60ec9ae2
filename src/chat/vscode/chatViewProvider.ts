// The chat view (phiLocal.chat): a webview with a strict CSP, driven by typed messages. The conversation
// lives here (and in the store); the webview only renders it, so hiding the view loses nothing.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { historyEntries, titleFrom, toViewMessage, type ContextBlock, type StoredMessage } from '../common/conversation';
import { buildChat } from '../common/chatPrompt';
import { looksLikeWholeFile } from '../../edit/common/codeExtraction';
import { sameModelName } from '../../platform/ollama/common/modelInfo';
import type { Failure } from '../../platform/ollama/common/failures';
import { isSafeLink, parseWebviewMessage, type ErrorAction, type ExtensionToWebview, type ViewError, type ViewState, type WebviewToExtension } from '../common/chatProtocol';
import { ChatContext } from './chatContext';
import type { ChatStore } from './chatStore';
import type { Config } from '../../platform/config/vscode/config';
import { INSTALL_OLLAMA_URL, type Connection } from '../../platform/connection/vscode/connection';
import type { Exclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import type { Proposals } from '../../edit/vscode/proposals';

export const CHAT_VIEW_ID = 'phiLocal.chat';

export interface ChatDeps {
  extensionUri: vscode.Uri;
  connection: Connection;
  config: Config;
  exclusions: Exclusions;
  proposals: Proposals;
  store: ChatStore;
  log: vscode.LogOutputChannel;
}

interface ActiveRequest {
  readonly requestId: string;
  readonly controller: AbortController;
  readonly assistant: StoredMessage;
}

const LABELS = () => ({
  copy: vscode.l10n.t('Copy'),
  copied: vscode.l10n.t('Copied'),
  insert: vscode.l10n.t('Insert'),
  apply: vscode.l10n.t('Apply'),
  send: vscode.l10n.t('Send'),
  stop: vscode.l10n.t('Stop'),
  sendHint: vscode.l10n.t('Send (Enter)'),
  stopHint: vscode.l10n.t('Stop the answer'),
  you: vscode.l10n.t('You'),
  assistant: vscode.l10n.t('Phi Local'),
  stopped: vscode.l10n.t('Stopped.'),
  remove: vscode.l10n.t('Remove'),
  rename: vscode.l10n.t('Rename'),
  delete: vscode.l10n.t('Delete'),
  addFile: vscode.l10n.t('@ File'),
  addFileHint: vscode.l10n.t('Add a workspace file as context (or type @)'),
  currentFile: vscode.l10n.t('+ Current file'),
  noHistory: vscode.l10n.t('No earlier chats yet.'),
  'action.retry': vscode.l10n.t('Retry'),
  'action.pullModel': vscode.l10n.t('Pull model'),
  'action.openSettings': vscode.l10n.t('Open settings'),
  'action.showLog': vscode.l10n.t('Show log'),
  'action.startOllama': vscode.l10n.t('How to start Ollama'),
});

export class ChatView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  private active?: ActiveRequest;
  private readonly context: ChatContext;
  private readonly disposables: vscode.Disposable[] = [];
  /** Messages posted to the view, for tests and the log (type only). */
  readonly posted: ExtensionToWebview['type'][] = [];

  constructor(private readonly deps: ChatDeps) {
    this.context = new ChatContext(deps.exclusions, deps.config, () => this.post({ type: 'context/update', chips: this.context.chips }));
    this.disposables.push(
      this.context,
      deps.connection.onDidChange(() => {
        // The connection changes with every completion request: re-render only when what the view shows changed,
        // and find out without building the whole conversation.
        if (JSON.stringify(this.status()) !== this.statusKey) this.postState();
      }),
    );
  }

  get resolved(): boolean {
    return this.view !== undefined;
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.deps.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media, dist] };
    view.webview.html = this.html(view.webview);
    const subscription = view.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
    view.onDidDispose(() => {
      subscription.dispose();
      if (this.view === view) this.view = undefined;
    });
  }

  /** Everything the webview sends comes through here: checked, then handled. */
  async receive(raw: unknown): Promise<boolean> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      const type = raw && typeof raw === 'object' ? String((raw as { type?: unknown }).type).slice(0, 40) : typeof raw;
      this.deps.log.warn(`chat view: dropped an invalid message (${type})`);
      return false;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.deps.log.error(`chat view: ${message.type} failed: ${String(error)}`);
    }
    return true;
  }

  get activeRequestId(): string | undefined {
    return this.active?.requestId;
  }

  private post(message: ExtensionToWebview): void {
    this.posted.push(message.type);
    if (this.posted.length > 1000) this.posted.splice(0, 500);
    void this.view?.webview.postMessage(message);
  }

  /** The parts of the view that follow the connection and the settings. */
  private status(): Pick<ViewState, 'banner' | 'models' | 'model'> {
    const { connection, config } = this.deps;
    const state = connection.state;
    const banner =
      state.kind === 'loading'
        ? vscode.l10n.t('Loading {0}…', state.model)
        : state.kind === 'unreachable'
          ? vscode.l10n.t('Ollama is not reachable. Start it (`ollama serve`) or check phiLocal.ollama.host.')
          : state.kind === 'modelMissing'
            ? vscode.l10n.t('{0} is not installed in Ollama.', state.model)
            : state.kind === 'pulling'
              ? vscode.l10n.t('Pulling {0}…', state.model)
              : '';
    return {
      banner,
      models: connection.installed.map((m) => (m.name.endsWith(':latest') ? m.name.slice(0, -7) : m.name)),
      model: config.current.chatModel,
    };
  }

  private state(): ViewState {
    const { store } = this.deps;
    const conversation = store.current;
    return {
      conversationId: conversation.id,
      title: conversation.title,
      messages: conversation.messages.map(toViewMessage),
      history: historyEntries(store.all),
      chips: this.context.chips,
      busy: this.busy,
      ...this.status(),
    };
  }

  private postState(): void {
    const state = this.state();
    this.statusKey = JSON.stringify({ banner: state.banner, models: state.models, model: state.model });
    if (this.view) this.post({ type: 'view/state', state });
  }
  private statusKey = '';

  /** Shows the view and asks `question` with `context` (used by Explain Selection). */
  async ask(question: string, context: readonly ContextBlock[]): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    await this.send(question, context, false);
  }

  async newChat(): Promise<void> {
    this.cancel();
    this.deps.store.create();
    await this.deps.store.save();
    this.postState();
    this.post({ type: 'input/focus' });
  }

  private async handle(message: WebviewToExtension): Promise<void> {
    const { store, config } = this.deps;
    switch (message.type) {
      case 'webview/ready':
        this.context.refresh();
        return this.postState();
      case 'chat/send':
        return this.send(message.text, undefined, true);
      case 'chat/cancel':
        if (this.active?.requestId === message.requestId) this.cancel();
        return;
      case 'chat/retry':
        return this.retry();
      case 'chat/new':
        return this.newChat();
      case 'history/restore':
        if (this.busy) this.cancel();
        if (store.select(message.id)) await store.save();
        return this.postState();
      case 'history/rename': {
        const conversation = store.get(message.id);
        if (conversation) conversation.title = message.title.trim().slice(0, 200);
        await store.save();
        return this.postState();
      }
      case 'history/delete':
        if (this.busy && store.current.id === message.id) this.cancel();
        store.remove(message.id);
        await store.save();
        return this.postState();
      case 'context/remove':
        return this.context.remove(message.id);
      case 'context/pickFile':
        return this.context.pickFile();
      case 'context/addCurrentFile':
        return this.context.addCurrentFile();
      case 'code/copy':
        await vscode.env.clipboard.writeText(message.code);
        return;
      case 'code/insert':
        return this.insert(message.code);
      case 'code/apply':
        return this.apply(message.code);
      case 'link/open':
        if (isSafeLink(message.href)) await vscode.env.openExternal(vscode.Uri.parse(message.href, true));
        else this.deps.log.warn(`chat view: refused to open ${message.href.slice(0, 100)}`);
        return;
      case 'model/select':
        if (this.deps.connection.installed.some((m) => m.name === message.model || m.name === `${message.model}:latest`)) await config.update('chatModel', message.model);
        return;
      case 'action/run':
        return this.runAction(message.action);
      default: {
        const unknown: never = message;
        this.deps.log.warn(`chat view: unhandled ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async runAction(action: ErrorAction): Promise<void> {
    switch (action) {
      case 'retry':
        return this.retry();
      case 'pullModel':
        await vscode.commands.executeCommand('phiLocal.pullModel', this.deps.config.current.chatModel);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'phiLocal.ollama');
        return;
      case 'showLog':
        this.deps.log.show();
        return;
      case 'startOllama':
        await vscode.env.openExternal(vscode.Uri.parse(INSTALL_OLLAMA_URL));
        return;
    }
  }

  private cancel(): void {
    this.active?.controller.abort();
  }

  private async retry(): Promise<void> {
    if (this.busy) return;
    const conversation = this.deps.store.current;
    // Drop the failed or stopped answer and ask the same question again, with the same context.
    while (conversation.messages.length && conversation.messages[conversation.messages.length - 1].role === 'assistant') conversation.messages.pop();
    const question = conversation.messages.pop();
    if (!question) return;
    this.postState();
    await this.send(question.content, question.context ?? [], false);
  }

  private async send(text: string, fixedContext: readonly ContextBlock[] | undefined, fromInput: boolean): Promise<void> {
    if (this.busy) return;
    const { store, connection, config, log } = this.deps;
    const conversation = store.current;
    const context = fixedContext ?? (await this.context.blocks());
    const user: StoredMessage = { id: this.id('u'), role: 'user', content: text, status: 'done', context: context.length ? context : undefined };
    const assistant: StoredMessage = { id: this.id('a'), role: 'assistant', content: '', status: 'streaming' };
    conversation.messages.push(user, assistant);
    if (conversation.title === 'New chat') conversation.title = titleFrom(text);
    conversation.updatedAt = Date.now();
    const requestId = this.id('r');
    const controller = new AbortController();
    this.active = { requestId, controller, assistant };
    if (fromInput) this.context.consumeSelection();
    this.post({ type: 'chat/start', requestId, user: toViewMessage(user), assistantId: assistant.id });

    const settings = config.current;
    const built = buildChat(conversation.messages.slice(0, -1), settings.numCtx);
    if (built.droppedTurns > 0) this.post({ type: 'view/notice', text: vscode.l10n.t('The {0} oldest turns no longer fit the context window ({1} tokens) and were left out.', built.droppedTurns, settings.numCtx) });
    if (built.truncatedContext) this.post({ type: 'view/notice', text: vscode.l10n.t('The attached context was cut to fit the context window.') });
    log.trace(`chat prompt (~${built.promptTokens} tokens): ${JSON.stringify(built.messages)}`);
    const activity = connection.begin('chat');
    // Ollama unloads an idle model after keep_alive: say so while it loads again, instead of a silent wait.
    void connection.client
      .loadedModels(controller.signal)
      .then((loaded) => {
        if (this.active?.requestId === requestId && !assistant.content && !loaded.some((m) => sameModelName(m.name, settings.chatModel))) {
          this.post({ type: 'view/banner', text: vscode.l10n.t('Loading {0}…', settings.chatModel) });
        }
      })
      .catch(() => undefined);
    try {
      for await (const chunk of connection.client.chat({ model: settings.chatModel, messages: built.messages, options: { temperature: 0.3 } }, controller.signal)) {
        if (!chunk.text) continue;
        if (!assistant.content) this.post({ type: 'view/banner', text: this.status().banner });
        assistant.content += chunk.text;
        this.post({ type: 'chat/chunk', requestId, text: chunk.text });
      }
      assistant.status = 'done';
      this.post({ type: 'chat/done', requestId, stopped: false });
    } catch (error) {
      const failure = error as Partial<Failure>;
      if (failure.kind === 'aborted') {
        assistant.status = 'stopped';
        this.post({ type: 'chat/done', requestId, stopped: true });
      } else {
        assistant.status = 'error';
        assistant.error = this.viewError(failure);
        this.post({ type: 'chat/error', requestId, error: assistant.error });
        if (failure.kind) connection.report(failure as Failure, { silent: true });
        else log.error(`chat failed: ${String(error)}`);
      }
    } finally {
      activity.dispose();
      this.active = undefined;
      conversation.updatedAt = Date.now();
      await store.save();
      log.trace(`chat answer (${assistant.status}): ${assistant.content}`);
    }
  }

  private viewError(failure: Partial<Failure>): ViewError {
    const message = failure.message ?? vscode.l10n.t('The answer failed.');
    switch (failure.kind) {
      case 'unreachable':
        return { message, actions: ['retry', 'startOllama', 'openSettings'] };
      case 'modelMissing':
        return { message, actions: ['pullModel', 'retry'] };
      default:
        return { message, actions: ['retry', 'showLog'] };
    }
  }

  private async insert(code: string): Promise<void> {
    const editor = this.context.lastEditor;
    if (!editor || editor.document.isClosed) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and place the cursor where the code should go.'));
      return;
    }
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, code);
    });
  }

  private async apply(code: string): Promise<void> {
    const editor = this.context.lastEditor;
    if (!editor || editor.document.isClosed) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the file to change, select the code to replace, then Apply.'));
      return;
    }
    const document = editor.document;
    let range: vscode.Range;
    if (!editor.selection.isEmpty) range = new vscode.Range(editor.selection.start.with(undefined, 0), editor.selection.end.character === 0 ? editor.selection.end : document.lineAt(editor.selection.end.line).range.end);
    else if (looksLikeWholeFile(code, document.getText())) range = new vscode.Range(0, 0, document.lineCount, 0);
    else {
      const insert = vscode.l10n.t('Insert at Cursor');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Select the code this block should replace, then Apply again.'), insert);
      if (choice === insert) await this.insert(code);
      return;
    }
    await this.deps.proposals.open(document, document.validateRange(range), code, vscode.l10n.t('Phi Local: Apply'));
  }

  private id(prefix: string): string {
    return `${prefix}${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'chat.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      "connect-src 'none'",
      "frame-src 'none'",
      "form-action 'none'",
      "base-uri 'none'",
    ].join('; ');
    const labels = JSON.stringify(LABELS()).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const t = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    return `<!DOCTYPE html>
<html lang="${t(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Phi Local Chat</title>
</head>
<body data-labels="${labels}">
<header class="toolbar">
  <label class="model-label">${t(vscode.l10n.t('Model'))} <select id="model" aria-label="${t(vscode.l10n.t('Chat model'))}"></select></label>
  <button type="button" id="history-button" aria-expanded="false" aria-controls="history">${t(vscode.l10n.t('History'))}</button>
  <button type="button" id="new-chat">${t(vscode.l10n.t('New chat'))}</button>
</header>
<nav id="history" class="history" hidden aria-label="${t(vscode.l10n.t('Earlier chats'))}"></nav>
<div id="banner" class="banner" role="status" hidden></div>
<main id="messages" class="messages" role="log" aria-live="polite" aria-label="${t(vscode.l10n.t('Conversation'))}"></main>
<div id="notice" class="notice" role="status" hidden></div>
<footer class="composer">
  <div id="chips" class="chips" aria-label="${t(vscode.l10n.t('Context'))}"></div>
  <div class="input-row">
    <textarea id="input" rows="3" placeholder="${t(vscode.l10n.t('Ask Phi-4 about your code (Enter to send, Shift+Enter for a new line, @ to add a file)'))}" aria-label="${t(vscode.l10n.t('Question'))}"></textarea>
    <button type="button" id="send">${t(vscode.l10n.t('Send'))}</button>
  </div>
</footer>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.cancel();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

