import * as assert from 'node:assert/strict';
import { MAX_DEBOUNCE_MS, TypingRhythm } from '../../../../src/completion/common/typingRhythm';

function typed(intervals: number[]): TypingRhythm {
  const rhythm = new TypingRhythm();
  let now = 1000;
  rhythm.keystroke(now);
  for (const interval of intervals) rhythm.keystroke((now += interval));
  return rhythm;
}

describe('typing rhythm', () => {
  it('waits the setting until it knows the rhythm', () => {
    assert.equal(new TypingRhythm().debounce(200), 200);
  });

  it('waits a little longer than the usual interval, never less than the setting', () => {
    assert.equal(typed(Array(30).fill(80)).debounce(200), 200, 'a fast typist waits the minimum');
    const slow = typed(Array(30).fill(250));
    assert.ok(Math.abs(slow.debounce(200) - 400) <= 2, `a slow typist waits ${slow.debounce(200)} ms`);
    assert.equal(typed(Array(30).fill(900)).debounce(200), MAX_DEBOUNCE_MS);
  });

  it('follows a change of pace, and does not count pauses as typing', () => {
    const rhythm = typed([...Array(20).fill(300), ...Array(20).fill(100)]);
    assert.ok(rhythm.debounce(100) < 200, `${rhythm.debounce(100)} ms after speeding up`);
    const paused = typed([...Array(20).fill(150), 5000, 3000]);
    assert.equal(Math.round(paused.usualInterval ?? 0), 150);
    paused.interrupt();
    paused.keystroke(10_000_000);
    assert.equal(Math.round(paused.usualInterval ?? 0), 150, 'the first keystroke after an interruption starts no interval');
  });
});
