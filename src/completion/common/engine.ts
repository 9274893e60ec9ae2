// The completion pipeline from a snapshot to clean text: prefilter → typed-ahead → cache → the request in
// flight → debounce → prompt → model stream → cleanup. At most one model request runs at a time; a request
// that no longer fits what the user typed is aborted (its HTTP request closed, so Ollama stops).
import { cacheKey, LruCache, remainderAfterTyping, TypedAhead } from './completionCache';
import { buildCompletionPrompt, completionMarkers, cursorContext, type CompletionPrompt, type PromptStyle, type Snippet } from './completionPrompt';
import { skipReason, type PrefilterOptions, DEFAULT_PREFILTER, type SkipReason } from './prefilter';
import type { CompletionSnapshot } from './snapshot';
import { CompletionStats } from './completionStats';
import { cleanup, finish, wantsMultiline } from './transforms';

export interface EngineDeps {
  /** Streams the model's raw answer for a prompt. Ending the iteration early must close the request. */
  stream(prompt: CompletionPrompt, model: string, signal: AbortSignal): AsyncIterable<string>;
  now(): number;
  log?(message: string): void;
  /** Replaces the prompt layout (the benchmark compares a naive one). */
  buildPrompt?: typeof buildCompletionPrompt;
}

export interface CompleteRequest {
  readonly snapshot: CompletionSnapshot;
  readonly model: string;
  readonly style: PromptStyle;
  readonly snippets: readonly Snippet[];
  readonly numCtx: number;
  readonly debounceMs: number;
  readonly singleLineOnly?: boolean;
  readonly explicit?: boolean;
  readonly prefilter?: Partial<PrefilterOptions>;
  /** Cancels this call (VS Code's token): the request in flight may live on for a following keystroke. */
  readonly signal: AbortSignal;
}

export type CompleteResult =
  | { readonly text: string; readonly source: 'model' | 'cache' | 'typedAhead' | 'inFlight' }
  | { readonly skipped: SkipReason | 'cancelled' | 'empty' | 'failed'; readonly error?: unknown };

interface InFlight {
  readonly model: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly controller: AbortController;
  readonly result: Promise<string | undefined>;
  /** Clean text so far. */
  partial: string;
  waiters: number;
  /** Called after each piece of text and at the end. */
  readonly listeners: Set<() => void>;
  error?: unknown;
}

const ORPHAN_GRACE_MS = 100;
export const WINDOW_BLOCK = 32;
export const MAX_LINES = 12;

