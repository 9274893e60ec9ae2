// Caps on what Ollama (or whatever answers at its address) may send: a line longer than MAX_LINE_BYTES
// without a line break, or a reply over MAX_REPLY_BYTES in all, ends the request (its connection is closed)
// instead of being buffered. NDJSON lines from a real Ollama are a few hundred bytes.

export const REPLY_LIMITS = { maxLineBytes: 1024 * 1024, maxReplyBytes: 64 * 1024 * 1024 } as const;

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
