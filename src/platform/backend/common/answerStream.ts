// The one loop that reads a model's streamed answer, for every feature that streams one (chat, edits, the
// vscode.lm provider, commit messages): it hands each piece to the feature, keeps the text, stops a looping
// answer (closing the request by leaving the stream), notes an answer cut at the token limit, and says how it
// ended. Pure: the vscode glue (activity, cancellation, failure report) is platform/connection's modelStream.
import type { StreamStats, TextChunk } from './modelTypes';
import { repetitionCut } from '../../prompt/common/repetition';

/** How an answer ended: whole, at the token limit, stopped because it looped, or cancelled by the user. */
type AnswerEnd = 'done' | 'length' | 'repetition' | 'cancelled';

export interface StreamedAnswer {
  /** The answer (before the loop, when it looped). */
  readonly text: string;
  readonly stopped: AnswerEnd;
  /** The server's final counts, when the stream got that far. */
  readonly stats?: StreamStats;
  /** When the first text arrived (by `now`), for time-to-first-token. */
  readonly firstTextAt?: number;
}

interface AnswerStreamOptions {
  /** Aborted by the user: the answer so far resolves as `cancelled` instead of a failure. */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

/**
 * Reads `chunks` to the end, calling `onText(piece, textSoFar)` for each piece of text. A failure of the stream
 * is thrown as it came, unless `signal` was aborted (then the answer so far is `cancelled`).
 */
export async function readAnswer(
  chunks: AsyncIterable<TextChunk>,
  onText: (piece: string, text: string) => void,
  options: AnswerStreamOptions = {},
): Promise<StreamedAnswer> {
  const now = options.now ?? Date.now;
  let text = '';
  let stats: StreamStats | undefined;
  let firstTextAt: number | undefined;
  let stopped: AnswerEnd = 'done';
  try {
    for await (const chunk of chunks) {
      if (chunk.stats) stats = chunk.stats;
      if (chunk.stats?.doneReason === 'length') stopped = 'length';
      if (!chunk.text) continue;
      firstTextAt ??= now();
      text += chunk.text;
      onText(chunk.text, text);
      const cut = chunk.text.includes('\n') ? repetitionCut(text) : undefined;
      if (cut !== undefined) {
        // Leaving the loop closes the request; the answer keeps the text before the loop and its first round.
        text = text.slice(0, cut);
        stopped = 'repetition';
        break;
      }
    }
  } catch (error) {
    if (options.signal?.aborted) return { text, stopped: 'cancelled', stats, firstTextAt };
    throw error;
  }
  return { text, stopped, stats, firstTextAt };
}
