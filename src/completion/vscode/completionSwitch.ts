// Whether automatic inline completions may run now: the setting, and a snooze kept for this window.
import * as vscode from 'vscode';
import type { Config } from '../../platform/config/vscode/config';

export class CompletionSwitch implements vscode.Disposable {
  private snoozeTimer?: ReturnType<typeof setTimeout>;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  snoozedUntil?: number;

  constructor(private readonly config: Config) {}

  get enabled(): boolean {
    return this.config.current.completionEnabled && !(this.snoozedUntil !== undefined && this.snoozedUntil > Date.now());
  }

  async toggle(): Promise<boolean> {
    const next = !this.config.current.completionEnabled;
    if (next) this.clearSnooze();
    await this.config.update('completionEnabled', next);
    this.emitter.fire();
    return next;
  }

  snooze(ms: number): void {
    this.clearSnooze();
    this.snoozedUntil = Date.now() + ms;
    this.snoozeTimer = setTimeout(() => this.clearSnooze(), ms);
    this.emitter.fire();
  }

  private clearSnooze(): void {
    if (this.snoozeTimer) clearTimeout(this.snoozeTimer);
    this.snoozeTimer = undefined;
    if (this.snoozedUntil !== undefined) {
      this.snoozedUntil = undefined;
      this.emitter.fire();
    }
  }

  dispose(): void {
    this.clearSnooze();
    this.emitter.dispose();
  }
}
