// Limits on what a model server (or whatever answers at its address) may send and how long it may take: a line
// longer than maxLineBytes without a line break, or a reply over maxReplyBytes in all, ends the request (its
// connection is closed) instead of being buffered — NDJSON lines from a real Ollama are a few hundred bytes;
// a started stream that stalls, or a model load that never ends, is given up.

const REPLY_LIMITS = { maxLineBytes: 1024 * 1024, maxReplyBytes: 64 * 1024 * 1024 } as const;

export class ReplyTooLargeError extends Error {
  override readonly name = 'ReplyTooLarge';
}

const NEWLINE = 0x0a;

/** The same response, with a body that errors (and cancels the download) once it breaks a limit. */
export function limitReply(response: Response, limits: { maxLineBytes: number; maxReplyBytes: number } = REPLY_LIMITS): Response {
  if (!response.body) return response;
  let total = 0;
  let sinceNewline = 0;
  const limiter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      total += chunk.byteLength;
      const last = chunk.lastIndexOf(NEWLINE);
      sinceNewline = last < 0 ? sinceNewline + chunk.byteLength : chunk.byteLength - last - 1;
      if (sinceNewline > limits.maxLineBytes) {
        controller.error(new ReplyTooLargeError(`the reply has a line of more than ${limits.maxLineBytes} bytes without a line break`));
      } else if (total > limits.maxReplyBytes) {
        controller.error(new ReplyTooLargeError(`the reply is larger than ${limits.maxReplyBytes} bytes`));
      } else {
        controller.enqueue(chunk);
      }
    },
  });
  return new Response(response.body.pipeThrough(limiter), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** How long a stream that has started may stall before it is given up (Ollama sends tokens steadily). */
export const STREAM_IDLE_MS = 90_000;

/** The next item, or 'idle' when none came within `ms`. */
export async function nextWithin<T>(iterator: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | 'idle'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<'idle'>((resolve) => (timer = setTimeout(() => resolve('idle'), ms)));
  try {
    return await Promise.race([iterator.next(), idle]);
  } finally {
    clearTimeout(timer);
  }
}

/** The items of `source`, failing with `stalled()` when none comes within `ms` (the caller closes the request). */
export async function* withinIdle<T>(source: AsyncIterable<T>, ms: number, stalled: () => Error): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    const next = await nextWithin(iterator, ms);
    if (next === 'idle') throw stalled();
    if (next.done) return;
    yield next.value;
  }
}

/** How long loading a model may take before the warm-up gives up (requests then wait for the load). */
export const WARM_UP_TIMEOUT_MS = 180_000;
