// Reading the stored chat history back. What workspaceState holds may be from an older version, edited by
// hand or damaged: every conversation and message is checked, anything of the wrong shape is dropped (and
// counted, for the log), so the chat always comes up. Pure.
import { isUserAction } from '../../platform/connection/common/userActions';
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import type { MessageStatus, ViewError } from './chatProtocol';
import type { Conversation, StoredMessage } from './conversation';
import { statsOf } from './answerReadouts';

const STATUSES: readonly MessageStatus[] = ['streaming', 'done', 'stopped', 'error'];

interface LoadedHistory {
  readonly conversations: Conversation[];
  /** Conversations and messages dropped because of their shape. */
  readonly dropped: number;
}

type Row = Record<string, unknown>;
const isRow = (value: unknown): value is Row => !!value && typeof value === 'object' && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

function contextOf(value: unknown): ContextBlock[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const blocks = value.filter((b): b is Row => isRow(b) && isString(b.label) && isString(b.language) && isString(b.text));
  const kept = blocks.map((b) => ({
    label: b.label as string,
    language: b.language as string,
    text: b.text as string,
    ...(isString(b.uri) ? { uri: b.uri } : {}),
  }));
  return kept.length ? kept : undefined;
}

function errorOf(value: unknown): ViewError | undefined {
  if (!isRow(value) || !isString(value.message)) return undefined;
  const actions = Array.isArray(value.actions) ? value.actions.filter(isUserAction) : [];
  return { message: value.message, actions };
}

function messageOf(value: unknown): StoredMessage | undefined {
  if (!isRow(value) || !isString(value.id) || !isString(value.content)) return undefined;
  if (value.role !== 'user' && value.role !== 'assistant') return undefined;
  const status = STATUSES.includes(value.status as MessageStatus) ? (value.status as MessageStatus) : 'done';
  return {
    id: value.id,
    role: value.role,
    content: value.content,
    // A reload during an answer leaves it marked streaming: it was cut off.
    status: status === 'streaming' ? 'stopped' : status,
    context: contextOf(value.context),
    error: errorOf(value.error),
    stats: statsOf(value.stats),
  };
}

/** The valid part of whatever was stored under the history key. */
export function loadHistory(stored: unknown): LoadedHistory {
  if (!Array.isArray(stored)) return { conversations: [], dropped: stored === undefined || stored === null ? 0 : 1 };
  let dropped = 0;
  const conversations: Conversation[] = [];
  for (const value of stored) {
    if (!isRow(value) || !isString(value.id) || !Array.isArray(value.messages)) {
      dropped++;
      continue;
    }
    const messages: StoredMessage[] = [];
    for (const raw of value.messages) {
      const message = messageOf(raw);
      if (message) messages.push(message);
      else dropped++;
    }
    const now = Date.now();
    conversations.push({
      id: value.id,
      title: isString(value.title) && value.title.trim() ? value.title : 'New chat',
      createdAt: typeof value.createdAt === 'number' ? value.createdAt : now,
      updatedAt: typeof value.updatedAt === 'number' ? value.updatedAt : now,
      messages,
    });
  }
  return { conversations, dropped };
}
