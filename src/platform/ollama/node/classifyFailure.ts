// Turns whatever the `ollama` client or Node's fetch throws into one of the closed Failure kinds.
import { type FailureKind, ModelFailure, modelFailure } from '../../backend/common/modelFailure';
import { isContextLengthError } from '../../backend/common/failureWords';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  status_code?: unknown;
  error?: unknown;
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as ErrorLike).code;
    if (typeof code === 'string') return code;
    const nested = (current as ErrorLike).cause;
    // AggregateError from happy-eyeballs connects keeps the reasons in `errors`.
    const errors = (current as { errors?: unknown }).errors;
    current = nested ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return undefined;
}

interface ClassifyContext {
  host: string;
  model?: string;
  /** The reply's headers had arrived: a network error now means the stream broke, not that Ollama is down. */
  streaming?: boolean;
  signal?: AbortSignal;
}

/** Classifies any thrown value. Never throws. */
export function classify(error: unknown, context: ClassifyContext): ModelFailure {
  if (error instanceof ModelFailure) return error;
  const e = (error && typeof error === 'object' ? error : {}) as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const make = (kind: FailureKind, detail: string, status?: number) =>
    modelFailure(kind, {
      detail,
      status,
      model: context.model,
      host: context.host,
      server: 'ollama',
    });

  if (context.signal?.aborted || name === 'AbortError') return make('aborted', 'aborted');
  if (name === 'TimeoutError') return make(context.streaming ? 'failedMidStream' : 'unreachable', 'timed out waiting for Ollama');
  if (name === 'ReplyTooLarge') return make('failedMidStream', message);
  if (name === 'ResponseError' || typeof e.status_code === 'number') {
    const status = typeof e.status_code === 'number' ? e.status_code : 0;
    const detail = typeof e.error === 'string' ? e.error : message;
    if (status === 404 && context.model && /not found/i.test(detail)) return make('modelMissing', detail, status);
    if (status === 400 && /does not support/i.test(detail)) return make('capabilityMissing', detail, status);
    if (status === 503 || status === 429) return make('busy', detail, status);
    if ((status === 400 || status === 413 || status === 422) && isContextLengthError(detail)) return make('contextTooLong', detail, status);
    if (status === 499) return make('aborted', detail, status);
    if (status >= 500) return make('server', detail, status);
    if (status === 401 || status === 403) return make('unauthorized', `${status}: ${detail}`, status);
    return make('badRequest', detail, status);
  }
  const code = causeCode(error);
  // The server took the request and holds its answer (Node's fetch gives up on headers after 300 s): that is
  // a slow Ollama, not an Ollama that is down.
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return make('timedOut', `${message} (${code})`);
  if (context.streaming) {
    return make('failedMidStream', code ? `${message}: ${code}` : message);
  }
  if ((code && NETWORK_CODES.has(code)) || message === 'fetch failed' || /ECONNREFUSED|ENOTFOUND|socket hang up/.test(message)) {
    return make('unreachable', code ? `${message} (${code})` : message);
  }
  if (/Did not receive done or success response in stream/.test(message)) return make('failedMidStream', message);
  return make('server', message);
}
