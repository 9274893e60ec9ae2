// What the chat model is sent: a system prompt tuned for phi4, context blocks with the question, and as much
// history as fits num_ctx (oldest turns dropped first, and the caller told how many).
import { cutToTokens, estimateTokens } from '../../platform/prompt/common/tokens';
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import type { StoredMessage } from './conversation';
import { withInstructions, type ProjectInstructions } from '../../platform/prompt/common/projectInstructions';
import type { ChatMessage } from '../../platform/backend/common/modelTypes';

export const CHAT_SYSTEM_PROMPT =
  'You are Phi Local, a coding assistant running locally inside VS Code. Answer concisely and precisely. ' +
  'Put code in fenced code blocks with a language tag (```ts, ```python …). When you change code, show the ' +
  'complete changed function or file section so it can be applied as is. If you are not sure, say so. ' +
  'Do not invent APIs.';

interface BuiltChat {
  readonly messages: ChatMessage[];
  /** Earlier turns (user + assistant pairs) left out to fit. */
  readonly droppedTurns: number;
  /** Context blocks cut because even alone they did not fit. */
  readonly truncatedContext: boolean;
  readonly promptTokens: number;
}

export function withContext(question: string, context: readonly ContextBlock[] | undefined): string {
  if (!context?.length) return question;
  const blocks = context.map((c) => `\`${c.label}\`:\n\`\`\`${c.language}\n${c.text}\n\`\`\``).join('\n\n');
  return `${blocks}\n\n${question}`;
}

/** Template tokens around each message. */
export const PER_MESSAGE_TOKENS = 6;

/**
 * `messages` is the conversation up to and including the new user message. Context goes with its user
 * message; history is added newest first while it fits `numCtx - reserveForAnswer`.
 */
export function buildChat(
  messages: readonly StoredMessage[],
  numCtx: number,
  reserveForAnswer = 1024,
  instructions?: ProjectInstructions,
): BuiltChat {
  const budget = Math.max(512, numCtx - reserveForAnswer);
  const system: ChatMessage = { role: 'system', content: withInstructions(CHAT_SYSTEM_PROMPT, instructions) };
  let used = estimateTokens(system.content) + PER_MESSAGE_TOKENS;
  const usable = messages.filter((m) => m.content.trim() && (m.role === 'user' || m.status !== 'error'));
  const last = usable[usable.length - 1];
  if (!last || last.role !== 'user') throw new Error('the conversation must end with a user message');

  // The new question always goes, with as much of its context as fits.
  let truncatedContext = false;
  let question = withContext(last.content, last.context);
  let cost = estimateTokens(question) + PER_MESSAGE_TOKENS;
  if (used + cost > budget) {
    truncatedContext = true;
    const blocks = last.context ?? [];
    const room = Math.max(64, budget - used - estimateTokens(last.content) - 64 - blocks.length * 24);
    const shortened = blocks.map((c) => ({
      ...c,
      text: `${cutToTokens(c.text, Math.floor(room / blocks.length))}\n… (cut to fit the context window)`,
    }));
    question = withContext(last.content, shortened);
    cost = estimateTokens(question) + PER_MESSAGE_TOKENS;
  }
  used += cost;

  const history: ChatMessage[] = [];
  let dropped = 0;
  const earlier = usable.slice(0, -1);
  for (let i = earlier.length - 1; i >= 0; i--) {
    const message = earlier[i];
    const content = message.role === 'user' ? withContext(message.content, message.context) : message.content;
    const messageCost = estimateTokens(content) + PER_MESSAGE_TOKENS;
    if (used + messageCost > budget) {
      dropped = earlier.slice(0, i + 1).filter((m) => m.role === 'user').length;
      break;
    }
    used += messageCost;
    history.unshift({ role: message.role, content });
  }
  // A history that starts with an assistant answer has lost its question: drop it too.
  while (history.length && history[0].role === 'assistant') history.shift();
  return {
    messages: [system, ...history, { role: 'user', content: question }],
    droppedTurns: dropped,
    truncatedContext,
    promptTokens: used,
  };
}
