// Conversations as stored and shown: plain data, pure helpers.
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import type { HistoryEntry, MessageStatus, ViewError, ViewMessage } from './chatProtocol';

export interface StoredMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  /** Context that went with a user message (kept so a retry sends the same). */
  readonly context?: readonly ContextBlock[];
  error?: ViewError;
}

export interface Conversation {
  readonly id: string;
  title: string;
  readonly createdAt: number;
  updatedAt: number;
  readonly messages: StoredMessage[];
}

export const MAX_CONVERSATIONS = 50;
export const MAX_STORED_CHARS = 200_000;

export function newConversation(id: string, now: number): Conversation {
  return { id, title: 'New chat', createdAt: now, updatedAt: now, messages: [] };
}

/** A title from the first question: its first line, shortened at a word. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0].replace(/\s+/g, ' ');
  if (line.length <= 48) return line || 'New chat';
  const cut = line.slice(0, 48);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 24))}…`;
}

export function toViewMessage(message: StoredMessage): ViewMessage {
  return {
    id: message.id,
    role: message.role,
    content: message.content,
    status: message.status,
    context: message.context?.map((c) => c.label),
    error: message.error,
  };
}

export function historyEntries(conversations: readonly Conversation[]): HistoryEntry[] {
  return [...conversations]
    .filter((c) => c.messages.length > 0)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt }));
}

/** Keeps the newest conversations and trims the oldest messages of very long ones before saving. */
export function prune(conversations: Conversation[]): Conversation[] {
  const kept = [...conversations].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, MAX_CONVERSATIONS);
  for (const conversation of kept) {
    let size = conversation.messages.reduce((sum, m) => sum + m.content.length, 0);
    while (size > MAX_STORED_CHARS && conversation.messages.length > 2) {
      const removed = conversation.messages.shift() as StoredMessage;
      size -= removed.content.length;
    }
  }
  return kept;
}
