// Tells the user of a connection problem once, with its buttons: the first time each kind is seen since the
// user asked to retry or the connection's settings changed. The completion path never gets here (it only
// changes the state); features showing their own failures use showFailure directly.
import * as vscode from 'vscode';
import type { Failure } from '../../backend/common/modelFailure';
import type { ModelBackend } from '../../backend/common/modelBackend';
import type { InstalledModel } from '../../backend/common/modelTypes';
import { showFailure } from './userActionRunner';

export class FailureNotices {
  private readonly shown = new Set<string>();

  /** After a user retry or new connection settings, every kind may be told again. */
  reset(): void {
    this.shown.clear();
  }

  /** True the first time `kind` is seen since the last reset. */
  private firstTime(kind: string): boolean {
    if (this.shown.has(kind)) return false;
    this.shown.add(kind);
    return true;
  }

  /** The server is unreachable, or refused the request (unauthorized): its message and buttons, once. */
  failure(failure: Failure, retry: () => unknown): void {
    if (this.firstTime(failure.kind)) showFailure(failure, { retry });
  }

  /** The configured model is not on the server: the models it has instead, or the Pull button for Ollama. */
  modelMissing(client: ModelBackend, model: string, installed: readonly InstalledModel[], retry: () => unknown): void {
    if (!this.firstTime(`modelMissing:${model}`)) return;
    const message =
      client.kind === 'openai-compatible'
        ? vscode.l10n.t(
            'The server at {0} does not serve the model {1}. It serves: {2}.',
            client.host,
            model,
            installed.map((m) => m.name).join(', ') || '-',
          )
        : vscode.l10n.t('The model {0} is not installed in Ollama.', model);
    showFailure({ kind: 'modelMissing', model, message, detail: message, server: client.kind }, { model, retry });
  }
}
