// Turns whatever the `openai` client or Node's fetch throws into one of the closed Failure kinds, with the
// words of an OpenAI-compatible server (vLLM, llama.cpp, LM Studio) and the server's Retry-After.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { type FailureKind, ModelFailure, modelFailure } from '../../backend/common/modelFailure';
import { isContextLengthError, retryAfterSeconds } from '../../backend/common/failureWords';

interface OpenAiClassifyContext {
  host: string;
  model?: string;
  /** The reply's headers had arrived: a network error now means the stream broke, not that the server is down. */
  streaming?: boolean;
  signal?: AbortSignal;
}

/** The server's own words from an error body: `{"error": {"message"}}`, `{"error": "…"}`, `{"message"}` or `{"detail"}`. */
function serverWords(error: APIError): string {
  const body = error.error as unknown;
  if (typeof body === 'string' && body) return body;
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    for (const key of ['message', 'detail', 'error']) {
      const value = b[key];
      if (typeof value === 'string' && value) return value;
      if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string')
        return (value as { message: string }).message;
    }
  }
  return error.message.replace(/^\d{3}\s+/, '') || `HTTP ${error.status ?? '?'}`;
}

/** A failure of the OpenAI-compatible server, in its words (the one builder, modelFailure, makes the sentence). */
export function openAiFailure(
  kind: FailureKind,
  context: { host: string; model?: string },
  detail: string,
  status?: number,
  retryAfter?: number,
): ModelFailure {
  return modelFailure(kind, {
    detail,
    status,
    model: context.model,
    host: context.host,
    server: 'openai-compatible',
    retryAfterSeconds: retryAfter,
  });
}

/** Classifies any thrown value. Never throws. */
export function classifyOpenAi(error: unknown, context: OpenAiClassifyContext): ModelFailure {
  if (error instanceof ModelFailure) return error;
  // The library wraps what our fetch threw (a refused redirect) as a connection error: the failure is ours.
  const cause = error instanceof APIConnectionError ? (error as { cause?: unknown }).cause : undefined;
  if (cause instanceof ModelFailure) return cause;
  const make = (kind: FailureKind, detail: string, status?: number, retryAfter?: number) =>
    openAiFailure(kind, context, detail, status, retryAfter);
  const name = error && typeof error === 'object' && typeof (error as { name?: unknown }).name === 'string' ? (error as Error).name : '';
  const message = error instanceof Error ? error.message : String(error);

  if (context.signal?.aborted || error instanceof APIUserAbortError || name === 'AbortError') return make('aborted', 'aborted');
  // No answer within the call's limit (probes): from the user's side the server is not reachable, as with Ollama.
  if (error instanceof APIConnectionTimeoutError || name === 'TimeoutError')
    return make(context.streaming ? 'failedMidStream' : 'unreachable', 'timed out waiting for the server');
  if (name === 'ReplyTooLarge') return make('failedMidStream', message);
  if (error instanceof APIConnectionError) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
    return make(context.streaming ? 'failedMidStream' : 'unreachable', detail);
  }
  if (error instanceof APIError) {
    const status = error.status;
    const words = serverWords(error);
    // An error event in the middle of a stream carries no status.
    if (status === undefined) return make(context.streaming ? 'failedMidStream' : 'server', words);
    if (status === 401 || status === 403) return make('unauthorized', `${status}: ${words}`, status);
    if (status === 404 && context.model && /model|not found|does not exist/i.test(words)) return make('modelMissing', words, status);
    if (status === 429 || status === 503) return make('busy', `${status}: ${words}`, status, retryAfterSeconds(error.headers));
    if ((status === 400 || status === 413 || status === 422) && isContextLengthError(words)) return make('contextTooLong', words, status);
    if ((status === 400 || status === 501) && /not supported|does not support/i.test(words))
      return make('capabilityMissing', words, status);
    if (status >= 500) return make('server', words, status);
    return make('badRequest', words, status);
  }
  // undici ends a broken body with TypeError('terminated') and the socket error as its cause.
  if (context.streaming) return make('failedMidStream', message);
  if (message === 'fetch failed' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|socket hang up/.test(message)) return make('unreachable', message);
  return make('server', message);
}
