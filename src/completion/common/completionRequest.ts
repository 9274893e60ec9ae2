// What the completion engine is asked and answers, and the small helpers of its pipeline.
import type { buildCompletionPrompt, Snippet } from './completionPrompt';
import type { PrefilterOptions, SkipReason } from './prefilter';
import type { CompletionSnapshot } from './snapshot';
import type { Fitted } from './lineFit';
import type { CompletionPrompt, PromptFormat } from '../../platform/backend/common/modelTypes';

export interface EngineDeps {
  /** Streams the model's raw answer for a prompt. Ending the iteration early must close the request. */
  stream(prompt: CompletionPrompt, model: string, signal: AbortSignal): AsyncIterable<string>;
  now(): number;
  log?(message: string): void;
  /** The prompt builder (today's layout unless given): the benchmark passes the layouts it compares (bench/promptLayouts). */
  buildPrompt?: typeof buildCompletionPrompt;
}

export interface CompleteRequest {
  readonly snapshot: CompletionSnapshot;
  readonly model: string;
  readonly style: PromptFormat;
  readonly snippets: readonly Snippet[];
  readonly numCtx: number;
  readonly debounceMs: number;
  readonly singleLineOnly?: boolean;
  readonly explicit?: boolean;
  readonly prefilter?: Partial<PrefilterOptions>;
  /** Cancels this call (VS Code's token): the request in flight may live on for a following keystroke. */
  readonly signal: AbortSignal;
}

/** A completion: `text` inserted at the cursor in place of the `replace` characters after it. */
export type CompleteResult =
  | (Fitted & {
      readonly source: 'model' | 'cache' | 'typedAhead' | 'inFlight';
      /** The first line of a block still streaming: the whole block follows (onDidFinishBlock). */
      readonly firstLineOnly?: true;
    })
  | { readonly skipped: SkipReason | 'cancelled' | 'empty' | 'failed'; readonly error?: unknown };

export const MAX_LINES = 12;

/** The text up to the end of its first non-blank line, when that line is complete and more follows. */
export function firstUsefulLine(partial: string): string | undefined {
  const match = /^\s*?[^\n]*\S[^\n]*(?=\n)/.exec(partial);
  return match ? match[0] : undefined;
}

export function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!signal.aborted);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
