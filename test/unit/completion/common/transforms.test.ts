import * as assert from 'node:assert/strict';
import { cleanup, dropEchoedPrefix, stopAtMarkers, stripPreamble, type CleanupContext } from '../../../../src/completion/common/transforms';
import { collectText } from '../../../support/streams';

/** Streams `text` in pieces of `size` characters, recording how far the consumer read. */
function source(text: string, size: number, seen = { chunks: 0, closed: false }) {
  return (async function* () {
    try {
      for (let i = 0; i < text.length; i += size) {
        seen.chunks++;
        yield text.slice(i, i + size);
      }
    } finally {
      seen.closed = true;
    }
  })();
}

const CONTEXT: CleanupContext = {
  linePrefix: '  x = ',
  lineSuffix: '',
  previousLines: [],
  nextLines: [],
  multiline: false,
  maxLines: 12,
  markers: ['<|im_end|>'],
  proseIsContent: false,
};

describe('completion cleanup stages', () => {
  it('stops reading the model as soon as the answer is over, closing the source', async () => {
    const seen = { chunks: 0, closed: false };
    const long = `value;\n${'garbage line\n'.repeat(500)}`;
    assert.equal(await collectText(cleanup(source(long, 4, seen), CONTEXT)), 'value;');
    assert.equal(seen.closed, true);
    assert.ok(seen.chunks < 120, `read ${seen.chunks} of ${Math.ceil(long.length / 4)} chunks`);
  });

  it('never yields part of a marker split across chunks', async () => {
    const out = await collectText(stopAtMarkers(['<|im_end|>'])(source('abc<|im_end|>tail', 5)));
    assert.equal(out, 'abc');
  });

  for (const size of [1, 4, 1000]) {
    it(`drops a preamble only when it reads as one (chunks of ${size})`, async () => {
      const strip = (text: string, prose = false) => collectText(stripPreamble(prose)(source(text, size)));
      assert.equal(await strip('Here is the completed code:\n```ts\nreturn 1;'), 'return 1;');
      assert.equal(await strip('Sure!\n\nHere you go:\n```\nreturn 1;'), 'return 1;');
      assert.equal(await strip('Certainly.\n```python\nreturn 1'), 'return 1');
      // Code and comments that start with the same words stay.
      assert.equal(await strip('ok = validate(data)\nreturn ok'), 'ok = validate(data)\nreturn ok');
      assert.equal(await strip('// Here is the parser:\nparse();'), '// Here is the parser:\nparse();');
      assert.equal(await strip('this.code = code;'), 'this.code = code;');
      assert.equal(await strip('Sure enough, it works.\nNext line.'), 'Sure enough, it works.\nNext line.');
      // In a Markdown file prose is the content.
      assert.equal(await strip('Here is how to install it:\n\n1. Run it.', true), 'Here is how to install it:\n\n1. Run it.');
    });

    it(`removes what the answer repeats of the text before the cursor (chunks of ${size})`, async () => {
      const echo = (prefix: string, text: string) => collectText(dropEchoedPrefix(prefix, [])(source(text, size)));
      assert.equal(await echo('    return ', ' this.size;'), 'this.size;');
      assert.equal(await echo('  const tot', 'total = 1;'), 'al = 1;');
      assert.equal(await echo('  const to', 'tal = 1;'), 'tal = 1;');
      assert.equal(await echo('  x = a', ' + b;'), ' + b;');
      assert.equal(await echo('  const x = ', 'const x = 1;'), '1;');
      assert.equal(await echo('  x =', ' 1;'), ' 1;');
    });
  }
});
