// An API key belongs to the server it was given for, not to a kind of backend: it is stored with the origin
// (scheme, host and port) it was set for and sent only there. Change phiLocal.ollama.host or
// phiLocal.openai.baseUrl and the key stays home until the user sets one for the new server. Pure.

export interface BoundKey {
  /** Where the key may go, e.g. `http://gpu-box:8000`. */
  readonly origin: string;
  readonly key: string;
}

/** The origin of a host or base URL (`http://gpu-box:8000/v1` → `http://gpu-box:8000`), or '' when it is not a URL. */
export function originOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? '' : origin;
  } catch {
    return '';
  }
}

/** The stored form. */
export function storeKey(bound: BoundKey): string {
  return JSON.stringify({ origin: bound.origin, key: bound.key });
}

/**
 * A stored secret read back. A key stored by an older version, without its origin, is bound to nothing (the
 * user sets it again): it is not sent to whatever server the settings name now.
 */
export function readKey(stored: string | undefined): BoundKey | undefined {
  if (!stored) return undefined;
  try {
    const value = JSON.parse(stored) as { origin?: unknown; key?: unknown };
    if (typeof value.origin === 'string' && typeof value.key === 'string' && value.key) return { origin: value.origin, key: value.key };
  } catch {
    // an older, unbound key
  }
  return { origin: '', key: stored };
}

/** The key to send to `url`: only when it was set for that origin. */
export function keyFor(bound: BoundKey | undefined, url: string): string | undefined {
  const origin = originOf(url);
  return bound && origin && bound.origin === origin ? bound.key : undefined;
}
