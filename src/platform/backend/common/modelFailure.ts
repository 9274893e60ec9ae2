// The closed set of failures the UI can act on, what each tells the user to do, and the one error type every
// model backend throws: a Failure of that set, whatever the server or the network said. Features catch it (or
// `toFailure` it) without knowing which backend ran. Each backend builds its failures with `modelFailure`, so
// the same situation is the same kind with the same words whatever the server. Pure.
import { english, type Translate } from '../../l10n/common/translate';

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
  /** One sentence for the user that says what happened and what to do (English; `describeFailure` translates). */
  readonly message: string;
  /** The server's or the network's own words, for the log. */
  readonly detail: string;
  readonly status?: number;
  readonly model?: string;
  /** Which kind of server failed (Ollama when absent): the words and the buttons differ. */
  readonly server?: ServerKind;
  /** Where the request went (Ollama's host, the OpenAI-compatible base URL). */
  readonly host?: string;
  /** Seconds the server asked to wait before trying again (Retry-After), when it said. */
  readonly retryAfterSeconds?: number;
}

/** Which server a message talks about: Ollama (the default) or an OpenAI-compatible server. */
export type ServerKind = 'ollama' | 'openai-compatible';

/** What a failure's sentence is made of. */
type FailureContext = Partial<Pick<Failure, 'host' | 'model' | 'detail' | 'server' | 'retryAfterSeconds'>>;

/** A server's own words can be long: the sentence keeps the first 200 characters, the log all of them. */
function shortDetail(detail: string | undefined): string | undefined {
  return detail && detail.length > 200 ? `${detail.slice(0, 200)}…` : detail;
}

/**
 * The sentence for the user: what happened and what to do, naming the server and the setting of the backend
 * in use. `t` translates (vscode.l10n.t in the extension); each sentence is one literal so it can be translated.
 */
function failureMessage(kind: FailureKind, context: FailureContext, t: Translate = english): string {
  const openai = context.server === 'openai-compatible';
  const host = context.host ?? (openai ? t('its base URL') : t('the Ollama host'));
  const model = context.model ?? t('the model');
  const detail = shortDetail(context.detail);
  const retry = context.retryAfterSeconds;
  switch (kind) {
    case 'unreachable':
      return openai
        ? t('The OpenAI-compatible server is not reachable at {0}. Start it, or fix the setting phiLocal.openai.baseUrl.', host)
        : t('Ollama is not reachable at {0}. Start Ollama (`ollama serve`) or fix the setting phiLocal.ollama.host.', host);
    case 'modelMissing':
      return openai
        ? t('The server at {0} does not serve the model "{1}". Select one of the models it serves.', host, model)
        : t('The model "{0}" is not installed in Ollama. Pull it (`ollama pull {0}`) or select another model.', model);
    case 'capabilityMissing':
      return t('The model "{0}" cannot do this ({1}). Select another model.', model, detail ?? t('missing capability'));
    case 'busy':
      if (openai)
        return retry !== undefined
          ? t('The server at {0} is busy ({1}). Try again in {2} s.', host, detail ?? t('no details'), retry)
          : t('The server at {0} is busy ({1}). Try again in a moment.', host, detail ?? t('no details'));
      return retry !== undefined
        ? t('Ollama is busy (its request queue is full). Try again in {0} s.', retry)
        : t('Ollama is busy (its request queue is full). Try again in a moment.');
    case 'failedMidStream':
      return openai
        ? t(
            "The OpenAI-compatible server stopped in the middle of the answer ({0}). Try again; if it repeats, see the server's log.",
            detail ?? t('no details'),
          )
        : t(
            'Ollama stopped in the middle of the answer ({0}). Try again; if it repeats, see the Ollama server log.',
            detail ?? t('no details'),
          );
    case 'timedOut': {
      const seconds = detail && /^\d+$/.test(detail) ? detail : undefined;
      if (openai)
        return seconds
          ? t(
              "The OpenAI-compatible server at {0} accepted the request but has not answered for {1} s (it may be loading {2} or evaluating a long prompt). Try again in a moment; if it repeats, see the server's log.",
              host,
              seconds,
              model,
            )
          : t(
              "The OpenAI-compatible server at {0} accepted the request but has not answered (it may be loading {1} or evaluating a long prompt). Try again in a moment; if it repeats, see the server's log.",
              host,
              model,
            );
      return seconds
        ? t(
            'Ollama at {0} accepted the request but has not answered for {1} s (it may be loading {2} or evaluating a long prompt). Try again in a moment; if it repeats, see the Ollama server log.',
            host,
            seconds,
            model,
          )
        : t(
            'Ollama at {0} accepted the request but has not answered (it may be loading {1} or evaluating a long prompt). Try again in a moment; if it repeats, see the Ollama server log.',
            host,
            model,
          );
    }
    case 'aborted':
      return t('Cancelled.');
    case 'unauthorized':
      return openai
        ? t(
            'The OpenAI-compatible server at {0} refused the request ({1}). Set its API key with "Phi Local: Set API Key…".',
            host,
            detail ?? t('no details'),
          )
        : t('Ollama at {0} refused the request ({1}). Set its API key with "Phi Local: Set API Key…".', host, detail ?? t('no details'));
    case 'contextTooLong':
      return openai
        ? t(
            'The request does not fit the context window of "{0}" on the server ({1}). Lower phiLocal.openai.contextLength to the server\'s window, or send less.',
            model,
            detail ?? t('no details'),
          )
        : t(
            'The request does not fit the context window of "{0}" on the server ({1}). Lower phiLocal.ollama.numCtx to the server\'s window, or send less.',
            model,
            detail ?? t('no details'),
          );
    case 'badRequest':
      return openai
        ? t('The OpenAI-compatible server rejected the request: {0}. See the Phi Local log.', detail ?? t('no details'))
        : t('Ollama rejected the request: {0}. See the Phi Local log.', detail ?? t('no details'));
    case 'server':
      return openai
        ? t("The OpenAI-compatible server failed: {0}. See the server's log.", detail ?? t('no details'))
        : t('Ollama failed: {0}. See the Ollama server log.', detail ?? t('no details'));
  }
}

/** The failure's sentence in the user's language. */
export function describeFailure(failure: Failure, t: Translate): string {
  return failureMessage(failure.kind, failure, t);
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
  readonly host?: string;
  readonly retryAfterSeconds?: number;

  constructor(failure: Failure) {
    super(failure.message);
    this.name = 'ModelFailure';
    this.kind = failure.kind;
    this.detail = failure.detail;
    this.status = failure.status;
    this.model = failure.model;
    this.server = failure.server;
    this.host = failure.host;
    this.retryAfterSeconds = failure.retryAfterSeconds;
  }
}

/** The one builder of a backend's failures: the kind, where, and the server's words; the sentence follows. */
export function modelFailure(kind: FailureKind, context: Omit<Failure, 'kind' | 'message'>): ModelFailure {
  return new ModelFailure({ ...context, kind, message: failureMessage(kind, context) });
}
