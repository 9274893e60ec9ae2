// The chat view (phiLocal.chat), like the webview-view sample: it resolves the webview, checks every message
// the (untrusted) webview sends and routes it. The conversation lives in the store and the session; the
// webview only renders it, so hiding the view loses nothing.
import * as vscode from 'vscode';
import { CHAT_VIEW_FOCUS } from '../../platform/commands/common/contributionIds';
import type { Config } from '../../platform/config/vscode/config';
import type { Connection } from '../../platform/connection/vscode/connection';
import { runUserAction } from '../../platform/connection/vscode/userActionRunner';
import { chatBanner } from '../common/chatBanner';
import { isCutBlock } from '../common/answerBlocks';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import { Disposable, type Event } from '../../platform/lifecycle/common/lifecycle';
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import type { Proposals } from '../../edit/vscode/proposals';
import type { ContextUse } from '../common/answerReadouts';
import { isSafeLink, parseWebviewMessage, type ExtensionToWebview, type ViewState, type WebviewToExtension } from '../common/chatProtocol';
import { historyEntries, searchConversations, toViewMessage } from '../common/conversation';
import { ChatContext } from './chatContext';
import type { ProjectInstructionsReader } from '../../platform/prompt/vscode/projectInstructionsReader';
import { chatHtml } from './chatHtml';
import { ChatSession } from './chatSession';
import type { ChatStore } from './chatStore';
import type { InputHistoryStore } from './inputHistoryStore';
import { CodeBlockActions } from './codeBlockActions';
import { ContextSourceReader } from './contextSourceReader';
import { TerminalHistory } from './terminalHistory';
import { SlashCommands } from './slashCommandRunner';

export interface ChatDeps {
  extensionUri: vscode.Uri;
  connection: Connection;
  config: Config;
  exclusions: WorkspaceExclusions;
  proposals: Proposals;
  store: ChatStore;
  /** The questions sent from the input, for Up / Down, shared by every window. */
  inputHistory: InputHistoryStore;
  log: vscode.LogOutputChannel;
  /** The project's instructions (AGENTS.md…), shown as a chip and added to the system prompt. */
  projectInstructions?: ProjectInstructionsReader;
}

