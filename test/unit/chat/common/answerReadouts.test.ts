import * as assert from 'node:assert/strict';
import { answerStats, CONTEXT_WARNING, contextUse, statsOf } from '../../../../src/chat/common/answerReadouts';
import { buildChat } from '../../../../src/chat/common/chatPrompt';
import type { StoredMessage } from '../../../../src/chat/common/conversation';
import { storedMessage } from '../../../support/messages';

const message = storedMessage;

describe('chat readouts', () => {
  it("reads an answer's time to first token, speed and prompt size from Ollama's final stats", () => {
    assert.deepEqual(answerStats(1000, 1850, { evalCount: 120, evalDurationMs: 6000, promptEvalCount: 1432 }), {
      firstTokenMs: 850,
      tokensPerSecond: 20,
      promptTokens: 1432,
    });
    assert.equal(answerStats(1000, 1500, { evalCount: 7, evalDurationMs: 300 })?.tokensPerSecond, 23.3);
    // No final stats (a server that sends none): only what was measured here.
    assert.deepEqual(answerStats(0, 400, undefined), { firstTokenMs: 400, tokensPerSecond: undefined, promptTokens: undefined });
    assert.equal(answerStats(0, undefined, undefined), undefined);
    assert.equal(answerStats(0, 10, { evalCount: 5, evalDurationMs: 0 })?.tokensPerSecond, undefined, 'no division by zero');
  });

  it('keeps only sane numbers from stored stats', () => {
    assert.deepEqual(statsOf({ firstTokenMs: 800, tokensPerSecond: 'fast', promptTokens: -3 }), {
      firstTokenMs: 800,
      tokensPerSecond: undefined,
      promptTokens: undefined,
    });
    assert.equal(statsOf({ firstTokenMs: Number.NaN }), undefined);
    assert.equal(statsOf('<img src=x>'), undefined);
  });

  it('measures the whole conversation against the budget buildChat uses, so the gauge warns before turns are dropped', () => {
    const numCtx = 2048;
    const turns: StoredMessage[] = [];
    let warnedBeforeDrop = false;
    for (let i = 0; i < 40; i++) {
      turns.push(
        message('user', `question ${i} ${'about the code '.repeat(20)}`),
        message('assistant', `answer ${i} ${'words '.repeat(60)}`),
      );
      const use = contextUse(turns, numCtx);
      const built = buildChat([...turns, message('user', 'next?')], numCtx);
      if (built.droppedTurns > 0) break;
      if (use.used / use.budget >= CONTEXT_WARNING) warnedBeforeDrop = true;
    }
    assert.ok(warnedBeforeDrop, 'the gauge reached the warning level while every turn still fit');
    assert.equal(contextUse([], numCtx).budget, numCtx - 1024);
  });

  it('counts context attached to questions and leaves out failed answers', () => {
    const plain = contextUse([message('user', 'why?')], 8192).used;
    const withFile = contextUse(
      [message('user', 'why?', { context: [{ label: 'a.ts', language: 'ts', text: 'const a = 1;\n'.repeat(50) }] })],
      8192,
    ).used;
    assert.ok(withFile > plain + 100);
    const failed = contextUse([message('user', 'why?'), message('assistant', 'x'.repeat(4000), { status: 'error' })], 8192).used;
    assert.equal(failed, plain);
  });
});
