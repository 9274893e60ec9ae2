import * as assert from 'node:assert/strict';
import { skipReason } from '../../../../src/completion/common/prefilter';
import { snapshotAt } from '../../../support/snapshots';

describe('prefilter', () => {
  const at = (before: string, after: string) => snapshotAt(before + after, before.length);
  it('skips the middle of a word, code after the cursor, binary text, a line right after an accept', () => {
    assert.equal(skipReason(at('const na', 'me = 1')), 'midWord');
    assert.equal(skipReason(at('const x = ', 'compute(a, b) + offset * scale(y);')), 'codeAfterCursor');
    assert.equal(skipReason(at('foo(', ');')), undefined);
    assert.equal(skipReason(at('x\u0000', '')), 'binary');
    assert.equal(
      skipReason(at('const a = 1;', ''), { maxDocumentLength: 1e6, maxLineLength: 1000, lastAcceptEnd: { line: 0, character: 12 } }),
      'afterAccept',
    );
    assert.equal(skipReason(at('x'.repeat(2000), ''), { maxDocumentLength: 1e6, maxLineLength: 1000 }), 'lineTooLong');
    assert.equal(skipReason(at('const na', 'me = 1'), { maxDocumentLength: 1e6, maxLineLength: 1000, explicit: true }), undefined);
  });

  it('completes in front of a short rest of the line: closers, a few tokens, a trailing comment', () => {
    assert.equal(skipReason(at('foo(', 'bar)')), undefined);
    assert.equal(skipReason(at('log("saved ', '", id);')), undefined);
    assert.equal(skipReason(at('const timeout = ', ' // milliseconds, as the server expects them')), undefined);
    assert.equal(skipReason(at('port = ', '  # the default port of the service')), undefined);
    assert.equal(skipReason(at('x = ', 'a'.repeat(20))), undefined);
    assert.equal(skipReason(at('x = ', 'a'.repeat(21))), 'codeAfterCursor');
    assert.equal(skipReason(at('x = ', `${'a'.repeat(21)} // why`)), 'codeAfterCursor');
  });
});
