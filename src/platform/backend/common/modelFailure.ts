// The closed set of failures the UI can act on, what each tells the user to do, and the one error type every
// model backend throws: a Failure of that set, whatever the server or the network said. Features catch it (or
// `toFailure` it) without knowing which backend ran. Pure.

export type FailureKind =
  | 'unreachable' // connection refused, DNS failure, timeout: Ollama is not running or the host is wrong
  | 'modelMissing' // 404: the model is not pulled on that server
  | 'capabilityMissing' // 400 "does not support …": e.g. `suffix` sent to a model without `insert`
  | 'busy' // 503: Ollama's queue is full
  | 'failedMidStream' // `{"error"}` line, connection reset or stream ended without `done`
  | 'timedOut' // Ollama accepted the request but has not answered (loading the model, a long prompt)
  | 'aborted' // we cancelled it: not an error to show
  | 'unauthorized' // 401/403: the server (or a proxy in front of it) wants another API key
  | 'contextTooLong' // 400 "maximum context length": the prompt and answer do not fit the served model's window
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
  /** Which kind of server failed (Ollama when absent): the buttons differ. */
  readonly server?: ServerKind;
}

/** Which server a message talks about: Ollama (the default) or an OpenAI-compatible server. */
export type ServerKind = 'ollama' | 'openai-compatible';

interface FailureContext {
  host?: string;
  model?: string;
  detail?: string;
  server?: ServerKind;
  /** Seconds the server asked to wait (Retry-After). */
  retryAfterSeconds?: number;
}

export function failureMessage(kind: FailureKind, context: FailureContext): string {
  const openai = context.server === 'openai-compatible';
  const name = openai ? 'The OpenAI-compatible server' : 'Ollama';
  const host = context.host ?? (openai ? 'its base URL' : 'the Ollama host');
  const model = context.model ?? 'the model';
  const after = context.detail ? ` (${context.detail})` : '';
  const serverLog = openai ? "the server's log" : 'the Ollama server log';
  switch (kind) {
    case 'unreachable':
      return openai
        ? `The OpenAI-compatible server is not reachable at ${host}. Start it, or fix the setting phiLocal.openai.baseUrl.`
        : `Ollama is not reachable at ${host}. Start Ollama (\`ollama serve\`) or fix the setting phiLocal.ollama.host.`;
    case 'modelMissing':
      return openai
        ? `The server at ${host} does not serve the model "${model}". Select one of the models it serves.`
        : `The model "${model}" is not installed in Ollama. Pull it (\`ollama pull ${model}\`) or select another model.`;
    case 'capabilityMissing':
      return `The model "${model}" cannot do this (${context.detail ?? 'missing capability'}). Select another model.`;
    case 'busy': {
      const wait = context.retryAfterSeconds !== undefined ? `Try again in ${context.retryAfterSeconds} s.` : 'Try again in a moment.';
      return openai ? `The server at ${host} is busy${after}. ${wait}` : `Ollama is busy (its request queue is full). ${wait}`;
    }
    case 'failedMidStream':
      return `${name} stopped in the middle of the answer${after}. Try again; if it repeats, see ${serverLog}.`;
    case 'timedOut':
      return `${name} at ${host} accepted the request but has not answered${context.detail && /^\d+$/.test(context.detail) ? ` for ${context.detail} s` : ''} (it may be loading ${model} or evaluating a long prompt). Try again in a moment; if it repeats, see ${serverLog}.`;
    case 'aborted':
      return 'Cancelled.';
    case 'unauthorized':
      return `${name} at ${host} refused the request${after}. Set its API key with "Phi Local: Set API Key…".`;
    case 'contextTooLong':
      return `The request does not fit the context window of "${model}" on the server${after}. Lower ${openai ? 'phiLocal.openai.contextLength' : 'phiLocal.ollama.numCtx'} to the server's window, or send less.`;
    case 'badRequest':
      return `${name} rejected the request${context.detail ? `: ${context.detail}` : ''}. See the Phi Local log.`;
    case 'server':
      return `${name} failed${context.detail ? `: ${context.detail}` : ''}. See ${serverLog}.`;
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
