// Conversations as stored and shown: plain data, pure helpers.
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import type { HistoryEntry, MessageStatus, ViewError, ViewMessage } from './chatProtocol';
import type { AnswerStats } from './answerReadouts';

export interface StoredMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  /** Context that went with a user message (kept so a retry sends the same). */
  readonly context?: readonly ContextBlock[];
  error?: ViewError;
  /** An answer's readout: time to first token, speed, prompt size. */
  stats?: AnswerStats;
}

export interface Conversation {
  readonly id: string;
  title: string;
  readonly createdAt: number;
  updatedAt: number;
  readonly messages: StoredMessage[];
}

const MAX_CONVERSATIONS = 50;
const MAX_STORED_CHARS = 200_000;
/** All conversations together, and the context stored with one message. */
export const MAX_TOTAL_STORED_CHARS = 2_000_000;
export const MAX_CONTEXT_CHARS_PER_MESSAGE = 150_000;

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
    stats: message.stats,
  };
}

export function historyEntries(conversations: readonly Conversation[]): HistoryEntry[] {
  return [...conversations]
    .filter((c) => c.messages.length > 0)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt }));
}

/**
 * Ids of the conversations whose title or messages contain every word of `query` (any case), newest first.
 * An empty query matches all.
 */
export function searchConversations(conversations: readonly Conversation[], query: string): string[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return historyEntries(conversations)
    .filter((entry) => {
      if (!words.length) return true;
      const conversation = conversations.find((c) => c.id === entry.id) as Conversation;
      const text = [conversation.title, ...conversation.messages.map((m) => m.content)].join('\n').toLowerCase();
      return words.every((word) => text.includes(word));
    })
    .map((entry) => entry.id);
}

/** Characters a message's context and content count for in storage. */
export function storedSize(message: StoredMessage): number {
  return message.content.length + (message.context ?? []).reduce((sum, block) => sum + block.text.length + block.label.length, 0);
}

/**
 * Keeps the newest conversations, trims the oldest messages of very long ones, and drops the oldest
 * conversations once all of them together are over MAX_TOTAL_STORED_CHARS. The current one is never dropped.
 */
export function prune(conversations: Conversation[], currentId?: string): Conversation[] {
  const kept = [...conversations].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, MAX_CONVERSATIONS);
  let total = 0;
  const out: Conversation[] = [];
  for (const conversation of kept) {
    let size = conversation.messages.reduce((sum, m) => sum + storedSize(m), 0);
    while (size > MAX_STORED_CHARS && conversation.messages.length > 2) {
      const removed = conversation.messages.shift() as StoredMessage;
      size -= storedSize(removed);
    }
    if (total + size > MAX_TOTAL_STORED_CHARS && conversation.id !== currentId) continue;
    total += size;
    out.push(conversation);
  }
  return out;
}

/** A context block cut to what one message may store. */
export function capContext(blocks: readonly ContextBlock[]): ContextBlock[] {
  let room = MAX_CONTEXT_CHARS_PER_MESSAGE;
  const out: ContextBlock[] = [];
  for (const block of blocks) {
    if (room <= 0) break;
    out.push(block.text.length <= room ? block : { ...block, text: `${block.text.slice(0, room)}\n… (cut)` });
    room -= block.text.length;
  }
  return out;
}
