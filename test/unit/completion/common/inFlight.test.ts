import * as assert from 'node:assert/strict';
import { InFlightRequest, ORPHAN_GRACE_MS } from '../../../../src/completion/common/inFlight';

/** A fake model stream the test feeds by hand. */
function fakeStream() {
  let push: ((piece: string | undefined) => void) | undefined;
  const queue: (string | undefined)[] = [];
  const next = () =>
    new Promise<string | undefined>((resolve) => {
      if (queue.length) resolve(queue.shift());
      else push = resolve;
    });
  return {
    send(piece: string | undefined) {
      if (push) {
        const resolve = push;
        push = undefined;
        resolve(piece);
      } else queue.push(piece);
    },
    async run(append: (piece: string) => void, signal: AbortSignal): Promise<string | undefined> {
      let text = '';
      for (;;) {
        const piece = await next();
        if (signal.aborted) return undefined;
        if (piece === undefined) return text;
        text += piece;
        append(piece);
      }
    },
  };
}

const key = { model: 'phi4', prefix: 'const total = items.', suffix: '\n' };
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('in-flight request reuse', () => {
  it('says what was typed since the request, only for the same model, suffix and a prefix that typed on', () => {
    const request = new InFlightRequest(key, new AbortController(), fakeStream().run, () => undefined);
    assert.equal(request.typedSince({ ...key, prefix: 'const total = items.red' }), 'red');
    assert.equal(request.typedSince(key), '');
    assert.equal(request.typedSince({ ...key, model: 'other' }), undefined);
    assert.equal(request.typedSince({ ...key, suffix: ';\n' }), undefined);
    assert.equal(request.typedSince({ ...key, prefix: 'const total = item' }), undefined);
    assert.equal(request.typedSince({ ...key, prefix: key.prefix + 'x'.repeat(401) }), undefined);
    request.abort();
  });

  it('lets a later keystroke wait for enough text, then agree or disagree with what was typed', async () => {
    const stream = fakeStream();
    const request = new InFlightRequest(key, new AbortController(), stream.run, () => undefined);
    const signal = new AbortController().signal;
    const waiting = request.progress(3, signal);
    stream.send('re');
    await tick();
    assert.equal(request.partial, 're');
    assert.ok(request.agreesWith('red'), 'shorter text that agrees so far');
    stream.send('duce(');
    await waiting;
    assert.ok(request.agreesWith('red'));
    assert.ok(!request.agreesWith('rex'));
    stream.send(undefined);
    assert.equal(await request.wait(signal), 'reduce(');
    assert.ok(request.finished);
  });

  it('gives a cancelled waiter nothing, and tells the owner when nobody adopted the orphan in time', async () => {
    const stream = fakeStream();
    const orphans: InFlightRequest[] = [];
    const request = new InFlightRequest(key, new AbortController(), stream.run, (orphan) => orphans.push(orphan));
    const call = new AbortController();
    const waiting = request.wait(call.signal);
    call.abort();
    assert.equal(await waiting, undefined);
    assert.equal(orphans.length, 0, 'not before the grace period');
    await new Promise((resolve) => setTimeout(resolve, ORPHAN_GRACE_MS + 50));
    assert.deepEqual(orphans, [request]);
    request.abort();
  });

  it('is not an orphan when a new keystroke adopts it within the grace period', async () => {
    const stream = fakeStream();
    const orphans: InFlightRequest[] = [];
    const request = new InFlightRequest(key, new AbortController(), stream.run, (orphan) => orphans.push(orphan));
    const first = new AbortController();
    const waiting = request.wait(first.signal);
    first.abort();
    await waiting;
    const adopted = request.wait(new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, ORPHAN_GRACE_MS + 50));
    assert.equal(orphans.length, 0);
    stream.send('x');
    stream.send(undefined);
    assert.equal(await adopted, 'x');
  });

  it('keeps a failure as the error, but an abort is no error', async () => {
    const failing = new InFlightRequest(
      key,
      new AbortController(),
      async () => Promise.reject(new Error('stream broke')),
      () => undefined,
    );
    assert.equal(await failing.wait(new AbortController().signal), undefined);
    assert.equal((failing.error as Error).message, 'stream broke');

    const stream = fakeStream();
    const aborted = new InFlightRequest(key, new AbortController(), stream.run, () => undefined);
    const progress = aborted.progress(10, new AbortController().signal);
    aborted.abort();
    await progress;
    stream.send('late');
    assert.equal(await aborted.wait(new AbortController().signal), undefined);
    assert.equal(aborted.error, undefined);
  });
});
