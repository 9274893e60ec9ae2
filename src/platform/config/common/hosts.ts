// Where requests go: the addresses of the Ollama host and of an OpenAI-compatible server as the settings take
// them, and whether an address is this machine. Pure.

/** Returns the normalised URL, or undefined when `value` is not an http(s) URL with a host. */
export function normaliseHost(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  // Ollama's own convention: a host without scheme or port means port 11434.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) && !url.port) url.port = '11434';
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * An OpenAI-compatible base URL: http(s) with a host, no trailing slash, and /v1 added when the path is empty
 * (vLLM, llama.cpp and LM Studio all serve the API under /v1). Undefined when it is not such a URL.
 */
export function normaliseBaseUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!url.hostname || url.username || url.password) return undefined;
  const path = url.pathname.replace(/\/+$/, '') || '/v1';
  return `${url.protocol}//${url.host}${path}`;
}

/** True when the host resolves to this machine by name: 127.0.0.0/8, localhost, ::1. */
export function isLoopbackHost(host: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(host).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (hostname === '::1' || hostname === '0:0:0:0:0:0:0:1') return true;
  return /^127(\.\d{1,3}){3}$/.test(hostname);
}
