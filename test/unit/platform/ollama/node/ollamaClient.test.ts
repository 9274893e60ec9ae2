import * as assert from 'node:assert/strict';
import { OllamaClient } from '../../../../../src/platform/ollama/node/ollamaClient';
import { useDouble } from '../../../../support/double-hooks';
import { collect, failureOf } from '../../../../support/streams';

describe('OllamaClient against the Ollama double', () => {
  const double = useDouble();
  let client: OllamaClient;

  beforeEach(() => {
    client = new OllamaClient({ host: double.url, headers: { 'X-Proxy-Auth': 'secret' }, keepAlive: '30m', numCtx: 8192 });
  });

  it('streams a generate reply chunk by chunk, with final stats, sending num_ctx and keep_alive', async () => {
    double.reply({ tokens: ['const ', 'x', ' = ', '1;'] });
    const { text, chunks } = await collect(
      client.generate({ model: 'phi4', prompt: 'hi', raw: true, options: { num_predict: 64 } }, new AbortController().signal),
    );
    assert.equal(text, 'const x = 1;');
    assert.equal(chunks.length, 5);
    assert.equal(chunks.at(-1)?.done, true);
    assert.equal(chunks.at(-1)?.stats?.evalCount, 4);
    assert.equal(chunks.at(-1)?.stats?.doneReason, 'stop');
    const body = double.requestsTo('/api/generate')[0].body as Record<string, unknown>;
    assert.deepEqual(body.options, { num_predict: 64, num_ctx: 8192 });
    assert.equal(body.keep_alive, '30m');
    assert.equal(body.raw, true);
    assert.equal('suffix' in body, false);
    assert.equal(double.requestsTo('/api/generate')[0].headers['x-proxy-auth'], 'secret');
  });

  it('streams a chat reply', async () => {
    double.reply({ match: { endpoint: 'chat' }, text: 'Use a Map.' });
    const { text } = await collect(
      client.chat({ model: 'phi4', messages: [{ role: 'user', content: 'How?' }] }, new AbortController().signal),
    );
    assert.equal(text, 'Use a Map.');
  });

  it('aborting while Ollama holds the headers (prompt evaluation) closes the HTTP request', async () => {
    double.reply({ text: 'late', pacing: { ttftMs: 2000 } });
    const controller = new AbortController();
    const pending = collect(client.generate({ model: 'phi4', prompt: 'x' }, controller.signal));
    await double.waitFor(() => double.requestsTo('/api/generate').length === 1, 2000, 'request');
    controller.abort();
    const failure = await failureOf(pending);
    assert.equal(failure.kind, 'aborted');
    await double.waitFor(() => double.requestsTo('/api/generate')[0].disconnected, 2000, 'disconnect');
  });

  it('stopping the iteration mid-stream closes the HTTP request and the double stops sending', async () => {
    double.reply({ text: 'a '.repeat(400), pacing: { tokensPerSecond: 200 } });
    let seen = 0;
    for await (const chunk of client.generate({ model: 'phi4', prompt: 'x' }, new AbortController().signal)) {
      if (chunk.text) seen++;
      if (seen === 3) break;
    }
    await double.waitFor(() => double.requestsTo('/api/generate')[0].disconnected, 2000, 'disconnect');
    const record = double.requestsTo('/api/generate')[0];
    assert.equal(record.completed, false);
    assert.ok(record.evalCount < 50, `generated ${record.evalCount} tokens after the stop`);
  });

  it('classifies a missing model (404)', async () => {
    const failure = await failureOf(collect(client.generate({ model: 'phi4x', prompt: 'x' }, new AbortController().signal)));
    assert.equal(failure.kind, 'modelMissing');
    assert.equal(failure.detail, "model 'phi4x' not found");
    assert.match(failure.message, /ollama pull phi4x/);
  });

  it('classifies suffix sent to phi4 as a missing capability (400 does not support insert)', async () => {
    const failure = await failureOf(collect(client.generate({ model: 'phi4', prompt: 'a', suffix: 'b' }, new AbortController().signal)));
    assert.equal(failure.kind, 'capabilityMissing');
    assert.equal(failure.status, 400);
    assert.equal(failure.detail, 'registry.ollama.ai/library/phi4:latest does not support insert');
  });

  it('sends suffix to a FIM model', async () => {
    double.reply({ text: 'middle' });
    const { text } = await collect(
      client.generate({ model: 'qwen2.5-coder:1.5b', prompt: 'a', suffix: 'b' }, new AbortController().signal),
    );
    assert.equal(text, 'middle');
    assert.equal((double.requestsTo('/api/generate')[0].body as Record<string, unknown>).suffix, 'b');
  });

  it('classifies a full queue (503) as busy', async () => {
    double.reply({ fault: { kind: 'status', status: 503, error: 'server busy, please try again.  maximum pending requests exceeded' } });
    const failure = await failureOf(collect(client.generate({ model: 'phi4', prompt: 'x' }, new AbortController().signal)));
    assert.equal(failure.kind, 'busy');
  });

  it('classifies an {"error"} line mid-stream, keeping the text seen before it', async () => {
    double.reply({
      tokens: ['one', ' two', ' three'],
      fault: { kind: 'errorLine', afterChunks: 2, error: 'an error was encountered while running the model: CUDA error' },
    });
    const seen: string[] = [];
    const failure = await failureOf(
      (async () => {
        for await (const chunk of client.generate({ model: 'phi4', prompt: 'x' }, new AbortController().signal)) seen.push(chunk.text);
      })(),
    );
    assert.deepEqual(seen, ['one', ' two']);
    assert.equal(failure.kind, 'failedMidStream');
    assert.match(failure.detail, /CUDA error/);
  });

  it('classifies a connection reset mid-stream (Ollama restarting) as failed mid-stream, not unreachable', async () => {
    double.reply({ tokens: ['one', ' two', ' three'], fault: { kind: 'reset', afterChunks: 1 } });
    const failure = await failureOf(collect(client.generate({ model: 'phi4', prompt: 'x' }, new AbortController().signal)));
    assert.equal(failure.kind, 'failedMidStream');
  });

  it('classifies a stream that ends without done', async () => {
    double.reply({ tokens: ['one'], fault: { kind: 'noDone', afterChunks: 1 } });
    const failure = await failureOf(collect(client.generate({ model: 'phi4', prompt: 'x' }, new AbortController().signal)));
    assert.equal(failure.kind, 'failedMidStream');
    assert.match(failure.detail, /Did not receive done/);
  });

  it('ends a reply with a 200 MB line without a line break, closing the request; memory stays flat', async function () {
    this.timeout(60_000);
    double.reply({ tokens: ['start', ' more'], fault: { kind: 'endlessLine', afterChunks: 1, bytes: 200 * 1024 * 1024 } });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const failure = await failureOf(collect(client.generate({ model: 'phi4', prompt: 'x' }, new AbortController().signal)));
      assert.equal(failure.kind, 'failedMidStream');
      assert.match(failure.detail, /without a line break/);
    } finally {
      clearInterval(sampler);
    }
    await double.waitFor(() => double.requestsTo('/api/generate')[0]?.disconnected, 5000, 'the client to close the connection');
    const grown = (peak - before) / (1024 * 1024);
    assert.ok(grown < 100, `memory grew by ${grown.toFixed(0)} MB while 200 MB were offered`);
  });

  it('gives up a stream that stalls in the middle as timed out (not unreachable), closing the request', async () => {
    const stalling = new OllamaClient({ host: double.url, headers: {}, keepAlive: '30m', numCtx: 8192, streamIdleMs: 300 });
    double.reply({ tokens: ['one', ' two', ' three'], pacing: { tokensPerSecond: 1 } });
    const failure = await failureOf(collect(stalling.generate({ model: 'phi4', prompt: 'x' }, new AbortController().signal)));
    assert.equal(failure.kind, 'timedOut');
    assert.match(failure.detail, /no data from Ollama/);
    assert.match(failure.message, /has not answered/);
    await double.waitFor(() => double.requestsTo('/api/generate')[0]?.disconnected, 5000, 'the client to close the connection');
  });

  it('skips a malformed line and still finishes', async () => {
    double.reply({ tokens: ['a', 'b'], fault: { kind: 'malformedLine', afterChunks: 1 } });
    const original = console.warn;
    console.warn = () => undefined; // the library warns about the skipped line
    try {
      const { text } = await collect(client.generate({ model: 'phi4', prompt: 'x' }, new AbortController().signal));
      assert.equal(text, 'ab');
    } finally {
      console.warn = original;
    }
  });

  it('classifies a refused connection as unreachable', async () => {
    const down = new OllamaClient({ host: 'http://127.0.0.1:9', headers: {}, keepAlive: '30m', numCtx: 8192 });
    const failure = await failureOf(down.version());
    assert.equal(failure.kind, 'unreachable');
    assert.match(failure.message, /not reachable at http:\/\/127\.0\.0\.1:9/);
  });

  it('reports a server that is not Ollama as unreachable with the reason', async () => {
    const wrong = new OllamaClient({ host: `${double.url}/nope`, headers: {}, keepAlive: '30m', numCtx: 8192 });
    const failure = await failureOf(wrong.version());
    assert.equal(failure.kind, 'unreachable');
    assert.match(failure.detail, /not like an Ollama server/);
  });

  it('lists installed and loaded models and reads capabilities with /api/show (cached)', async () => {
    assert.equal(await client.version(), '0.12.3');
    const installed = await client.listModels();
    assert.deepEqual(
      installed.map((m) => m.name),
      ['phi4:latest', 'qwen2.5-coder:1.5b'],
    );
    assert.deepEqual(await client.loadedModels(), []);
    const info = await client.show('phi4');
    assert.deepEqual(info.capabilities, ['completion']);
    assert.equal(info.contextLength, 16384);
    assert.deepEqual(info.stop, ['<|im_start|>', '<|im_end|>', '<|im_sep|>']);
    await client.show('phi4');
    assert.equal(double.requestsTo('/api/show').length, 1);
    const fim = await client.show('qwen2.5-coder:1.5b');
    assert.ok(fim.capabilities.includes('insert'));
  });

  it('warms a model up with a load-only request using the same num_ctx and keep_alive', async () => {
    await client.warmUp('phi4');
    const body = double.requestsTo('/api/generate')[0].body as Record<string, unknown>;
    assert.equal(body.prompt, '');
    assert.deepEqual(body.options, { num_ctx: 8192 });
    assert.equal(body.keep_alive, '30m');
    assert.deepEqual(
      (await client.loadedModels()).map((m) => m.name),
      ['phi4:latest'],
    );
  });

  it('pulls a model with progress in bytes, then lists it', async () => {
    double.setModel('phi4', { present: false });
    const progress = [];
    for await (const step of client.pull('phi4', new AbortController().signal)) progress.push(step);
    assert.equal(progress[0].status, 'pulling manifest');
    assert.equal(progress.at(-1)?.status, 'success');
    const sized = progress.filter((p) => p.total > 0);
    assert.ok(sized.length >= 5);
    for (let i = 1; i < sized.length; i++) assert.ok(sized[i].completed >= sized[i - 1].completed, 'progress never goes back');
    assert.equal(progress.at(-1)?.completed, progress.at(-1)?.total);
    assert.ok((await client.listModels()).some((m) => m.name === 'phi4:latest'));
  });

  it('reports pulling an unknown model as not in the library', async () => {
    const failure = await failureOf(
      (async () => {
        for await (const _ of client.pull('nosuchmodel', new AbortController().signal)) void _;
      })(),
    );
    assert.equal(failure.kind, 'modelMissing');
    assert.match(failure.detail, /not in the Ollama library/);
  });

  it('cancelling a pull closes its request', async () => {
    double.pullIntervalMs = 50;
    double.setModel('phi4', { present: false });
    const controller = new AbortController();
    const failure = await failureOf(
      (async () => {
        for await (const step of client.pull('phi4', controller.signal)) if (step.total > 0) controller.abort();
      })(),
    );
    assert.equal(failure.kind, 'aborted');
    await double.waitFor(() => double.requestsTo('/api/pull')[0].disconnected, 2000, 'disconnect');
    assert.equal(double.model('phi4')?.present, false);
    double.pullIntervalMs = 20;
  });
});
