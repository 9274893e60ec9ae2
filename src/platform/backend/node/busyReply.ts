// A busy server's reply (429 or 503, from the server or a proxy in front of it) as a `busy` failure: its own
// words from a JSON `{"error"}` body or the text, and how long it asks to wait (Retry-After).
import { modelFailure, type ModelFailure, type ServerKind } from '../common/modelFailure';
import { retryAfterSeconds } from '../common/failureWords';
import { limitReply } from './replyLimits';

export async function busyFailure(response: Response, server: ServerKind, host: string): Promise<ModelFailure> {
  const text = (
    await limitReply(response)
      .text()
      .catch(() => '')
  ).slice(0, 2000);
  let words = text.trim();
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string') words = body.error;
  } catch {
    // Not JSON: the text as it is.
  }
  return modelFailure('busy', {
    detail: `${response.status}: ${words || response.statusText}`,
    status: response.status,
    host,
    server,
    retryAfterSeconds: retryAfterSeconds(response.headers),
  });
}
