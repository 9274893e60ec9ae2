import * as assert from 'node:assert/strict';
import {
  bracketDelta,
  firstUnmatchedCloser,
  indentWidth,
  openCount,
  openQuote,
  wantsMultiline,
} from '../../../../src/completion/common/codeShape';

describe('code shape', () => {
  it('counts brackets outside strings and comments', () => {
    assert.equal(bracketDelta('foo(")", \'(\') {'), 1);
    assert.equal(bracketDelta('} // {'), -1);
    assert.equal(firstUnmatchedCloser('a(b)) + c'), 4);
    assert.equal(firstUnmatchedCloser('`${x}`)'), 6);
  });

  it('finds the closing quote of a string opened before the text', () => {
    assert.equal(firstUnmatchedCloser('Lovelace", x)', '"'), 8);
    assert.equal(firstUnmatchedCloser('it\\"s", x)', '"'), 5);
    assert.equal(firstUnmatchedCloser('plain text', '"'), -1);
  });

  it('tells whether the cursor is in a string, and in which', () => {
    assert.equal(openQuote('  name: "Ada '), '"');
    assert.equal(openQuote("x = 'a' + 'b"), "'");
    assert.equal(openQuote('x = "done"'), undefined);
    assert.equal(openQuote('  return `Hello, ${'), undefined);
    assert.equal(openQuote('  return `Hello, ${name} and '), '`');
    assert.equal(openQuote('    return f"Hello, {'), undefined);
    assert.equal(openQuote('    return f"Hello, {name} '), '"');
    assert.equal(openQuote("  // don't "), undefined);
  });

  it('counts the brackets left open at the end of a line', () => {
    assert.equal(openCount('} else {'), 1);
    assert.equal(openCount('foo(bar, {'), 2);
    assert.equal(openCount('x = ")" + ('), 1);
  });

  it('decides multi-line from the cursor line', () => {
    assert.equal(wantsMultiline('function f() {', '', []), true);
    assert.equal(wantsMultiline('  ', '', ['if x > 1:']), true);
    assert.equal(wantsMultiline('  ', '', ['x = 1']), false);
    assert.equal(wantsMultiline('const x = ', '', []), false);
    assert.equal(wantsMultiline('items.map((x) =>', ')', []), true);
    assert.equal(wantsMultiline('if (a) {', ' b()', []), false);
  });

  it('measures indentation with tabs as four columns', () => {
    assert.equal(indentWidth('\t  x'), 6);
    assert.equal(indentWidth('x'), 0);
  });
});
