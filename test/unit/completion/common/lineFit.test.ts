import * as assert from 'node:assert/strict';
import { finish } from '../../../../src/completion/common/lineFit';

const fit = (text: string, linePrefix: string, lineSuffix = '', nextLines: string[] = []) =>
  finish(text, { linePrefix, lineSuffix, nextLines });

describe('fitting a completion into its line', () => {
  it('shows nothing for whitespace, or a first line that is the next line of the document', () => {
    assert.deepEqual(fit(' \n  ', '  x = '), { text: '', replace: 0 });
    assert.deepEqual(fit('return sum;', '  ', '', ['  return sum']), { text: '', replace: 0 });
    assert.deepEqual(fit('return sum + 1;', '  ', '', ['  return sum;']), { text: 'return sum + 1;', replace: 0 });
    // The same text at another indentation is another line.
    assert.deepEqual(fit('state.count = 0;', '    ', '', ['  }', '  state.count = 0;']), { text: 'state.count = 0;', replace: 0 });
  });

  it('does not write the rest of the line twice', () => {
    assert.deepEqual(fit('items.length;', 'const n = ', ';'), { text: 'items.length', replace: 0 });
    assert.deepEqual(fit('record %s", id);', 'log("saved ', '", id);'), { text: 'record %s', replace: 0 });
    assert.deepEqual(fit('5000, // ms', 'timeout: ', ' // ms'), { text: '5000,', replace: 0 });
    // The whole answer is the rest of the line: nothing.
    assert.deepEqual(fit('(a, b) => a + b, 0);', 'reduce(', '(a, b) => a + b, 0);'), { text: '', replace: 0 });
    // A first line that ends with the rest: the lines after it would land in the wrong place.
    assert.deepEqual(fit('x > 0) {\n    run();\n  }', 'if (', ') {'), { text: 'x > 0', replace: 0 });
  });

  it('keeps the rest when the answer only looks like it ends with it', () => {
    // `foo()` closes its own parenthesis; the document's `)` closes `log(`.
    assert.deepEqual(fit('foo()', 'log(', ')'), { text: 'foo()', replace: 0 });
    assert.deepEqual(fit('x, ', 'f(', 'bar)'), { text: 'x, ', replace: 0 });
  });

  it('treats a quote that closes the string opened before the cursor as closing', () => {
    assert.deepEqual(fit('Lovelace"', 'name: "Ada ', '",'), { text: 'Lovelace', replace: 0 });
    // In an interpolation the brace closes, not the quote.
    assert.deepEqual(fit('name}', 'f"Hello, {', '}"'), { text: 'name', replace: 0 });
  });

  it('replaces the closers after the cursor that the answer rewrote', () => {
    assert.deepEqual(fit('a, b);', 'add(', ')'), { text: 'a, b);', replace: 1 });
    assert.deepEqual(fit('" + total);', 'log("Total: ', '");'), { text: '" + total);', replace: 3 });
    assert.deepEqual(fit('\n    total += x;\n  });', 'xs.forEach((x) => {', '})'), { text: '\n    total += x;\n  });', replace: 2 });
    // Closers that end the answer exactly are left to the document: an insertion.
    assert.deepEqual(fit('\n    greet(user);\n  }', '  if (user) {', '}'), { text: '\n    greet(user);\n  ', replace: 0 });
  });

  it('cuts an answer that closes something else than the document closes next', () => {
    assert.deepEqual(fit('a, b]', 'add(', ')'), { text: 'a, b', replace: 0 });
  });

  it('leaves the closing angle bracket of a tag or type arguments to the document', () => {
    assert.deepEqual(fit('className="title">', '<h1 ', '>{text}</h1>;'), { text: 'className="title"', replace: 0 });
    assert.deepEqual(fit('Item>', 'new Map<string, ', '>();'), { text: 'Item', replace: 0 });
    assert.deepEqual(fit('(x) =>', 'run(', ')'), { text: '(x) =>', replace: 0 });
  });
});
