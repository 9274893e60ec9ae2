// Which model requests run now, by kind, and since when none has: the status bar shows "generating" from it,
// completions hold back while a chat answer streams, and warm-ups wait for the server to be idle. Pure.
import { Disposable, Emitter, toDisposable, type IDisposable } from '../../lifecycle/common/lifecycle';

export type ActivityKind = 'completion' | 'chat' | 'edit' | 'pull';

export class Activity extends Disposable {
  private readonly counts = new Map<ActivityKind, number>();
  private lastEnded?: number;
  private readonly _onDidChange = this._register(new Emitter<void>());
  /** Fires when a request starts or ends. */
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  /** Number of requests running now, of one kind or all. */
  active(kind?: ActivityKind): number {
    if (kind) return this.counts.get(kind) ?? 0;
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** Marks a request as running until the returned disposable is disposed (once). */
  begin(kind: ActivityKind): IDisposable {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this._onDidChange.fire();
    return toDisposable(() => {
      this.counts.set(kind, Math.max(0, (this.counts.get(kind) ?? 1) - 1));
      this.lastEnded = this.now();
      this._onDidChange.fire();
    });
  }

  /** How long no request has run (0 while one runs, infinite before the first). */
  idleMs(): number {
    if (this.active() > 0) return 0;
    return this.lastEnded === undefined ? Number.POSITIVE_INFINITY : this.now() - this.lastEnded;
  }
}
