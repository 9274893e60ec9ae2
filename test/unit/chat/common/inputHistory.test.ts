import * as assert from 'node:assert/strict';
import {
  caretOnFirstLine,
  caretOnLastLine,
  INPUT_HISTORY_ENTRY_CHARS,
  InputRecall,
  loadInputHistory,
  remember,
} from '../../../../src/chat/common/inputHistory';

describe('chat input history', () => {
  it('keeps questions oldest first, moves a repeated one to the newest and drops the oldest past the limit', () => {
    let history: string[] = [];
    for (const q of ['a', 'b', 'c']) history = remember(history, q);
    assert.deepEqual(remember(history, '  b  '), ['a', 'c', 'b']);
    assert.deepEqual(remember(history, 'd', 3), ['b', 'c', 'd']);
    assert.deepEqual(remember(history, '   '), ['a', 'b', 'c'], 'blank input is not kept');
    assert.deepEqual(remember(history, 'x'.repeat(INPUT_HISTORY_ENTRY_CHARS + 1)), ['a', 'b', 'c'], 'a pasted file is not kept');
    assert.deepEqual(history, ['a', 'b', 'c'], 'the stored list is not changed in place');
  });

  it('loads only strings within the limits from whatever storage holds', () => {
    assert.deepEqual(loadInputHistory(undefined), []);
    assert.deepEqual(loadInputHistory({ 0: 'a' }), []);
    assert.deepEqual(loadInputHistory(['a', 3, null, '', ' ', 'b', 'x'.repeat(INPUT_HISTORY_ENTRY_CHARS + 1)]), ['a', 'b']);
    assert.deepEqual(loadInputHistory(['a', 'b', 'c', 'd'], 2), ['c', 'd']);
  });

  it('walks older with Up and newer with Down, coming back to the draft', () => {
    const recall = new InputRecall();
    recall.setEntries(['first', 'second']);
    assert.equal(recall.newer(), undefined, 'Down on the draft does nothing');
    assert.equal(recall.older('half typed'), 'second');
    assert.equal(recall.older('second'), 'first');
    assert.equal(recall.older('first'), undefined, 'Up at the oldest does nothing');
    assert.equal(recall.newer(), 'second');
    assert.equal(recall.newer(), 'half typed', 'past the newest: the draft as it was');
    assert.equal(recall.newer(), undefined);
  });

  it('after a send the question is the newest entry and the walk starts from an empty draft', () => {
    const recall = new InputRecall();
    recall.setEntries(['first']);
    assert.equal(recall.older('draft'), 'first');
    recall.sent('new question');
    assert.equal(recall.older(''), 'new question');
    assert.equal(recall.older('new question'), 'first');
    assert.equal(recall.newer(), 'new question');
    assert.equal(recall.newer(), '');
  });

  it('walks the history only from the first or the last line of a multi-line input', () => {
    assert.equal(caretOnFirstLine('one\ntwo', 2), true);
    assert.equal(caretOnFirstLine('one\ntwo', 5), false);
    assert.equal(caretOnLastLine('one\ntwo', 5), true);
    assert.equal(caretOnLastLine('one\ntwo', 2), false);
    assert.equal(caretOnFirstLine('', 0) && caretOnLastLine('', 0), true);
  });
});
