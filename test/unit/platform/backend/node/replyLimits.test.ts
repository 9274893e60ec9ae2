import * as assert from 'node:assert/strict';
import { limitReply, nextWithin, ReplyTooLargeError } from '../../../../../src/platform/backend/node/replyLimits';

function responseOf(pieces: string[]): { response: Response; cancelled: () => boolean } {
  let cancelled = false;
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < pieces.length) controller.enqueue(new TextEncoder().encode(pieces[index++]));
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body, { status: 200, headers: { 'Content-Type': 'application/x-ndjson' } }), cancelled: () => cancelled };
}

const limits = { maxLineBytes: 16, maxReplyBytes: 64 };

describe('reply limits', () => {
  it('passes a reply within the limits through unchanged, with its status and headers', async () => {
    const { response } = responseOf(['{"a":1}\n', '{"b":', '2}\n']);
    const limited = limitReply(response, limits);
    assert.equal(limited.status, 200);
    assert.equal(limited.headers.get('content-type'), 'application/x-ndjson');
    assert.equal(await limited.text(), '{"a":1}\n{"b":2}\n');
  });

  it('errors on a line longer than the limit, across chunks, and cancels the download', async () => {
    const { response, cancelled } = responseOf(['{"a":1}\n', 'xxxxxxxxxx', 'xxxxxxxxxx', '\n', 'never read']);
    await assert.rejects(
      limitReply(response, limits).text(),
      (error: Error) => error instanceof ReplyTooLargeError && /line break/.test(error.message),
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(cancelled(), 'the source was cancelled');
  });

  it('errors on a reply larger than the limit even with short lines', async () => {
    const { response } = responseOf(Array.from({ length: 20 }, () => 'short\n'));
    await assert.rejects(limitReply(response, limits).text(), /larger than 64 bytes/);
  });

  it('waits for the next item only so long', async () => {
    async function* slow() {
      yield 1;
      await new Promise((resolve) => setTimeout(resolve, 200));
      yield 2;
    }
    const iterator = slow();
    assert.deepEqual(await nextWithin(iterator, 100), { value: 1, done: false });
    assert.equal(await nextWithin(iterator, 50), 'idle');
  });
});
