import * as assert from 'node:assert/strict';
import { repetitionCut } from '../../../../../src/platform/prompt/common/repetition';

describe('repetition', () => {
  it('stops a line repeated in a row, keeping the text before it and one copy', () => {
    const intro = 'Here is the fix:\n```ts\n';
    const text = intro + 'console.log("again");\n'.repeat(15);
    const cut = repetitionCut(text);
    assert.equal(text.slice(0, cut), `${intro}console.log("again");\n`);
  });

  it('stops a block of lines repeated again and again', () => {
    const block = 'if (x) {\n  y++;\n}\n';
    const text = `function f() {\n${block.repeat(7)}`;
    const cut = repetitionCut(text);
    assert.equal(text.slice(0, cut), `function f() {\n${block}`);
  });

  it('leaves ordinary code alone: closing braces, blank lines, a few similar lines, a table', () => {
    const code = '    }\n  }\n}\n\n\n\n'.repeat(4) + 'a = 1;\nb = 2;\na = 1;\nb = 2;\n' + '| x | y |\n'.repeat(5);
    assert.equal(repetitionCut(code), undefined);
    assert.equal(repetitionCut('value,\n'.repeat(11)), undefined);
    assert.equal(repetitionCut('no newline yet'), undefined);
  });

  it('looks at whole lines only', () => {
    const text = 'step();\n'.repeat(11) + 'step()';
    assert.equal(repetitionCut(text), undefined);
    assert.ok(repetitionCut(`${text};\n`) !== undefined);
  });

  it('looks only at the end of a long answer, and cuts it at the right place', () => {
    const before = Array.from({ length: 50_000 }, (_, i) => `const value${i} = ${i};`).join('\n') + '\n';
    const loop = 'console.log("again");\n'.repeat(20);
    assert.equal(repetitionCut(before + loop), before.length + 'console.log("again");\n'.length);
    assert.equal(repetitionCut(before), undefined);
  });
});
