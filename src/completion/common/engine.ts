// The completion pipeline from a snapshot to clean text: prefilter → typed-ahead → cache → the request in
// flight → debounce → prompt → model stream → cleanup. At most one model request runs at a time; a request
// that no longer fits what the user typed is aborted (its HTTP request closed, so Ollama stops).
import { cacheKey, LruCache, remainderAfterTyping, TypedAhead } from './completionCache';
import type { CompletionPrompt } from '../../platform/ollama/common/modelRequest';
import { buildCompletionPrompt, completionMarkers, cursorContext, type PromptStyle, type Snippet } from './completionPrompt';
import { skipReason, type PrefilterOptions, DEFAULT_PREFILTER, type SkipReason } from './prefilter';
import { DEFAULT_WINDOW, type CompletionSnapshot } from './snapshot';
import { CompletionStats } from './completionStats';
import { InFlightRequest } from './inFlight';
import { wantsMultiline } from './codeShape';
import { cleanup } from './transforms';
import { finish, type Fitted } from './lineFit';
import { proseIsContent } from './completionPrompt';

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

/** A completion: `text` inserted at the cursor in place of the `replace` characters after it. */
export type CompleteResult =
  | (Fitted & { readonly source: 'model' | 'cache' | 'typedAhead' | 'inFlight' })
  | { readonly skipped: SkipReason | 'cancelled' | 'empty' | 'failed'; readonly error?: unknown };

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
  private readonly statsValue = new CompletionStats();
  private readonly cache = new LruCache<Fitted>(200);
  private readonly typedAhead = new TypedAhead();
  private inFlight?: InFlightRequest<Fitted>;

  constructor(private readonly deps: EngineDeps) {}

  /** Local statistics, read-only: only the engine counts. */
  get stats(): Pick<CompletionStats, 'snapshot' | 'summary'> {
    return this.statsValue;
  }

  /** The editor showed a suggestion this engine produced. */
  recordShown(): void {
    this.statsValue.count('shown');
  }

  /** The user accepted a suggestion. */
  recordAccepted(): void {
    this.statsValue.count('accepted');
  }

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
      current.abort();
      this.statsValue.count('aborted');
      this.deps.log?.(`completion request aborted (${reason})`);
    }
  }

  async complete(request: CompleteRequest): Promise<CompleteResult> {
    const started = this.deps.now();
    const { snapshot, model } = request;
    const skip = skipReason(snapshot, { ...DEFAULT_PREFILTER, ...request.prefilter, explicit: request.explicit });
    if (skip) {
      this.statsValue.count('skipped');
      return { skipped: skip };
    }
    const keyInput = { model, prefix: snapshot.prefix, suffix: snapshot.suffix };
    const ahead = this.typedAhead.match(keyInput);
    if (ahead) {
      this.statsValue.count('typedAheadHits');
      return { ...ahead, source: 'typedAhead' };
    }
    const cached = this.cache.get(cacheKey(keyInput));
    if (cached !== undefined) {
      this.statsValue.count('cacheHits');
      // An empty answer is an answer too: the same position does not ask again.
      return cached.text ? { ...cached, source: 'cache' } : { skipped: 'empty' };
    }

    const adopted = await this.adoptInFlight(request);
    if (adopted) {
      this.statsValue.recordLatency(this.deps.now() - started);
      return adopted;
    }
    if (request.signal.aborted) return { skipped: 'cancelled' };

    if (!(await delay(request.debounceMs, request.signal))) return { skipped: 'cancelled' };
    // While we waited, another call may have started a request for this same position.
    const again = await this.adoptInFlight(request);
    if (again) {
      this.statsValue.recordLatency(this.deps.now() - started);
      return again;
    }
    if (request.signal.aborted) return { skipped: 'cancelled' };

    const flight = this.start(request);
    const fitted = await flight.wait(request.signal);
    if (fitted === undefined) {
      if (flight.error !== undefined) {
        this.statsValue.count('failed');
        return { skipped: 'failed', error: flight.error };
      }
      return { skipped: 'cancelled' };
    }
    this.statsValue.recordLatency(this.deps.now() - started);
    return fitted.text ? { ...fitted, source: 'model' } : { skipped: 'empty' };
  }

  /** Uses the request in flight when the user only typed on from where it was made, and its text agrees. */
  private async adoptInFlight(request: CompleteRequest): Promise<CompleteResult | undefined> {
    const flight = this.inFlight;
    if (!flight) return undefined;
    const typed = flight.typedSince({ model: request.model, prefix: request.snapshot.prefix, suffix: request.snapshot.suffix });
    if (typed === undefined) {
      this.abortInFlight('cursor moved on');
      return undefined;
    }
    // Decide as soon as the answer is as long as what was typed: no waiting for a suggestion that differs.
    await flight.progress(typed.length, request.signal);
    if (!flight.agreesWith(typed)) {
      this.abortInFlight('typed text differs from the suggestion');
      return undefined;
    }
    const fitted = await flight.wait(request.signal);
    if (fitted === undefined) return undefined;
    if (!typed) return fitted.text ? { ...fitted, source: 'inFlight' } : { skipped: 'empty' };
    const rest = remainderAfterTyping(typed, fitted.text);
    return rest ? { text: rest, replace: fitted.replace, source: 'inFlight' } : undefined;
  }

  private start(request: CompleteRequest): InFlightRequest<Fitted> {
    this.abortInFlight('superseded');
    const { snapshot, model, style } = request;
    const cursor = cursorContext(snapshot);
    const multiline = !request.singleLineOnly;
    // The answer decides its own length; this only sizes the token limit.
    const blockExpected = multiline && wantsMultiline(cursor.linePrefix, cursor.lineSuffix, cursor.previousLines);
    const prompt = (this.deps.buildPrompt ?? buildCompletionPrompt)(
      { snapshot, snippets: request.snippets, multiline, blockExpected, numCtx: request.numCtx, block: DEFAULT_WINDOW.block },
      style,
    );
    const key = { model, prefix: snapshot.prefix, suffix: snapshot.suffix };
    const context = {
      ...cursor,
      multiline,
      maxLines: MAX_LINES,
      markers: completionMarkers(style),
      proseIsContent: proseIsContent(snapshot.languageId),
    };
    this.statsValue.count('requests');
    // Declared first: a stream that fails at once ends the request inside the constructor.
    let flight: InFlightRequest<Fitted> | undefined = undefined;
    flight = new InFlightRequest<Fitted>(
      key,
      new AbortController(),
      async (append, signal) => {
        try {
          let text = '';
          for await (const piece of cleanup(this.deps.stream(prompt, model, signal), context)) {
            text += piece;
            this.statsValue.count('tokensGenerated');
            append(piece);
          }
          if (signal.aborted) return undefined;
          const fitted = finish(text, context);
          this.cache.set(cacheKey(key), fitted);
          this.typedAhead.remember(key, fitted.text, fitted.replace);
          return fitted;
        } finally {
          if (this.inFlight === flight) this.inFlight = undefined;
        }
      },
      (orphan) => {
        if (this.inFlight === orphan) this.abortInFlight('no longer wanted');
      },
    );
    this.inFlight = flight;
    return flight;
  }
}
