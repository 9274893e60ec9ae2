// Chat history per workspace, in the extension's workspaceState: it survives hiding the view and reloading.
import type * as vscode from 'vscode';
import { newConversation, prune, type Conversation } from '../common/conversation';
import { loadHistory } from '../common/storedHistory';

const KEY = 'phiLocal.chat.conversations';
const CURRENT_KEY = 'phiLocal.chat.current';

export class ChatStore {
  private conversations: Conversation[];
  private currentId: string;
  private prunedValue = 0;

  constructor(
    private readonly memento: vscode.Memento,
    log?: vscode.LogOutputChannel,
  ) {
    const { conversations, dropped } = loadHistory(memento.get<unknown>(KEY));
    this.conversations = conversations;
    if (dropped) log?.warn(`chat history: dropped ${dropped} stored conversations or messages of the wrong shape`);
    const current = memento.get<unknown>(CURRENT_KEY);
    this.currentId = typeof current === 'string' && this.conversations.some((c) => c.id === current) ? current : this.create().id;
  }

  /** Conversations dropped since the last call to keep the stored history within its caps; resets. */
  takePruned(): number {
    const pruned = this.prunedValue;
    this.prunedValue = 0;
    return pruned;
  }

  get all(): readonly Conversation[] {
    return this.conversations;
  }

  get current(): Conversation {
    return this.get(this.currentId) ?? this.create();
  }

  get(id: string): Conversation | undefined {
    return this.conversations.find((c) => c.id === id);
  }

  create(): Conversation {
    const conversation = newConversation(`c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`, Date.now());
    this.conversations.push(conversation);
    this.currentId = conversation.id;
    return conversation;
  }

  select(id: string): boolean {
    if (!this.get(id)) return false;
    this.currentId = id;
    return true;
  }

  remove(id: string): void {
    this.conversations = this.conversations.filter((c) => c.id !== id);
    if (this.currentId === id) this.create();
  }

  /** Writes everything (empty conversations other than the current one are not kept). */
  async save(): Promise<void> {
    const candidates = this.conversations.filter((c) => c.messages.length > 0 || c.id === this.currentId);
    this.conversations = prune(candidates, this.currentId);
    this.prunedValue += candidates.length - this.conversations.length;
    if (!this.get(this.currentId)) this.conversations.push(newConversation(this.currentId, Date.now()));
    await this.memento.update(KEY, this.conversations);
    await this.memento.update(CURRENT_KEY, this.currentId);
  }
}
