import * as assert from 'node:assert/strict';
import { comparable, endOfBlock, opensBlock } from '../../../../src/completion/common/blockEnd';
import { type CleanupContext } from '../../../../src/completion/common/transforms';
import { collectText } from '../../../support/streams';

async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const base: CleanupContext = {
  linePrefix: '',
  lineSuffix: '',
  previousLines: [],
  nextLines: [],
  multiline: true,
  maxLines: 12,
  markers: [],
  proseIsContent: false,
};

async function end(text: string, context: Partial<CleanupContext>): Promise<string> {
  const results = new Set<string>();
  for (const size of [1, 3, 1000]) results.add(await collectText(endOfBlock({ ...base, ...context })(pieces(text, size))));
  assert.equal(results.size, 1, `depends on chunking: ${[...results].join(' | ')}`);
  return [...results][0];
}

describe('where a completion ends', () => {
  it('compares lines without trailing punctuation and tells block openers', () => {
    assert.equal(comparable('  return x;  '), '  return x');
    assert.equal(opensBlock('def f(x):'), true);
    assert.equal(opensBlock('x = 1'), false);
  });

  it('keeps one line unless the answer opens a block', async () => {
    assert.equal(await end('a = 1;\nb = 2;', { linePrefix: '  ' }), 'a = 1;');
    assert.equal(await end('{\n  return 1;\n}\nmore();', { linePrefix: 'function f() ' }), '{\n  return 1;\n}');
    assert.equal(await end(':\n    return 1\nprint()', { linePrefix: 'def f()' }), ':\n    return 1');
  });

  it('takes the one line after a leading line break, or the block it opens', async () => {
    assert.equal(await end('\n}\n\nfunction g() {}', { linePrefix: '  return a + b;' }), '\n}');
    assert.equal(await end('\nversion: 1\nmain: x', { linePrefix: 'name: app' }), '\nversion: 1');
    assert.equal(await end('\n\nfunction g() {\n  run();\n}\nnext();', { linePrefix: '}' }), '\n\nfunction g() {\n  run();\n}');
  });

  it('one-line mode keeps only the rest of the cursor line', async () => {
    assert.equal(await end('{\n  return 1;\n}', { linePrefix: 'function f() ', multiline: false }), '{');
  });

  it('ends where the answer repeats the next line of the document', async () => {
    assert.equal(await end('return sum;\n}', { linePrefix: '  ', nextLines: ['  return sum;', '}'] }), 'return sum;');
    assert.equal(
      await end('for (;;) {\n    x();\n  }\n  return sum;', { linePrefix: '  ', nextLines: ['  return sum;'] }),
      'for (;;) {\n    x();\n  }',
    );
  });

  it('drops a closing line the document already has, by its first closer at the same indentation', async () => {
    assert.equal(await end('\n  return 1;\n};', { linePrefix: 'function f() {', nextLines: ['}'] }), '\n  return 1;');
    assert.equal(await end('\n  run();\n})', { linePrefix: 'it("x", () => {', nextLines: ['});'] }), '\n  run();');
    // A closer at another indentation is the answer's own.
    assert.equal(await end('\n    run();\n  }', { linePrefix: '  if (x) {', nextLines: ['}'] }), '\n    run();\n  }');
  });

  it('takes the body of an empty block up to where the block closes', async () => {
    const body = 'if (a) {\n    b();\n  }\n  return c;\n}\n\nnext();';
    assert.equal(await end(body, { linePrefix: '  ', previousLines: ['function f() {'] }), 'if (a) {\n    b();\n  }\n  return c;');
  });

  it('takes an Allman block whose brace comes on its own line', async () => {
    const text = 'foreach (var v in values)\n    {\n        total += v;\n    }\n    return total;';
    assert.equal(await end(text, { linePrefix: '    ' }), 'foreach (var v in values)\n    {\n        total += v;\n    }');
  });

  it('in prose, a colon opens no block', async () => {
    assert.equal(await end('Install it as follows:\n\n1. Run it.', { proseIsContent: true }), 'Install it as follows:');
  });
});
