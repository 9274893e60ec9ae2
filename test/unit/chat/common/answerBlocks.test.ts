import * as assert from 'node:assert/strict';
import { answerBlocks, isCutBlock } from '../../../../src/chat/common/answerBlocks';

describe('code blocks of an answer', () => {
  it('finds each fenced block and whether it was closed', () => {
    const answer = 'Here:\n```ts\nconst a = 1;\n```\nand with tildes:\n~~~py\nx = 2\n~~~\nThen:\n```js\nfunction f() {\n  return';
    assert.deepEqual(answerBlocks(answer), [
      { code: 'const a = 1;', closed: true },
      { code: 'x = 2', closed: true },
      { code: 'function f() {\n  return', closed: false },
    ]);
  });

  it('a closing fence must be as long as the opening one and of its kind', () => {
    const answer = '````md\n```ts\ninner\n```\n````\n';
    assert.deepEqual(answerBlocks(answer), [{ code: '```ts\ninner\n```', closed: true }]);
    assert.deepEqual(answerBlocks('~~~\ncode\n```\n'), [{ code: 'code\n```\n', closed: false }]);
  });

  it('says a block is cut only when the answer never closed it', () => {
    const cut = 'Done:\n```ts\nexport function total(xs: number[]) {\n  return xs.reduce(';
    const whole = 'Done:\n```ts\nexport const one = 1;\n```\n\n_(The answer reached phiLocal.maxAnswerTokens and was cut off.)_';
    assert.equal(isCutBlock([whole, cut], 'export function total(xs: number[]) {\n  return xs.reduce('), true);
    assert.equal(isCutBlock([whole, cut], 'export const one = 1;\n'), false, 'a whole block of a cut answer is whole');
    assert.equal(isCutBlock([whole], 'something the view sent that no answer has'), false);
    // The view shows an unclosed block to the end of the answer, the limit note included.
    const noted = `${cut}\n\n_(The answer reached phiLocal.maxAnswerTokens and was cut off.)_`;
    assert.equal(isCutBlock([noted], noted.slice(noted.indexOf('```ts\n') + 6)), true);
  });
});
