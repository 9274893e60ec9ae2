// The one error type every model backend throws: a Failure of the closed set, whatever the server or the
// network said. Features catch it (or `toFailure` it) without knowing which backend ran.
import type { Failure, FailureKind, ServerKind } from '../../ollama/common/failures';

export class ModelFailure extends Error implements Failure {
  readonly kind: FailureKind;
  readonly detail: string;
  readonly status?: number;
  readonly model?: string;
  readonly server?: ServerKind;
  /** Seconds the server asked to wait before trying again (Retry-After), when it said. */
  readonly retryAfterSeconds?: number;

  constructor(failure: Failure & { readonly retryAfterSeconds?: number }) {
    super(failure.message);
    this.name = 'ModelFailure';
    this.kind = failure.kind;
    this.detail = failure.detail;
    this.status = failure.status;
    this.model = failure.model;
    this.server = failure.server;
    this.retryAfterSeconds = failure.retryAfterSeconds;
  }
}
