// The double's model of Ollama's runner slots (OLLAMA_NUM_PARALLEL): the benchmark's cache and latency figures
// rest on it, so it is tested like product code.
import * as assert from 'node:assert/strict';
import { useDouble } from '../../support/double-hooks';
import { OllamaDouble } from '../../support/ollama-double';

/** n prompt tokens: distinct words of letters, one token each. */
const letters = (i: number): string => (i < 26 ? '' : letters(Math.floor(i / 26) - 1)) + String.fromCharCode(97 + (i % 26));
const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ` ${letters(from + i)}`).join('');

describe('Ollama double: runner slots and their prompt caches', () => {
  const double = useDouble({ phi4Loaded: true, slots: 1 });

  async function generate(prompt: string, signal?: AbortSignal): Promise<void> {
    const res = await fetch(`${double.url}/api/generate`, {
      method: 'POST',
      body: JSON.stringify({ model: 'phi4', prompt, raw: true, options: { num_predict: 2 } }),
      signal,
    });
    await res.text();
  }

  it('queues a second request until the one slot is free, then reuses what the first left in the cache', async () => {
    double.pacing = { ...double.pacing, promptTokensPerSecond: 2000, overheadMs: 0 };
    double.defaultReply = 'ok';
    const first = words(400); // 400 tokens: 200 ms of evaluation
    const second = first + words(20, 400);
    const a = generate(first);
    await double.waitFor(() => double.requestsTo('/api/generate').length === 1, 2000, 'the first request');
    const b = generate(second);
    await Promise.all([a, b]);
    const [ra, rb] = double.requestsTo('/api/generate');
    assert.equal(ra.cachedPromptTokens, 0);
    assert.equal(rb.cachedPromptTokens, 400, 'the second request waited and found the first prompt in the cache');
    assert.equal(rb.promptEvalCount - rb.cachedPromptTokens, 20);
    assert.deepEqual([ra.evaluatedPromptTokens, rb.evaluatedPromptTokens], [400, 20]);
  });

  it('frees the slot as soon as a request is closed during prompt evaluation, keeping the whole batches evaluated', async () => {
    double.pacing = { ...double.pacing, promptTokensPerSecond: 1000, overheadMs: 0 };
    const long = words(3000); // 3 s of evaluation
    const controller = new AbortController();
    const a = generate(long, controller.signal).catch(() => undefined);
    await double.waitFor(() => double.requestsTo('/api/generate').length === 1, 2000, 'the first request');
    const b = generate(long); // waits for the slot
    await new Promise((resolve) => setTimeout(resolve, 1300));
    controller.abort();
    await Promise.all([a, b]);
    const [closed, next] = double.requestsTo('/api/generate');
    assert.equal(closed.disconnected, true);
    assert.equal(next.cachedPromptTokens % 512, 0, 'whole batches');
    assert.equal(closed.evaluatedPromptTokens, next.cachedPromptTokens, 'the closed request records what it got through');
    assert.equal(next.evaluatedPromptTokens, 3000 - next.cachedPromptTokens);
    assert.ok(next.cachedPromptTokens >= 512 && next.cachedPromptTokens <= 1536, `${next.cachedPromptTokens} tokens kept`);
    // The queued request got the slot when the first was closed, not when its evaluation would have ended (1.7 s on).
    const waited = (next.slotAt ?? Infinity) - (closed.disconnectedAt ?? 0);
    assert.ok(waited < 850, `got the slot ${waited} ms after the close`);
  });

  it('with two slots runs two requests at once, and a request takes the slot holding its prefix', async () => {
    double.pacing = { ...double.pacing, promptTokensPerSecond: 4000, overheadMs: 0 };
    const two = useTwoSlots();
    await two.ready;
    const chat = words(800, 10000);
    const completion = words(800, 20000);
    await Promise.all([two.generate(chat), two.generate(completion)]);
    await two.generate(`${completion}${words(5, 30000)}`);
    const requests = two.double.requestsTo('/api/generate');
    assert.equal(requests[2].cachedPromptTokens, 800, 'the completion slot kept its prompt while the chat used the other');
    await two.stop();
  });
});

/** A second double with OLLAMA_NUM_PARALLEL=2, for one test. */
function useTwoSlots() {
  const double = new OllamaDouble({ slots: 2, pacing: { promptTokensPerSecond: 4000 } });
  const ready = double.start().then(() => double.setModel('phi4', { loaded: true }));
  return {
    double,
    ready,
    stop: () => double.stop(),
    generate: async (prompt: string) => {
      const res = await fetch(`${double.url}/api/generate`, {
        method: 'POST',
        body: JSON.stringify({ model: 'phi4', prompt, raw: true, options: { num_predict: 2 } }),
      });
      await res.text();
    },
  };
}
