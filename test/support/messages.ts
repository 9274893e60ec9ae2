// Stored chat messages for unit tests.
import type { StoredMessage } from '../../src/chat/common/conversation';

/** A finished message; `extra` overrides any field (status, context, error…). */
export function storedMessage(role: 'user' | 'assistant', content: string, extra: Partial<StoredMessage> = {}): StoredMessage {
  return { id: `${role}${content.length}`, role, content, status: 'done', ...extra };
}
