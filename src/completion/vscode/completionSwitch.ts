// Whether automatic inline completions may run now: the setting, and a snooze kept for this window.
import type { Config } from '../../platform/config/vscode/config';
import { Disposable, Emitter } from '../../platform/lifecycle/common/lifecycle';

export class CompletionSwitch extends Disposable {
  private snoozeTimer?: ReturnType<typeof setTimeout>;
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  snoozedUntil?: number;

  constructor(private readonly config: Config) {
    super();
  }

  get enabled(): boolean {
    return this.config.current.completionEnabled && !(this.snoozedUntil !== undefined && this.snoozedUntil > Date.now());
  }

  async toggle(): Promise<boolean> {
    const next = !this.config.current.completionEnabled;
    if (next) this.clearSnooze();
    await this.config.update('completionEnabled', next);
    this._onDidChange.fire();
    return next;
  }

  snooze(ms: number): void {
    this.clearSnooze();
    this.snoozedUntil = Date.now() + ms;
    this.snoozeTimer = setTimeout(() => this.clearSnooze(), ms);
    this._onDidChange.fire();
  }

  private clearSnooze(): void {
    if (this.snoozeTimer) clearTimeout(this.snoozeTimer);
    this.snoozeTimer = undefined;
    if (this.snoozedUntil !== undefined) {
      this.snoozedUntil = undefined;
      this._onDidChange.fire();
    }
  }

  override dispose(): void {
    this.clearSnooze();
    super.dispose();
  }
}
