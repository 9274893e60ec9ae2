// Chat history per workspace, in the extension's workspaceState: it survives hiding the view and reloading.
import type * as vscode from 'vscode';
import { newConversation, prune, type Conversation } from '../common/conversation';

const KEY = 'phiLocal.chat.conversations';
const CURRENT_KEY = 'phiLocal.chat.current';

export class ChatStore {
  private conversations: Conversation[];
  private currentId: string;

  constructor(private readonly memento: vscode.Memento) {
    const stored = memento.get<Conversation[]>(KEY, []);
    this.conversations = Array.isArray(stored) ? stored.filter((c) => c && typeof c.id === 'string' && Array.isArray(c.messages)) : [];
    // A reload during an answer leaves it marked streaming: it was cut off.
    for (const conversation of this.conversations)
      for (const message of conversation.messages) if (message.status === 'streaming') message.status = 'stopped';
    const current = memento.get<string>(CURRENT_KEY);
    this.currentId = current && this.conversations.some((c) => c.id === current) ? current : this.create().id;
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
    this.conversations = prune(this.conversations.filter((c) => c.messages.length > 0 || c.id === this.currentId));
    if (!this.get(this.currentId)) this.conversations.push(newConversation(this.currentId, Date.now()));
    await this.memento.update(KEY, this.conversations);
    await this.memento.update(CURRENT_KEY, this.currentId);
  }
}
