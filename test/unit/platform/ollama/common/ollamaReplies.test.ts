import * as assert from 'node:assert/strict';
import { parseInstalledModels, parseLoadedModels, PullTally, statsOf } from '../../../../../src/platform/ollama/common/ollamaReplies';

describe('Ollama replies', () => {
  it('reads installed models, skipping rows without a name', () => {
    const models = parseInstalledModels({
      models: [
        { name: 'phi4:latest', size: 9_100_000_000, details: { parameter_size: '14.7B', quantization_level: 'Q4_K_M' } },
        { size: 3 },
        null,
        { name: 'qwen2.5-coder:1.5b' },
      ],
    });
    assert.deepEqual(models, [
      { name: 'phi4:latest', sizeBytes: 9_100_000_000, parameterSize: '14.7B', quantization: 'Q4_K_M' },
      { name: 'qwen2.5-coder:1.5b', sizeBytes: 0, parameterSize: undefined, quantization: undefined },
    ]);
  });

  it('refuses a tags reply without a models list: that server is not Ollama', () => {
    assert.throws(() => parseInstalledModels({ status: 'ok' }), /no models list/);
    assert.throws(() => parseInstalledModels(undefined), /no models list/);
  });

  it('reads loaded models, and none from a reply without a list', () => {
    assert.deepEqual(parseLoadedModels({ models: [{ name: 'phi4:latest', expires_at: '2026-12-03T21:00:00Z' }, { expires_at: 1 }] }), [
      { name: 'phi4:latest', expiresAt: '2026-12-03T21:00:00Z' },
    ]);
    assert.deepEqual(parseLoadedModels({}), []);
  });

  it('turns the final chunk’s nanoseconds into milliseconds and ignores wrong types', () => {
    const stats = statsOf({
      done_reason: 'length',
      prompt_eval_count: 812,
      eval_count: 64,
      prompt_eval_duration: 1_804_000_000,
      eval_duration: 'x',
    });
    assert.equal(stats.doneReason, 'length');
    assert.equal(stats.promptEvalCount, 812);
    assert.equal(stats.promptEvalDurationMs, 1804);
    assert.equal(stats.evalDurationMs, undefined);
  });

  it('sums pull progress over the layers, a layer counted once however often it reports', () => {
    const tally = new PullTally();
    assert.deepEqual(tally.add({ status: 'pulling manifest' }), { status: 'pulling manifest', completed: 0, total: 0 });
    tally.add({ status: 'pulling aaa', digest: 'sha256:a', total: 100 });
    tally.add({ status: 'pulling aaa', digest: 'sha256:a', total: 100, completed: 40 });
    assert.deepEqual(tally.add({ status: 'pulling bbb', digest: 'sha256:b', total: 50, completed: 10 }), {
      status: 'pulling bbb',
      completed: 50,
      total: 150,
    });
    assert.equal(tally.add(null).status, '');
  });
});
