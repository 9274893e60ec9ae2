// The one fetch both model clients send through. Every signal of the call (the caller's, the call's time-out,
// the library's own) is combined, so aborting any of them closes the HTTP request; redirects are refused — a
// proxy's 3xx would carry our headers (API keys, custom auth) and the code in the body to another origin —
// and reported as a failure that names where it pointed; the reply is kept within the size limits.
import { modelFailure, type Failure, type ServerKind } from '../common/modelFailure';
import { limitReply } from './replyLimits';

interface ServerFetchOptions {
  readonly server: ServerKind;
  /** Where requests go (for the failure's words). */
  readonly host: string;
  readonly signals: readonly AbortSignal[];
}

export async function serverFetch(
  input: string | URL | Request,
  init: RequestInit | undefined,
  options: ServerFetchOptions,
): Promise<Response> {
  const signals = init?.signal ? [init.signal, ...options.signals] : [...options.signals];
  const response = await fetch(input, { ...init, redirect: 'manual', signal: signals.length ? AbortSignal.any(signals) : undefined });
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location') ?? 'an address it did not name';
    const detail = `${options.host} redirects (${response.status}) to ${location}; Phi Local follows no redirects, so that its headers and your code go only to the address in the settings. Point the setting at the server itself`;
    throw modelFailure('badRequest', { detail, status: response.status, host: options.host, server: options.server });
  }
  return limitReply(response);
}

/** A redirect that serverFetch refused: it keeps its own words wherever a caller would put others. */
export function isRedirect(failure: Failure): boolean {
  return failure.kind === 'badRequest' && failure.status !== undefined && failure.status >= 300 && failure.status < 400;
}
