// The user's typing rhythm, for the debounce: a moving average of the intervals between keystrokes (a gap
// longer than MAX_INTERVAL_MS is a pause, not typing). The wait before asking the model is a little longer than
// the usual interval, so a keystroke that is about to come does not start a doomed request, and never shorter
// than the user's setting nor longer than a second.

const MAX_INTERVAL_MS = 1500;
/** Weight of the newest interval in the moving average. */
const ALPHA = 0.2;
/** The wait is this many usual intervals. */
const FACTOR = 1.6;
export const MAX_DEBOUNCE_MS = 1000;

export class TypingRhythm {
  private last?: number;
  private average?: number;

  /** A keystroke at `now` (ms). */
  keystroke(now: number): void {
    if (this.last !== undefined) {
      const interval = now - this.last;
      if (interval > 0 && interval <= MAX_INTERVAL_MS) {
        this.average = this.average === undefined ? interval : this.average + ALPHA * (interval - this.average);
      }
    }
    this.last = now;
  }

  /** The next keystroke starts no interval (the user switched files). */
  interrupt(): void {
    this.last = undefined;
  }

  /** The usual interval between keystrokes, once there is one. */
  get usualInterval(): number | undefined {
    return this.average;
  }

  /** How long to wait after a keystroke before asking: at least `minimumMs` (the setting). */
  debounce(minimumMs: number): number {
    if (this.average === undefined) return minimumMs;
    return Math.round(Math.min(MAX_DEBOUNCE_MS, Math.max(minimumMs, this.average * FACTOR)));
  }
}
