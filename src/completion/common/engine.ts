// The completion pipeline from a snapshot to clean text: prefilter → typed-ahead → cache → the request in
// flight → debounce → prompt → model stream → cleanup. At most one model request runs at a time; a request
// that no longer fits what the user typed is aborted (its HTTP request closed, so Ollama stops).
import { cacheKey, LruCache, remainderAfterTyping, TypedAhead } from './completionCache';
import { buildCompletionPrompt, completionMarkers, cursorContext, proseIsContent } from './completionPrompt';
import { skipReason, DEFAULT_PREFILTER } from './prefilter';
import { DEFAULT_WINDOW, linePrefixOf } from './snapshot';
import { continuesWarmUp, promptText, untilSettled, type WarmUp } from './warmUp';
import { delay, firstUsefulLine, MAX_LINES, type CompleteRequest, type CompleteResult, type EngineDeps } from './completionRequest';
import { CompletionStats } from './completionStats';
import { InFlightRequest, type InFlightKey } from './inFlight';
import { Emitter } from '../../platform/lifecycle/common/lifecycle';
import { wantsMultiline } from './codeShape';
import { cleanup } from './transforms';
import { finish, type Fitted } from './lineFit';
import type { CompletionPrompt } from '../../platform/backend/common/modelTypes';

export { MAX_LINES, type CompleteRequest, type CompleteResult, type EngineDeps } from './completionRequest';

export class CompletionEngine {
  private readonly statsValue = new CompletionStats();
  private readonly cache = new LruCache<Fitted>(200);
  private readonly typedAhead = new TypedAhead();
  private inFlight?: InFlightRequest<Fitted>;
  private warming?: WarmUp;
  private readonly finishedBlock = new Emitter<InFlightKey>();
  /** A request whose first line was shown early has ended: asking again at its position gives all of it. */
  readonly onDidFinishBlock = this.finishedBlock.event;

  constructor(private readonly deps: EngineDeps) {}

  /** Local statistics, read-only: only the engine counts. */
  get stats(): Pick<CompletionStats, 'snapshot' | 'summary' | 'reset'> {
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
    this.abortWarmUp();
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

  /**
   * Sends the prompt for a position with a one-token limit, so Ollama has it cached before the user pauses there;
   * never while a request or another warm-up runs. A completion at that position waits for it; others abort it.
   */
  warm(request: Omit<CompleteRequest, 'debounceMs' | 'signal' | 'explicit'>): boolean {
    if (this.inFlight || this.warming) return false;
    if (skipReason(request.snapshot, { ...DEFAULT_PREFILTER, ...request.prefilter, explicit: true })) return false;
    const prompt = this.promptFor(request);
    const controller = new AbortController();
    this.statsValue.count('warmUps');
    const text = promptText(prompt);
    // The prompt up to the text typed on the cursor line (the end of the pre-filled answer).
    const stable = text.length - linePrefixOf(request.snapshot).length;
    const warmUp: WarmUp = { controller, model: request.model, text, stable, done: Promise.resolve() };
    this.warming = warmUp;
    warmUp.done = (async () => {
      try {
        for await (const _piece of this.deps.stream({ ...prompt, numPredict: 1 }, request.model, controller.signal)) {
          // Only the prompt evaluation matters.
        }
      } catch (error) {
        if (!controller.signal.aborted) this.deps.log?.(`cache warm-up failed: ${String(error)}`);
      } finally {
        if (this.warming === warmUp) this.warming = undefined;
      }
    })();
    return true;
  }

  /**
   * Asks for the continuation at the cursor right after an accept, in the background: the answer waits in
   * the cache, typed-ahead or in flight for the next keystrokes, and a keystroke that does not match aborts it.
   */
  prefetch(request: Omit<CompleteRequest, 'debounceMs' | 'explicit'>): void {
    if (this.inFlight) return;
    this.statsValue.count('prefetches');
    void this.complete({ ...request, debounceMs: 0, explicit: true });
  }

  /** Whether a warm-up request runs now. */
  get warmingUp(): boolean {
    return this.warming !== undefined;
  }

  private abortWarmUp(): void {
    if (!this.warming) return;
    this.warming.controller.abort();
    this.warming = undefined;
    this.deps.log?.('cache warm-up aborted: a completion needs the slot');
  }

  /**
   * A request whose prompt continues the running warm-up's (the user typed where it warmed) waits for it: the
   * warm-up is evaluating exactly what that request needs, and closing it would throw away the part of a batch
   * already done. Any other request aborts the warm-up.
   */
  private settleWarmUp(prompt: CompletionPrompt, model: string): Promise<void> | undefined {
    const warming = this.warming;
    if (!warming) return undefined;
    if (warming.model === model && continuesWarmUp(warming, promptText(prompt))) {
      this.deps.log?.('completion waits for the cache warm-up of its position');
      return warming.done;
    }
    this.abortWarmUp();
    return undefined;
  }

  private promptFor(request: Pick<CompleteRequest, 'snapshot' | 'style' | 'snippets' | 'numCtx' | 'singleLineOnly'>): CompletionPrompt {
    const cursor = cursorContext(request.snapshot);
    const multiline = !request.singleLineOnly;
    // The answer decides its own length; this only sizes the token limit.
    const blockExpected = multiline && wantsMultiline(cursor.linePrefix, cursor.lineSuffix, cursor.previousLines);
    return (this.deps.buildPrompt ?? buildCompletionPrompt)(
      {
        snapshot: request.snapshot,
        snippets: request.snippets,
        multiline,
        blockExpected,
        numCtx: request.numCtx,
        block: DEFAULT_WINDOW.block,
      },
      request.style,
    );
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
    const early = await this.firstLineOf(flight, request);
    if (early) {
      this.statsValue.recordLatency(this.deps.now() - started);
      return early;
    }
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

  /**
   * For an answer that goes on past its first useful line (a block) at the end of a line: that line as soon
   * as it is complete, while the request streams on. When the block is complete, onDidFinishBlock fires; the
   * same position is then served the whole block from the cache.
   */
  private async firstLineOf(flight: InFlightRequest<Fitted>, request: CompleteRequest, typed = ''): Promise<CompleteResult | undefined> {
    const cursor = cursorContext(request.snapshot);
    if (request.singleLineOnly || cursor.lineSuffix.trim() !== '') return undefined;
    const useful = (partial: string) => {
      const head = firstUsefulLine(partial);
      return head !== undefined && head.length > typed.length && head.startsWith(typed) ? head.slice(typed.length) : undefined;
    };
    await flight.until((partial) => useful(partial) !== undefined, request.signal);
    const head = useful(flight.partial);
    if (head === undefined || flight.finished || request.signal.aborted) return undefined;
    const fitted = finish(head, cursor);
    if (!fitted.text) return undefined;
    void flight.result.then((whole) => {
      if (whole) this.finishedBlock.fire(flight.key);
    });
    return { ...fitted, source: typed ? 'inFlight' : 'model', firstLineOnly: true };
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
    const early = await this.firstLineOf(flight, request, typed);
    if (early) return early;
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
    const prompt = this.promptFor(request);
    const warmUp = this.settleWarmUp(prompt, model);
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
          if (warmUp && !(await untilSettled(warmUp, signal))) return undefined;
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
