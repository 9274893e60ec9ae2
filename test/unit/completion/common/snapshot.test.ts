import * as assert from 'node:assert/strict';
import { planWindow } from '../../../../src/completion/common/snapshot';

describe('completion window', () => {
  it('moves the window start in blocks, not with every line', () => {
    assert.deepEqual(planWindow(10, 100), { startLine: 0, endLine: 25 });
    assert.equal(planWindow(200, 1000).startLine, 32);
    assert.equal(planWindow(210, 1000).startLine, 32);
    assert.equal(planWindow(225, 1000).startLine, 64);
    assert.equal(planWindow(999, 1000).endLine, 999);
  });
});
