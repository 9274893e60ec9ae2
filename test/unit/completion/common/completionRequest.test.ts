import * as assert from 'node:assert/strict';
import { delay, firstUsefulLine } from '../../../../src/completion/common/completionRequest';

describe('completion request helpers', () => {
  it('finds the first complete non-blank line of a streaming answer', () => {
    assert.equal(firstUsefulLine('if (x) {\n    run'), 'if (x) {');
    assert.equal(firstUsefulLine('\n    greet(user);\n  }'), '\n    greet(user);');
    assert.equal(firstUsefulLine('return x;'), undefined, 'not complete yet');
    assert.equal(firstUsefulLine('  \n   \n'), undefined, 'blank lines only');
  });

  it('waits, or answers false at once when cancelled', async () => {
    assert.equal(await delay(0, new AbortController().signal), true);
    const controller = new AbortController();
    const waiting = delay(10_000, controller.signal);
    controller.abort();
    assert.equal(await waiting, false);
    assert.equal(await delay(5, new AbortController().signal), true);
  });
});
