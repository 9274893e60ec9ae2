// The closed set of failures the UI can act on, and what each tells the user to do.

export type FailureKind =
  | 'unreachable' // connection refused, DNS failure, timeout: Ollama is not running or the host is wrong
  | 'modelMissing' // 404: the model is not pulled on that server
  | 'capabilityMissing' // 400 "does not support …": e.g. `suffix` sent to a model without `insert`
  | 'busy' // 503: Ollama's queue is full
  | 'failedMidStream' // `{"error"}` line, connection reset or stream ended without `done`
  | 'timedOut' // Ollama accepted the request but has not answered (loading the model, a long prompt)
  | 'aborted' // we cancelled it: not an error to show
  | 'badRequest' // other 4xx: a bug on our side or a server we do not understand
  | 'server'; // other 5xx

export interface Failure {
  readonly kind: FailureKind;
  /** One sentence for the user that says what happened and what to do. */
  readonly message: string;
  /** The server's or the network's own words, for the log. */
  readonly detail: string;
  readonly status?: number;
  readonly model?: string;
}

export function failureMessage(kind: FailureKind, context: { host?: string; model?: string; detail?: string }): string {
  const host = context.host ?? 'the Ollama host';
  const model = context.model ?? 'the model';
  switch (kind) {
    case 'unreachable':
      return `Ollama is not reachable at ${host}. Start Ollama (\`ollama serve\`) or fix the setting phiLocal.ollama.host.`;
    case 'modelMissing':
      return `The model "${model}" is not installed in Ollama. Pull it (\`ollama pull ${model}\`) or select another model.`;
    case 'capabilityMissing':
      return `The model "${model}" cannot do this (${context.detail ?? 'missing capability'}). Select another model.`;
    case 'busy':
      return 'Ollama is busy (its request queue is full). Try again in a moment.';
    case 'failedMidStream':
      return `Ollama stopped in the middle of the answer${context.detail ? ` (${context.detail})` : ''}. Try again; if it repeats, see the Ollama server log.`;
    case 'timedOut':
      return `Ollama at ${host} accepted the request but has not answered${context.detail && /^\d+$/.test(context.detail) ? ` for ${context.detail} s` : ''} (it may be loading ${model} or evaluating a long prompt). Try again in a moment; if it repeats, see the Ollama server log.`;
    case 'aborted':
      return 'Cancelled.';
    case 'badRequest':
      return `Ollama rejected the request${context.detail ? `: ${context.detail}` : ''}. See the Phi Local log.`;
    case 'server':
      return `Ollama failed${context.detail ? `: ${context.detail}` : ''}. See the Ollama server log.`;
  }
}

/** Whatever was thrown, as a Failure: ours pass through; anything else is an unexpected failure. */
export function toFailure(error: unknown, aborted = false): Failure {
  const candidate = error as Partial<Failure> | undefined;
  if (candidate && typeof candidate.kind === 'string' && typeof candidate.message === 'string') return candidate as Failure;
  if (aborted) return { kind: 'aborted', message: failureMessage('aborted', {}), detail: 'aborted' };
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'server', message: failureMessage('server', { detail }), detail };
}