function delay(ms: number, signal: AbortSignal): Promise<boolean> {
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

export class CompletionEngine {
  readonly stats = new CompletionStats();
  private readonly cache = new LruCache<string>(200);
  private readonly typedAhead = new TypedAhead();
  private inFlight?: InFlight;

  constructor(private readonly deps: EngineDeps) {}

  /** Forgets cached completions (e.g. after a model change). */
  reset(): void {
    this.cache.clear();
    this.typedAhead.clear();
    this.abortInFlight('reset');
  }

  /** Aborts the model request running now, if any. */
  abortInFlight(reason: string): void {
    const current = this.inFlight;
    if (!current) return;
    this.inFlight = undefined;
    if (!current.controller.signal.aborted) {
      current.controller.abort();
      this.stats.aborted++;
      this.deps.log?.(`completion request aborted (${reason})`);
    }
  }

  async complete(request: CompleteRequest): Promise<CompleteResult> {
    const started = this.deps.now();
    const { snapshot, model } = request;
    const skip = skipReason(snapshot, { ...DEFAULT_PREFILTER, ...request.prefilter, explicit: request.explicit });
    if (skip) {
      this.stats.skipped++;
      return { skipped: skip };
    }
    const keyInput = { model, prefix: snapshot.prefix, suffix: snapshot.suffix };
    const ahead = this.typedAhead.match(keyInput);
    if (ahead) {
      this.stats.typedAheadHits++;
      return { text: ahead, source: 'typedAhead' };
    }
    const key = cacheKey(keyInput);
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.stats.cacheHits++;
      return cached ? { text: cached, source: 'cache' } : { skipped: 'empty' };
    }

    const adopted = await this.adoptInFlight(request);
    if (adopted) {
      this.stats.recordLatency(this.deps.now() - started);
      return adopted;
    }
    if (request.signal.aborted) return { skipped: 'cancelled' };

    if (!(await delay(request.debounceMs, request.signal))) return { skipped: 'cancelled' };
    // While we waited, another call may have started a request for this same position.
    const again = await this.adoptInFlight(request);
    if (again) {
      this.stats.recordLatency(this.deps.now() - started);
      return again;
    }
    if (request.signal.aborted) return { skipped: 'cancelled' };

    const flight = this.start(request);
    const text = await this.wait(flight, request.signal);
    if (text === undefined) {
      if (flight.error !== undefined) {
        this.stats.failed++;
        return { skipped: 'failed', error: flight.error };
      }
      return { skipped: 'cancelled' };
    }
    this.stats.recordLatency(this.deps.now() - started);
    return text ? { text, source: 'model' } : { skipped: 'empty' };
  }

  /** Uses the request in flight when the user only typed on from where it was made, and its text agrees. */
  private async adoptInFlight(request: CompleteRequest): Promise<CompleteResult | undefined> {
    const flight = this.inFlight;
    if (!flight) return undefined;
    const { prefix, suffix } = request.snapshot;
    const compatible = flight.model === request.model && flight.suffix === suffix && prefix.startsWith(flight.prefix) && prefix.length - flight.prefix.length <= 400;
    const typed = compatible ? prefix.slice(flight.prefix.length) : '';
    if (!compatible) {
      this.abortInFlight('cursor moved on');
      return undefined;
    }
    // Decide as soon as the answer is as long as what was typed: no waiting for a suggestion that differs.
    await this.progress(flight, typed.length, request.signal);
    if (!flight.partial.startsWith(typed.slice(0, flight.partial.length)) || (flight.partial.length >= typed.length && !flight.partial.startsWith(typed))) {
      this.abortInFlight('typed text differs from the suggestion');
      return undefined;
    }
    const text = await this.wait(flight, request.signal);
    if (text === undefined) return undefined;
    if (!typed) return text ? { text, source: 'inFlight' } : { skipped: 'empty' };
    const rest = remainderAfterTyping(typed, text);
    return rest ? { text: rest, source: 'inFlight' } : undefined;
  }

  /** Resolves when the request's text has `length` characters, or it ended, or the call was cancelled. */
  private progress(flight: InFlight, length: number, signal: AbortSignal): Promise<void> {
    if (length === 0) return Promise.resolve();
    flight.waiters++;
    return new Promise((resolve) => {
      let done = false;
      const check = () => {
        if (done) return;
        if (flight.partial.length >= length || this.inFlight !== flight || signal.aborted) {
          done = true;
          flight.listeners.delete(check);
          signal.removeEventListener('abort', check);
          this.release(flight, signal);
          resolve();
        }
      };
      flight.listeners.add(check);
      signal.addEventListener('abort', check, { once: true });
      check();
    });
  }

  /** Waits for a request's text; if this call is cancelled and nobody else waits, the request is aborted. */
  private async wait(flight: InFlight, signal: AbortSignal): Promise<string | undefined> {
    flight.waiters++;
    let onAbort: (() => void) | undefined;
    const cancelled = new Promise<undefined>((resolve) => {
      onAbort = () => resolve(undefined);
      if (signal.aborted) resolve(undefined);
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([flight.result, cancelled]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
      this.release(flight, signal);
    }
  }

  /** One waiter less; a request nobody waits for any more is aborted unless a new call adopts it soon. */
  private release(flight: InFlight, signal: AbortSignal): void {
    flight.waiters--;
    if (flight.waiters === 0 && signal.aborted && this.inFlight === flight) {
      setTimeout(() => {
        if (flight.waiters === 0 && this.inFlight === flight) this.abortInFlight('no longer wanted');
      }, ORPHAN_GRACE_MS);
    }
  }

  private start(request: CompleteRequest): InFlight {
    this.abortInFlight('superseded');
    const { snapshot, model, style } = request;
    const cursor = cursorContext(snapshot);
    const multiline = !request.singleLineOnly && wantsMultiline(cursor.linePrefix, cursor.lineSuffix, cursor.previousLines);
    const prompt = (this.deps.buildPrompt ?? buildCompletionPrompt)({ snapshot, snippets: request.snippets, multiline, numCtx: request.numCtx, block: WINDOW_BLOCK }, style);
    const controller = new AbortController();
    const keyInput = { model, prefix: snapshot.prefix, suffix: snapshot.suffix };
    const flight: InFlight = {
      model,
      prefix: snapshot.prefix,
      suffix: snapshot.suffix,
      controller,
      partial: '',
      waiters: 0,
      listeners: new Set(),
      result: Promise.resolve(undefined),
    };
    this.stats.requests++;
    const context = {
      ...cursor,
      multiline,
      maxLines: MAX_LINES,
      markers: completionMarkers(style),
    };
    (flight as { result: Promise<string | undefined> }).result = (async () => {
      try {
        for await (const piece of cleanup(this.deps.stream(prompt, model, controller.signal), context)) {
          flight.partial += piece;
          this.stats.tokensGenerated++;
          for (const listener of [...flight.listeners]) listener();
        }
        if (controller.signal.aborted) return undefined;
        const text = finish(flight.partial, context);
        this.cache.set(cacheKey(keyInput), text);
        this.typedAhead.remember(keyInput, text);
        return text;
      } catch (error) {
        if (!controller.signal.aborted) flight.error = error;
        return undefined;
      } finally {
        if (this.inFlight === flight) this.inFlight = undefined;
        for (const listener of [...flight.listeners]) listener();
      }
    })();
    this.inFlight = flight;
    return flight;
  }
}
