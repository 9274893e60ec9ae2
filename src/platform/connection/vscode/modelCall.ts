// One model request from start to end, the same way for chat, edits, tests and pulls: the status bar shows
// it as running, VS Code's cancellation (a progress Cancel button, a closed diff…) becomes the request's
// AbortSignal, and whatever is thrown becomes a Failure that the connection hears of (unless it was ours).
import type * as vscode from 'vscode';
import type { Connection } from './connection';
import type { ActivityKind } from '../common/activity';
import { type Failure, toFailure } from '../../backend/common/modelFailure';

interface ModelCallOptions {
  /** VS Code's cancellation, e.g. of a progress notification. */
  readonly token?: vscode.CancellationToken;
  /** Another reason to stop, e.g. the diff of the proposal was closed. */
  readonly stop?: AbortSignal;
}

export class ModelCall implements vscode.Disposable {
  private readonly controller = new AbortController();
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly connection: Connection,
    kind: ActivityKind,
    options: ModelCallOptions = {},
  ) {
    const activity = connection.activity.begin(kind);
    this.cleanups.push(() => activity.dispose());
    if (options.token) {
      const subscription = options.token.onCancellationRequested(() => this.abort());
      this.cleanups.push(() => subscription.dispose());
      if (options.token.isCancellationRequested) this.abort();
    }
    const stop = options.stop;
    if (stop) {
      const onStop = () => this.abort();
      stop.addEventListener('abort', onStop, { once: true });
      this.cleanups.push(() => stop.removeEventListener('abort', onStop));
      if (stop.aborted) this.abort();
    }
  }

  /** Pass this to the client: aborting it closes the HTTP request, so Ollama stops generating. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(): void {
    this.controller.abort();
  }

  /**
   * The Failure behind `error`. Anything but an abort is reported to the connection, which updates its state
   * (status bar) without UI: showing the failure is the caller's choice.
   */
  fail(error: unknown): Failure {
    const failure = toFailure(error, this.signal.aborted);
    if (failure.kind !== 'aborted') this.connection.report(failure, { silent: true });
    return failure;
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
