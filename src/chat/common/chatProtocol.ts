// Messages between the chat webview and the extension: discriminated unions with `area/verb` names. Every
// stream carries a requestId and ends with chat/done or chat/error. Everything the (untrusted) webview sends
// goes through parseWebviewMessage: shape, types and size are checked; anything else is dropped.

import { isUserAction, type UserAction } from '../../platform/connection/common/userActions';
import { isContextSource, type ContextSource } from './contextFormatting';
import type { SlashEntry } from './slashParsing';
import type { AnswerStats, ContextUse } from './answerReadouts';

type MessageRole = 'user' | 'assistant';
export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface ContextChip {
  readonly id: string;
  readonly kind: 'selection' | 'file' | 'instructions' | 'problems' | 'diff' | 'terminal';
  /** What the chip shows, e.g. `app.ts:10-24` or `app.ts`. */
  readonly label: string;
  /** Whether it goes into the next question (the selection chip can be removed). */
  readonly auto?: boolean;
}

export interface ViewMessage {
  readonly id: string;
  readonly role: MessageRole;
  readonly content: string;
  readonly status: MessageStatus;
  readonly context?: readonly string[];
  readonly error?: ViewError;
  readonly stats?: AnswerStats;
}

export interface ViewError {
  readonly message: string;
  readonly actions: readonly UserAction[];
}

export interface HistoryEntry {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
}

export interface ViewState {
  readonly conversationId: string;
  readonly title: string;
  readonly messages: readonly ViewMessage[];
  readonly history: readonly HistoryEntry[];
  /** Questions sent from the input in any window, oldest first (Up recalls them). */
  readonly inputHistory: readonly string[];
  readonly models: readonly string[];
  readonly model: string;
  readonly chips: readonly ContextChip[];
  /** e.g. "Loading phi4…" or "Ollama is not reachable". Empty when ready. */
  readonly banner: string;
  readonly busy: boolean;
  /** How full the context window is with this conversation. */
  readonly contextUse: ContextUse;
}

export type ExtensionToWebview =
  | { readonly type: 'view/state'; readonly state: ViewState }
  | { readonly type: 'view/notice'; readonly text: string }
  | { readonly type: 'view/banner'; readonly text: string }
  | { readonly type: 'chat/start'; readonly requestId: string; readonly user: ViewMessage; readonly assistantId: string }
  | { readonly type: 'chat/chunk'; readonly requestId: string; readonly text: string }
  | { readonly type: 'chat/done'; readonly requestId: string; readonly stopped: boolean; readonly stats?: AnswerStats }
  | { readonly type: 'view/context'; readonly contextUse: ContextUse }
  | { readonly type: 'chat/error'; readonly requestId: string; readonly error: ViewError }
  | { readonly type: 'context/update'; readonly chips: readonly ContextChip[] }
  | { readonly type: 'input/focus' }
  | { readonly type: 'slash/entries'; readonly entries: readonly SlashEntry[] }
  /** The list of earlier chats changed (a chat got its first answer, a new title). */
  | { readonly type: 'history/update'; readonly history: readonly HistoryEntry[] }
  /** The chats matching a search in the history panel, newest first. */
  | { readonly type: 'history/results'; readonly query: string; readonly ids: readonly string[] };

export type WebviewToExtension =
  | { readonly type: 'webview/ready' }
  | { readonly type: 'chat/send'; readonly text: string }
  | { readonly type: 'chat/cancel'; readonly requestId: string }
  | { readonly type: 'chat/retry' }
  /** The last question, edited: replaces the last turn. */
  | { readonly type: 'chat/edit'; readonly text: string }
  | { readonly type: 'chat/new' }
  | { readonly type: 'history/restore'; readonly id: string }
  | { readonly type: 'history/rename'; readonly id: string; readonly title: string }
  | { readonly type: 'history/delete'; readonly id: string }
  | { readonly type: 'history/search'; readonly query: string }
  | { readonly type: 'context/remove'; readonly id: string }
  | { readonly type: 'context/pickFile' }
  | { readonly type: 'context/add'; readonly source: ContextSource }
  | { readonly type: 'context/addCurrentFile' }
  | { readonly type: 'code/copy'; readonly code: string }
  | { readonly type: 'code/insert'; readonly code: string }
  | { readonly type: 'code/apply'; readonly code: string; readonly language: string }
  | { readonly type: 'link/open'; readonly href: string }
  | { readonly type: 'model/select'; readonly model: string }
  | { readonly type: 'action/run'; readonly action: UserAction };

/** Largest message accepted from the webview, in characters of its JSON form. */
export const MAX_WEBVIEW_MESSAGE = 256 * 1024;
const MAX_TEXT = 100_000;
const MAX_ID = 100;

type Field = 'text' | 'id' | 'model' | 'language' | 'href' | 'title';
const LIMITS: Record<Field, number> = { text: MAX_TEXT, id: MAX_ID, model: 200, language: 40, href: 2048, title: 200 };

/** Expected string fields of each message type (beyond `type`). */
const SHAPES: { readonly [K in WebviewToExtension['type']]: Readonly<Record<string, Field>> } = {
  'webview/ready': {},
  'chat/send': { text: 'text' },
  'chat/cancel': { requestId: 'id' },
  'chat/retry': {},
  'chat/edit': { text: 'text' },
  'chat/new': {},
  'history/restore': { id: 'id' },
  'history/rename': { id: 'id', title: 'title' },
  'history/delete': { id: 'id' },
  'history/search': { query: 'title' },
  'context/remove': { id: 'id' },
  'context/pickFile': {},
  'context/add': { source: 'id' },
  'context/addCurrentFile': {},
  'code/copy': { code: 'text' },
  'code/insert': { code: 'text' },
  'code/apply': { code: 'text', language: 'language' },
  'link/open': { href: 'href' },
  'model/select': { model: 'model' },
  'action/run': { action: 'id' },
};

/** Returns the message when it is a well-formed WebviewToExtension message, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewToExtension | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  let size: number;
  try {
    size = JSON.stringify(value).length;
  } catch {
    return undefined;
  }
  if (size > MAX_WEBVIEW_MESSAGE) return undefined;
  const message = value as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(message, 'type') || typeof message.type !== 'string') return undefined;
  if (!Object.prototype.hasOwnProperty.call(SHAPES, message.type)) return undefined;
  const shape = SHAPES[message.type as WebviewToExtension['type']];
  // Own properties only: `valueOf` or `constructor` must not pass for a field through the prototype.
  const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
  const keys = Object.keys(message).filter((key) => key !== 'type');
  if (keys.length !== Object.keys(shape).length) return undefined;
  const checked: Record<string, string> = { type: message.type };
  for (const [key, field] of Object.entries(shape)) {
    if (!own(message, key)) return undefined;
    const fieldValue = message[key];
    if (typeof fieldValue !== 'string' || fieldValue.length > LIMITS[field]) return undefined;
    if ((field === 'title' || field === 'model') && !fieldValue.trim()) return undefined;
    checked[key] = fieldValue;
  }
  if (checked.type === 'action/run' && !isUserAction(checked.action)) return undefined;
  if (checked.type === 'context/add' && !isContextSource(checked.source)) return undefined;
  if (checked.type === 'chat/send' && !checked.text.trim()) return undefined;
  // A fresh plain object: nothing of the sender's object (getters, prototype) goes further.
  return checked as unknown as WebviewToExtension;
}

/** Only web links may be opened from model output. */
export function isSafeLink(href: string): boolean {
  try {
    const url = new URL(href);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}
