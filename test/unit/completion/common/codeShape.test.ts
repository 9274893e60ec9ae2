import * as assert from 'node:assert/strict';
import { bracketDelta, firstUnmatchedCloser, indentWidth, wantsMultiline } from '../../../../src/completion/common/codeShape';

describe('code shape', () => {
  it('counts brackets outside strings and comments', () => {
    assert.equal(bracketDelta('foo(")", \'(\') {'), 1);
    assert.equal(bracketDelta('} // {'), -1);
    assert.equal(firstUnmatchedCloser('a(b)) + c'), 4);
    assert.equal(firstUnmatchedCloser('`${x}`)'), 6);
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
