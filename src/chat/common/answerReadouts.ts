// What the chat shows about its own cost: per answer, the time to the first token, the generation speed and
// the prompt size (Ollama's final stats); per conversation, how much of the context window it fills. Pure.
import { estimateTokens } from '../../platform/prompt/common/tokens';
import { withInstructions, type ProjectInstructions } from '../../platform/prompt/common/projectInstructions';
import { withContext, CHAT_SYSTEM_PROMPT, PER_MESSAGE_TOKENS } from './chatPrompt';
import type { StoredMessage } from './conversation';
import type { StreamStats } from '../../platform/backend/common/modelTypes';

export interface AnswerStats {
  /** From sending the question to the first text of the answer, ms. */
  readonly firstTokenMs?: number;
  /** Tokens generated per second of generation (eval_count / eval_duration). */
  readonly tokensPerSecond?: number;
  /** Prompt tokens the model read (prompt_eval_count). */
  readonly promptTokens?: number;
}

export interface ContextUse {
  /** Tokens the whole conversation takes: the system text, every turn and its context. */
  readonly used: number;
  /** Tokens it may take before the oldest turns are left out (num_ctx minus the room kept for the answer). */
  readonly budget: number;
}

/** The share of the budget at which the gauge warns, before turns get dropped. */
export const CONTEXT_WARNING = 0.8;

export function answerStats(sentAt: number, firstTextAt: number | undefined, final: StreamStats | undefined): AnswerStats | undefined {
  const firstTokenMs = firstTextAt === undefined ? undefined : Math.max(0, Math.round(firstTextAt - sentAt));
  const evalMs = final?.evalDurationMs;
  const tokensPerSecond = final?.evalCount && evalMs && evalMs > 0 ? Math.round((final.evalCount / evalMs) * 10_000) / 10 : undefined;
  const promptTokens = final?.promptEvalCount;
  if (firstTokenMs === undefined && tokensPerSecond === undefined && promptTokens === undefined) return undefined;
  return { firstTokenMs, tokensPerSecond, promptTokens };
}

/** Parses stored stats defensively: only finite, non-negative numbers survive. */
export function statsOf(value: unknown): AnswerStats | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const row = value as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  const stats = { firstTokenMs: num(row.firstTokenMs), tokensPerSecond: num(row.tokensPerSecond), promptTokens: num(row.promptTokens) };
  return Object.values(stats).some((v) => v !== undefined) ? stats : undefined;
}

/** How full the context window is with the whole conversation (a question being asked included). */
export function contextUse(
  messages: readonly StoredMessage[],
  numCtx: number,
  instructions?: ProjectInstructions,
  reserveForAnswer = 1024,
): ContextUse {
  let used = estimateTokens(withInstructions(CHAT_SYSTEM_PROMPT, instructions)) + PER_MESSAGE_TOKENS;
  for (const message of messages) {
    if (!message.content.trim() || (message.role === 'assistant' && message.status === 'error')) continue;
    const content = message.role === 'user' ? withContext(message.content, message.context) : message.content;
    used += estimateTokens(content) + PER_MESSAGE_TOKENS;
  }
  return { used, budget: Math.max(512, numCtx - reserveForAnswer) };
}
