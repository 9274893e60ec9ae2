import * as assert from 'node:assert/strict';
import { CompletionEngine, type CompleteRequest } from '../../../../src/completion/common/engine';
import { PHI4_FORMAT } from '../../../../src/platform/backend/common/modelTypes';
import type { CompletionSnapshot } from '../../../../src/completion/common/snapshot';
import { OllamaClient } from '../../../../src/platform/ollama/node/ollamaClient';
import { useDouble } from '../../../support/double-hooks';

function snapshot(prefix: string, suffix = ''): CompletionSnapshot {
  const line = prefix.split('\n').length - 1;
  return {
    prefix,
    suffix,
    languageId: 'typescript',
    relativePath: 'src/app.ts',
    line,
    character: prefix.length - prefix.lastIndexOf('\n') - 1,
    windowStartLine: 0,
    documentLength: prefix.length + suffix.length,
  };
}

describe('completion engine against the Ollama double', () => {
  const double = useDouble({ phi4Loaded: true });
  let client: OllamaClient;
  let engine: CompletionEngine;
  const phi4 = PHI4_FORMAT;

  const request = (prefix: string, extra: Partial<CompleteRequest> = {}): CompleteRequest => ({
    snapshot: snapshot(prefix),
    model: 'phi4',
    style: phi4,
    snippets: [],
    numCtx: 8192,
    debounceMs: 0,
    signal: new AbortController().signal,
    ...extra,
  });

  beforeEach(() => {
    client = new OllamaClient({ host: double.url, headers: {}, keepAlive: '30m', numCtx: 8192 });
    engine = new CompletionEngine({
      now: () => Date.now(),
      stream: (prompt, model, signal) => client.complete(prompt, model, signal),
    });
  });

  it('asks phi4 with a raw prompt and no suffix, and returns the cleaned text', async () => {
    double.reply({ text: 'reduce((a, b) => a + b, 0);<|im_end|>' });
    const result = await engine.complete(request('const total = items.'));
    assert.deepEqual(result, { text: 'reduce((a, b) => a + b, 0);', replace: 0, source: 'model' });
    const body = double.requestsTo('/api/generate')[0].body as Record<string, unknown>;
    assert.equal(body.raw, true);
    assert.equal('suffix' in body, false);
    assert.match(String(body.prompt), /<\|im_start\|>assistant<\|im_sep\|>\n```typescript\nconst total = items\.$/);
  });

  it('sends a FIM model the suffix', async () => {
    double.reply({ text: 'a + b' });
    const fim = { kind: 'fim' } as const;
    const result = await engine.complete({
      ...request('return '),
      model: 'qwen2.5-coder:1.5b',
      style: fim,
      snapshot: snapshot('return ', ';\n}'),
    });
    assert.deepEqual(result, { text: 'a + b', replace: 0, source: 'model' });
    const body = double.requestsTo('/api/generate')[0].body as Record<string, unknown>;
    assert.equal(body.suffix, ';\n}');
    assert.equal(body.raw, undefined);
  });

  it('serves a repeated position from the cache without a request', async () => {
    double.reply({ text: 'compute();' });
    await engine.complete(request('const x = '));
    const again = await engine.complete(request('const x = '));
    assert.deepEqual(again, { text: 'compute();', replace: 0, source: 'cache' });
    assert.equal(double.requestsTo('/api/generate').length, 1);
  });

  it('follows typing along a shown suggestion without a new request (typed-ahead)', async () => {
    double.reply({ text: 'reduce((a, b) => a + b, 0);' });
    await engine.complete(request('const total = items.'));
    const typed = await engine.complete(request('const total = items.red'));
    assert.deepEqual(typed, { text: 'uce((a, b) => a + b, 0);', replace: 0, source: 'typedAhead' });
    assert.equal(double.requestsTo('/api/generate').length, 1);
    assert.equal(engine.stats.snapshot().typedAheadHits, 1);
  });

  it('follows typing along the suggestion still in flight, without aborting it', async () => {
    double.reply({ text: 'reduce((a, b) => a + b, 0);', pacing: { ttftMs: 150 } });
    const first = new AbortController();
    const pending = engine.complete(request('const total = items.', { signal: first.signal }));
    await double.waitFor(() => double.requestsTo('/api/generate').length === 1, 2000, 'request');
    first.abort(); // VS Code cancels the call when the user types
    const typed = await engine.complete(request('const total = items.re'));
    assert.deepEqual(await pending, { skipped: 'cancelled' });
    assert.deepEqual(typed, { text: 'duce((a, b) => a + b, 0);', replace: 0, source: 'inFlight' });
    assert.equal(double.requestsTo('/api/generate').length, 1);
    assert.equal(double.requestsTo('/api/generate')[0].disconnected, false);
  });

  it('aborts a request the user typed away from: the double sees the socket close', async () => {
    double.reply({ text: 'reduce((a, b) => a + b, 0);', pacing: { ttftMs: 200, tokensPerSecond: 20 } });
    const first = new AbortController();
    void engine.complete(request('const total = items.', { signal: first.signal }));
    await double.waitFor(() => double.requestsTo('/api/generate').length === 1, 2000, 'request');
    first.abort();
    double.reply({ text: 'ength;' });
    const typed = await engine.complete(request('const total = items.l'));
    assert.deepEqual(typed, { text: 'ength;', replace: 0, source: 'model' });
    await double.waitFor(() => double.requestsTo('/api/generate')[0].disconnected, 2000, 'disconnect of the stale request');
    assert.equal(engine.stats.snapshot().aborted, 1);
  });

  it('aborts an orphaned request when nobody asks again', async () => {
    double.reply({ text: 'x'.repeat(50), pacing: { ttftMs: 2000 } });
    const first = new AbortController();
    void engine.complete(request('let a = ', { signal: first.signal }));
    await double.waitFor(() => double.requestsTo('/api/generate').length === 1, 2000, 'request');
    first.abort();
    await double.waitFor(() => double.requestsTo('/api/generate')[0].disconnected, 2000, 'disconnect');
  });

  it('debounces: a call cancelled during the pause sends nothing', async () => {
    const first = new AbortController();
    const pending = engine.complete(request('let a = ', { signal: first.signal, debounceMs: 200 }));
    setTimeout(() => first.abort(), 20);
    assert.deepEqual(await pending, { skipped: 'cancelled' });
    assert.equal(double.requestsTo('/api/generate').length, 0);
  });

  it('reports a failure without throwing', async () => {
    double.reply({ fault: { kind: 'status', status: 503, error: 'server busy, please try again.  maximum pending requests exceeded' } });
    const result = await engine.complete(request('let a = '));
    assert.equal('skipped' in result && result.skipped, 'failed');
    assert.equal(engine.stats.snapshot().failed, 1);
  });

  it('caches an empty answer: the same position does not ask again', async () => {
    // The model's best answer is the line that already follows: nothing to show.
    double.reply({ text: 'return sum;\n}\n```<|im_end|>' });
    const at = { snapshot: snapshot('function f() {\n  let sum = 0;\n  ', '\n  return sum;\n}') };
    assert.deepEqual(await engine.complete({ ...request(''), ...at }), { skipped: 'empty' });
    assert.deepEqual(await engine.complete({ ...request(''), ...at }), { skipped: 'empty' });
    assert.equal(double.requestsTo('/api/generate').length, 1);
  });

  it('replaces the closers after the cursor that the answer rewrote, also when typed ahead', async () => {
    double.reply({ text: 'a, b);\n```<|im_end|>' });
    const result = await engine.complete({ ...request(''), snapshot: snapshot('  return add(', ')\n}') });
    assert.deepEqual(result, { text: 'a, b);', replace: 1, source: 'model' });
    const typed = await engine.complete({ ...request(''), snapshot: snapshot('  return add(a', ')\n}') });
    assert.deepEqual(typed, { text: ', b);', replace: 1, source: 'typedAhead' });
  });

  it('lets the answer decide its length: no line-break stop, and the request closes once the cleanup has decided', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `  step${i}();`).join('\n');
    double.reply({ text: `\n}\n\nfunction next() {\n${lines}\n}\n\`\`\`<|im_end|>`, pacing: { tokensPerSecond: 200 } });
    const result = await engine.complete({ ...request(''), snapshot: snapshot('function f() {\n  return 1;', '') });
    assert.deepEqual(result, { text: '\n}', replace: 0, source: 'model' });
    const sent = double.requestsTo('/api/generate')[0];
    assert.equal(((sent.body as { options: { stop: string[] } }).options.stop ?? []).includes('\n'), false);
    await double.waitFor(() => sent.disconnected, 2000, 'the request closed before the answer ended');
  });

  it('stops at a line break in one-line mode', async () => {
    double.reply({ text: 'x;' });
    await engine.complete(request('const a = ', { singleLineOnly: true }));
    const body = double.requestsTo('/api/generate')[0].body as { options: { stop: string[]; num_predict: number } };
    assert.equal(body.options.stop.includes('\n'), true);
  });

  it('warms the cache with the prompt of a position: the completion there evaluates only the tail again', async () => {
    double.reply({ text: 'x', match: { warmUp: true } });
    const at = snapshot('function f() {\n  const value = compute();\n  return ', ';\n}');
    assert.equal(engine.warm({ snapshot: at, model: 'phi4', style: phi4, snippets: [], numCtx: 8192 }), true);
    await double.waitFor(() => double.requestsTo('/api/generate')[0]?.completed === true, 2000, 'the warm-up');
    const warm = double.requestsTo('/api/generate')[0].body as { options: { num_predict: number } };
    assert.equal(warm.options.num_predict, 1);
    double.reply({ text: 'value;<|im_end|>' });
    const typed = snapshot('function f() {\n  const value = compute();\n  return v', ';\n}');
    await engine.complete({ ...request(''), snapshot: typed });
    const real = double.requestsTo('/api/generate')[1];
    assert.ok(
      real.promptEvalCount - real.cachedPromptTokens <= 64 && real.cachedPromptTokens > real.promptEvalCount / 2,
      `${real.promptEvalCount - real.cachedPromptTokens} tokens evaluated again`,
    );
    assert.equal(engine.stats.snapshot().warmUps, 1);
  });

  it('aborts a warm-up when a completion elsewhere needs the slot, and warms nothing while one runs', async () => {
    double.reply({ text: 'x', pacing: { ttftMs: 3000 }, match: { warmUp: true } });
    const at = snapshot('const a = ');
    assert.equal(engine.warm({ snapshot: at, model: 'phi4', style: phi4, snippets: [], numCtx: 8192 }), true);
    assert.equal(engine.warm({ snapshot: at, model: 'phi4', style: phi4, snippets: [], numCtx: 8192 }), false, 'one at a time');
    await double.waitFor(() => double.requestsTo('/api/generate').length === 1, 2000, 'the warm-up');
    double.reply({ text: '1;', pacing: { ttftMs: 300 } });
    const pending = engine.complete(request('function elsewhere() {\n  const b = '));
    await double.waitFor(() => double.requestsTo('/api/generate')[0].disconnected, 2000, 'the warm-up closed');
    assert.equal(engine.warm({ snapshot: at, model: 'phi4', style: phi4, snippets: [], numCtx: 8192 }), false, 'not while a request runs');
    assert.deepEqual(await pending, { text: '1;', replace: 0, source: 'model' });
  });

  it('lets a warm-up of the same position finish when the user types there: the completion waits for it and reuses its prompt', async () => {
    double.reply({ text: 'x', pacing: { ttftMs: 500 }, match: { warmUp: true } });
    const file = 'function total(items: Item[]) {\n  let sum = 0;\n  for (const item of items) sum += item.price;\n  return ';
    assert.equal(engine.warm({ snapshot: snapshot(file, ';\n}'), model: 'phi4', style: phi4, snippets: [], numCtx: 8192 }), true);
    await double.waitFor(() => double.requestsTo('/api/generate').length === 1, 2000, 'the warm-up');
    double.reply({ text: 'um;<|im_end|>' });
    const result = await engine.complete({ ...request(''), snapshot: snapshot(`${file}s`, ';\n}') });
    assert.deepEqual(result, { text: 'um', replace: 0, source: 'model' });
    const [warm, real] = double.requestsTo('/api/generate');
    assert.equal(warm.disconnected, false, 'the warm-up was not closed');
    assert.equal(warm.completed, true);
    assert.ok(real.cachedPromptTokens >= warm.promptEvalCount - 2, `${real.cachedPromptTokens} of ${warm.promptEvalCount} reused`);
    assert.ok(real.promptEvalCount - real.cachedPromptTokens <= 3, 'only what was typed is evaluated again');
  });

  it('shows the first line of a block as soon as it is there, then the whole block from the same request', async () => {
    double.reply({ text: 'if (ready) {\n    start();\n    report();\n  }\n}\n```<|im_end|>', pacing: { tokensPerSecond: 25 } });
    const at = { snapshot: snapshot('function f() {\n  ', '\n}') };
    const finished = new Promise<void>((resolve) => engine.onDidFinishBlock(() => resolve()));
    const first = await engine.complete({ ...request(''), ...at });
    assert.deepEqual(first, { text: 'if (ready) {', replace: 0, source: 'model', firstLineOnly: true });
    assert.equal(double.requestsTo('/api/generate')[0].completed, false, 'the block is still streaming');
    // Typing along the first line is served from the same request.
    const typed = await engine.complete({ ...request(''), snapshot: snapshot('function f() {\n  if (', '\n}') });
    assert.deepEqual(typed, { text: 'ready) {', replace: 0, source: 'inFlight', firstLineOnly: true });
    await finished;
    const whole = await engine.complete({ ...request(''), ...at });
    assert.deepEqual(whole, { text: 'if (ready) {\n    start();\n    report();\n  }', replace: 0, source: 'cache' });
    assert.equal(double.requestsTo('/api/generate').length, 1);
  });

  it('prefetches the continuation after an accept: the next line is then served without a new request', async () => {
    double.reply({ text: '\n  return total;\n}\n```<|im_end|>' });
    const { debounceMs: _debounce, ...rest } = request('');
    engine.prefetch({ ...rest, snapshot: snapshot('function f() {\n  const total = 1;', '') });
    await double.waitFor(() => double.requestsTo('/api/generate')[0]?.completed === true, 2000, 'the prefetch');
    // The user presses Enter; the editor indents.
    const next = await engine.complete({ ...request(''), snapshot: snapshot('function f() {\n  const total = 1;\n  ', '') });
    assert.ok('text' in next && next.text === 'return total;' && next.replace === 0, JSON.stringify(next));
    assert.ok(next.source === 'typedAhead' || next.source === 'inFlight', next.source);
    assert.equal(double.requestsTo('/api/generate').length, 1);
    assert.equal(engine.stats.snapshot().prefetches, 1);
  });

  it('skips without a request in the middle of a word', async () => {
    const result = await engine.complete({ ...request('const na'), snapshot: snapshot('const na', 'me = 1;') });
    assert.deepEqual(result, { skipped: 'midWord' });
    assert.equal(double.requestsTo('/api/generate').length, 0);
  });
});
