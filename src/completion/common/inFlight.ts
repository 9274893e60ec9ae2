// The model request running now, shared by the keystrokes that follow it: a later call whose text only
// typed on from where the request was made waits for it instead of starting another (like Continue's
// generator reuse). Knows its waiters; when the last one leaves, it tells its owner, who may abort it.

export interface InFlightKey {
  readonly model: string;
  readonly prefix: string;
  readonly suffix: string;
}

/** How far the text may run ahead of the request before a new one is cheaper. */
const MAX_TYPED_AHEAD = 400;
/** A request nobody waits for lives this long, for the next keystroke to adopt it. */
export const ORPHAN_GRACE_MS = 100;

export class InFlightRequest<R = string> {
  /** Clean text so far. */
  partial = '';
  /** Set when the request failed (not when it was aborted). */
  error?: unknown;
  readonly result: Promise<R | undefined>;
  private waiters = 0;
  private ended = false;
  private readonly listeners = new Set<() => void>();

  /**
   * `run` produces the pieces of clean text; its return value is the final text (undefined: aborted).
   * `onOrphaned` is called when the last waiter left a cancelled call and nobody adopted the request since.
   */
  constructor(
    readonly key: InFlightKey,
    readonly controller: AbortController,
    run: (append: (piece: string) => void, signal: AbortSignal) => Promise<R | undefined>,
    private readonly onOrphaned: (request: InFlightRequest<R>) => void,
  ) {
    this.result = (async () => {
      try {
        return await run((piece) => {
          this.partial += piece;
          this.notify();
        }, controller.signal);
      } catch (error) {
        if (!controller.signal.aborted) this.error = error;
        return undefined;
      } finally {
        this.ended = true;
        this.notify();
      }
    })();
  }

  get finished(): boolean {
    return this.ended || this.controller.signal.aborted;
  }

  abort(): void {
    this.controller.abort();
    this.notify();
  }

  /**
   * What was typed since the request was made, when `key` only typed on from it (same model, same text
   * after the cursor, not too far); undefined when the request does not fit `key` at all.
   */
  typedSince(key: InFlightKey): string | undefined {
    const fits =
      this.key.model === key.model &&
      this.key.suffix === key.suffix &&
      key.prefix.startsWith(this.key.prefix) &&
      key.prefix.length - this.key.prefix.length <= MAX_TYPED_AHEAD;
    return fits ? key.prefix.slice(this.key.prefix.length) : undefined;
  }

  /** Whether the text so far still agrees with `typed` (as far as both go). */
  agreesWith(typed: string): boolean {
    if (!this.partial.startsWith(typed.slice(0, this.partial.length))) return false;
    return this.partial.length < typed.length || this.partial.startsWith(typed);
  }

  /** Resolves when the text has `length` characters, or the request ended, or `signal` was aborted. */
  progress(length: number, signal: AbortSignal): Promise<void> {
    if (length === 0) return Promise.resolve();
    return this.until((partial) => partial.length >= length, signal);
  }

  /** Resolves when `ready` holds for the text so far, or the request ended, or `signal` was aborted. */
  until(ready: (partial: string) => boolean, signal: AbortSignal): Promise<void> {
    this.waiters++;
    return new Promise((resolve) => {
      let done = false;
      const check = () => {
        if (done) return;
        if (ready(this.partial) || this.finished || signal.aborted) {
          done = true;
          this.listeners.delete(check);
          signal.removeEventListener('abort', check);
          this.release(signal);
          resolve();
        }
      };
      this.listeners.add(check);
      signal.addEventListener('abort', check, { once: true });
      check();
    });
  }

  /** The final text, or undefined when the request failed, was aborted, or `signal` was aborted first. */
  async wait(signal: AbortSignal): Promise<R | undefined> {
    this.waiters++;
    let onAbort: (() => void) | undefined;
    const cancelled = new Promise<undefined>((resolve) => {
      onAbort = () => resolve(undefined);
      if (signal.aborted) resolve(undefined);
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([this.result, cancelled]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
      this.release(signal);
    }
  }

  private release(signal: AbortSignal): void {
    this.waiters--;
    if (this.waiters === 0 && signal.aborted && !this.finished) {
      setTimeout(() => {
        if (this.waiters === 0 && !this.finished) this.onOrphaned(this);
      }, ORPHAN_GRACE_MS);
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
