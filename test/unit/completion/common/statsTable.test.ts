import * as assert from 'node:assert/strict';
import { CompletionStats } from '../../../../src/completion/common/completionStats';
import { statsRows } from '../../../../src/completion/common/statsTable';

const t = (message: string, ...args: (string | number)[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

describe('completion stats view', () => {
  it('shows acceptance, latency and what reuse saved; Reset starts afresh', () => {
    const stats = new CompletionStats();
    for (let i = 0; i < 4; i++) stats.count('shown');
    stats.count('accepted');
    for (let i = 0; i < 3; i++) stats.count('requests');
    stats.count('typedAheadHits');
    stats.recordLatency(300);
    stats.recordLatency(900);
    const rows = new Map(statsRows(stats.snapshot(), t));
    assert.equal(rows.get('Accepted'), '1 (25 %)');
    assert.equal(rows.get('Latency p50 / p90'), '300 ms / 900 ms');
    assert.equal(rows.get('Last completion'), '900 ms');
    assert.equal(rows.get('Served without a request (cache, typed ahead)'), '1 (25 %)');
    stats.reset();
    const fresh = new Map(statsRows(stats.snapshot(), t));
    assert.equal(fresh.get('Accepted'), '0 (–)');
    assert.equal(fresh.get('Latency p50 / p90'), '– / –');
    assert.equal(fresh.get('Suggestions shown'), '0');
  });
});
