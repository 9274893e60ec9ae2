import * as assert from 'node:assert/strict';
import { isContextLengthError, retryAfterSeconds } from '../../../../../src/platform/backend/common/failureWords';

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
describe('what failing servers say', () => {
  it('reads Retry-After in seconds, as a date, or retry-after-ms', () => {
    assert.equal(retryAfterSeconds(headers({ 'retry-after': '7' })), 7);
    assert.equal(retryAfterSeconds(headers({ 'retry-after': '1.2' })), 2);
    assert.equal(retryAfterSeconds(headers({ 'retry-after-ms': '2500' })), 3);
    const now = Date.parse('2026-12-04T10:00:00Z');
    assert.equal(retryAfterSeconds(headers({ 'retry-after': 'Fri, 04 Dec 2026 10:00:30 GMT' }), now), 30);
    assert.equal(retryAfterSeconds(headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(retryAfterSeconds(headers({})), undefined);
    assert.equal(retryAfterSeconds(undefined), undefined);
  });

  it("recognises the servers' context-length errors", () => {
    assert.ok(
      isContextLengthError(
        "This model's maximum context length is 16384 tokens. However, you requested 20000 tokens (15904 in the messages, 4096 in the completion).",
      ),
    );
    assert.ok(isContextLengthError('the request exceeds the available context size, try increasing it'));
    assert.ok(isContextLengthError('Trying to keep the first 9000 tokens when context the overflows. n_ctx: 8192'));
    assert.equal(isContextLengthError('model is required'), false);
  });
});
