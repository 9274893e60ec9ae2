import * as assert from 'node:assert/strict';
import { readAnswer } from '../../../../../src/platform/backend/common/answerStream';
import { ModelFailure } from '../../../../../src/platform/backend/common/modelFailure';
import type { TextChunk } from '../../../../../src/platform/backend/common/modelTypes';

/** A stream of chunks that records whether the reader left it early (which closes the HTTP request). */
function chunksOf(texts: string[], last?: TextChunk, failAfter?: number) {
  const seen = { closedEarly: false, pulled: 0 };
  async function* generate(): AsyncGenerator<TextChunk> {
    let finished = false;
    try {
      for (const text of texts) {
        if (failAfter !== undefined && seen.pulled === failAfter) {
          throw new ModelFailure({ kind: 'failedMidStream', message: 'Ollama stopped', detail: 'reset' });
        }
        seen.pulled++;
        yield { text, done: false };
      }
      if (last) yield last;
      finished = true;
    } finally {
      if (!finished) seen.closedEarly = true;
    }
  }
  return { chunks: generate(), seen };
}

describe('reading a streamed answer', () => {
  it('hands each piece on with the text so far, and ends with the final stats', async () => {
    const stats = { doneReason: 'stop', evalCount: 3 };
    const { chunks } = chunksOf(['Hello', ', ', 'world'], { text: '', done: true, stats });
    const pieces: string[] = [];
    let time = 100;
    const answer = await readAnswer(chunks, (piece, text) => pieces.push(`${piece}|${text}`), { now: () => time++ });
    assert.deepEqual(pieces, ['Hello|Hello', ', |Hello, ', 'world|Hello, world']);
    assert.deepEqual(answer, { text: 'Hello, world', stopped: 'done', stats, firstTextAt: 100 });
  });

  it('says the answer reached the token limit', async () => {
    const { chunks } = chunksOf(['def f():\n', '    return'], { text: '', done: true, stats: { doneReason: 'length' } });
    const answer = await readAnswer(chunks, () => undefined);
    assert.equal(answer.stopped, 'length');
    assert.equal(answer.text, 'def f():\n    return');
  });

  it('stops a looping answer, closes the stream and keeps the text before the loop and its first round', async () => {
    const loop = Array.from({ length: 40 }, () => 'console.log("again");\n');
    const { chunks, seen } = chunksOf(['Here:\n', ...loop, 'never read\n']);
    const answer = await readAnswer(chunks, () => undefined);
    assert.equal(answer.stopped, 'repetition');
    assert.equal(answer.text, 'Here:\nconsole.log("again");\n');
    assert.ok(seen.closedEarly, 'leaving the loop closed the stream');
    assert.ok(seen.pulled < 41, `stopped early (${seen.pulled} chunks read)`);
  });

  it('resolves as cancelled with the text so far when the user aborted, and throws any other failure', async () => {
    const controller = new AbortController();
    const cancelled = chunksOf(['one ', 'two ', 'three'], undefined, 2);
    const answer = await readAnswer(cancelled.chunks, () => controller.abort(), { signal: controller.signal });
    assert.equal(answer.stopped, 'cancelled');
    assert.equal(answer.text, 'one two ');
    const failing = chunksOf(['one ', 'two '], undefined, 1);
    await assert.rejects(
      readAnswer(failing.chunks, () => undefined, { signal: new AbortController().signal }),
      (error: ModelFailure) => error.kind === 'failedMidStream',
    );
  });
});