export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private view?: vscode.WebviewView;
  private readonly context: ChatContext;
  private readonly session: ChatSession;
  private readonly codeBlocks: CodeBlockActions;
  private readonly slash: SlashCommands;
  private statusKey = '';

  constructor(private readonly deps: ChatDeps) {
    super();
    this.context = this._register(
      new ChatContext(
        deps.exclusions,
        deps.connection,
        () => this.post({ type: 'context/update', chips: this.context.chips }),
        deps.projectInstructions,
        new ContextSourceReader(deps.exclusions, deps.connection, this._register(new TerminalHistory())),
      ),
    );
    this.session = this._register(
      new ChatSession({
        connection: deps.connection,
        store: deps.store,
        context: this.context,
        exclusions: deps.exclusions,
        log: deps.log,
        post: (message) => this.post(message),
        refresh: () => this.postState(),
        banner: () => this.status().banner,
      }),
    );
    this.codeBlocks = new CodeBlockActions(() => this.context.lastEditor, deps.proposals);
    this.slash = this._register(new SlashCommands(deps.exclusions, deps.log));
    this._register(this.slash.onDidChange(() => void this.postSlashEntries()));
    this._register(
      deps.connection.onDidChange(() => {
        // The connection changes with every completion request: re-render only when what the view shows
        // changed, and find out without building the whole conversation.
        if (JSON.stringify(this.status()) !== this.statusKey) this.postState();
      }),
    );
  }

  get resolved(): boolean {
    return this.view !== undefined;
  }

  /** A question went to the model (from the view, Explain, a slash command). */
  get onDidSend(): Event<void> {
    return this.session.onDidSend;
  }

  /** How full the context window is with the current conversation (the gauge's numbers). */
  contextUse(): ContextUse {
    return this.session.contextUse();
  }

  get busy(): boolean {
    return this.session.busy;
  }

  /** Stops the answer being written, if any (Phi Local: Stop Answer). */
  stopAnswer(): boolean {
    const busy = this.session.busy;
    this.session.cancel();
    return busy;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.deps.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media, dist] };
    view.webview.html = chatHtml(view.webview, this.deps.extensionUri);
    const subscription = view.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
    view.onDidDispose(() => {
      subscription.dispose();
      if (this.view === view) this.view = undefined;
    });
  }

  /** Everything the webview sends comes through here: checked, then handled. */
  async receive(raw: unknown): Promise<boolean> {
    let message: WebviewToExtension | undefined;
    try {
      message = parseWebviewMessage(raw);
    } catch {
      message = undefined;
    }
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

  /** Shows the view and asks `question` with `context` (used by Explain Selection). */
  async ask(question: string, context: readonly ContextBlock[]): Promise<void> {
    await vscode.commands.executeCommand(CHAT_VIEW_FOCUS);
    await this.session.send(question, context, false);
  }

  /** Ids of the stored chats whose title or messages contain every word of `query`, newest first. */
  search(query: string): string[] {
    return searchConversations(this.deps.store.all, query);
  }

  /** Shows the view and puts the cursor in its input, the editor's selection attached as a chip right away. */
  async focusInput(): Promise<void> {
    await vscode.commands.executeCommand(CHAT_VIEW_FOCUS);
    this.context.refresh();
    this.post({ type: 'input/focus' });
  }

  async newChat(): Promise<void> {
    this.session.cancel();
    this.deps.store.create();
    await this.deps.store.save();
    this.postState();
    this.post({ type: 'input/focus' });
  }

  private post(message: ExtensionToWebview): void {
    void this.view?.webview.postMessage(message);
  }

  /** The parts of the view that follow the connection and the settings. */
  private status(): Pick<ViewState, 'banner' | 'models' | 'model'> {
    const { connection, config } = this.deps;
    const state = connection.state;
    const banner = chatBanner(state, connection.client, vscode.l10n.t);
    return {
      banner,
      models: connection.installed.map((m) => (m.name.endsWith(':latest') ? m.name.slice(0, -7) : m.name)),
      model: config.current.chatModel,
    };
  }

  private postState(): void {
    const { store } = this.deps;
    const conversation = store.current;
    const status = this.status();
    this.statusKey = JSON.stringify(status);
    if (!this.view) return;
    const state: ViewState = {
      conversationId: conversation.id,
      title: conversation.title,
      messages: conversation.messages.map(toViewMessage),
      history: historyEntries(store.all),
      inputHistory: this.deps.inputHistory.entries,
      chips: this.context.chips,
      busy: this.session.busy,
      contextUse: this.session.contextUse(),
      ...status,
    };
    this.post({ type: 'view/state', state });
  }

  private async postSlashEntries(): Promise<void> {
    this.post({ type: 'slash/entries', entries: await this.slash.entries() });
  }

  private async handle(message: WebviewToExtension): Promise<void> {
    const { store, config, connection } = this.deps;
    switch (message.type) {
      case 'webview/ready':
        this.context.refresh();
        void this.postSlashEntries();
        return this.postState();
      case 'chat/send': {
        await this.deps.inputHistory.add(message.text);
        const slash = await this.slash.run(message.text, await this.context.promptValues());
        if (slash?.kind === 'command') return;
        if (slash?.kind !== 'question') return this.session.send(message.text, undefined, true);
        // A prompt that places the selection itself does not get it a second time as context.
        return this.session.send(slash.text, slash.placesSelection ? await this.context.blocks({ selection: false }) : undefined, true);
      }
      case 'chat/cancel':
        return this.session.cancel(message.requestId);
      case 'chat/retry':
        return this.session.retry();
      case 'chat/edit':
        await this.deps.inputHistory.add(message.text);
        return this.session.retry(message.text);
      case 'chat/new':
        return this.newChat();
      case 'history/restore':
        this.session.cancel();
        if (store.select(message.id)) await store.save();
        return this.postState();
      case 'history/rename': {
        const conversation = store.get(message.id);
        if (conversation) conversation.title = message.title.trim().slice(0, 200);
        await store.save();
        return this.postState();
      }
      case 'history/search':
        return this.post({ type: 'history/results', query: message.query, ids: this.search(message.query) });
      case 'history/delete':
        if (store.current.id === message.id) this.session.cancel();
        store.remove(message.id);
        await store.save();
        return this.postState();
      case 'context/remove':
        return this.context.remove(message.id);
      case 'context/pickFile':
        return this.context.pickFile();
      case 'context/add':
        await this.context.addSource(message.source);
        return;
      case 'context/addCurrentFile':
        return this.context.addCurrentFile();
      case 'code/copy':
        return this.codeBlocks.copy(message.code);
      case 'code/insert':
        return this.codeBlocks.insert(message.code);
      case 'code/apply': {
        // A block the answer never closed (cut at the token limit, or stopped because it looped) is not whole.
        const answers = store.current.messages.filter((m) => m.role === 'assistant').map((m) => m.content);
        if (isCutBlock(answers, message.code)) {
          this.deps.log.info('chat: Apply refused for a code block the answer never closed');
          void vscode.window.showWarningMessage(
            vscode.l10n.t(
              'This code block was cut off before it ended (the answer reached its limit or was stopped): it cannot be applied. Ask again, or copy what you need.',
            ),
          );
          return;
        }
        return this.codeBlocks.apply(message.code);
      }
      case 'link/open':
        if (isSafeLink(message.href)) await vscode.env.openExternal(vscode.Uri.parse(message.href, true));
        else this.deps.log.warn(`chat view: refused to open ${message.href.slice(0, 100)}`);
        return;
      case 'model/select':
        if (connection.installed.some((m) => m.name === message.model || m.name === `${message.model}:latest`))
          await config.update('chatModel', message.model);
        return;
      case 'action/run':
        return runUserAction(message.action, { retry: () => this.session.retry(), model: config.current.chatModel });
      default: {
        const unknown: never = message;
        this.deps.log.warn(`chat view: unhandled ${JSON.stringify(unknown)}`);
      }
    }
  }
}
