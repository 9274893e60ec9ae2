// What servers and proxies say when they fail, read the same way for every backend: how long a busy server
// asks to wait (Retry-After), and whether a refusal means the prompt does not fit the model's window. Pure.

/** Seconds from a Retry-After header (seconds or an HTTP date), or retry-after-ms; undefined when absent or odd. */
export function retryAfterSeconds(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : undefined;
}

/** A 400 that says the prompt and answer do not fit the model's window (vLLM, llama.cpp, LM Studio wordings). */
export function isContextLengthError(message: string): boolean {
  return /maximum context length|context length|context window|exceeds? the (available )?context|too many tokens|n_ctx/i.test(message);
}
