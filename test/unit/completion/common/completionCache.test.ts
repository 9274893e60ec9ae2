import * as assert from 'node:assert/strict';
import { cacheKey, LruCache, TypedAhead } from '../../../../src/completion/common/completionCache';

describe('completion cache and typed-ahead', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string>(2);
    cache.set('a', '1');
    cache.set('b', '2');
    cache.get('a');
    cache.set('c', '3');
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), '1');
    assert.equal(cache.size, 2);
  });

  it('keys on the model, the text before and the text after', () => {
    const base = { model: 'phi4', prefix: 'abc', suffix: 'xyz' };
    assert.notEqual(cacheKey(base), cacheKey({ ...base, model: 'other' }));
    assert.notEqual(cacheKey(base), cacheKey({ ...base, suffix: 'xy' }));
    assert.equal(cacheKey({ ...base, prefix: `${'q'.repeat(5000)}abc` }).length <= cacheKey(base).length + 600, true);
  });

  it('serves the rest only when the typed text is the suggestion’s start and the suffix is unchanged', () => {
    const ahead = new TypedAhead();
    ahead.remember({ model: 'phi4', prefix: 'x = ', suffix: '' }, 'compute(1);');
    assert.deepEqual(ahead.match({ model: 'phi4', prefix: 'x = comp', suffix: '' }), { text: 'ute(1);', replace: 0 });
    assert.equal(ahead.match({ model: 'phi4', prefix: 'x = cumb', suffix: '' }), undefined);
    assert.equal(ahead.match({ model: 'phi4', prefix: 'x = comp', suffix: ')' }), undefined);
    assert.equal(ahead.match({ model: 'phi4', prefix: 'x = compute(1);', suffix: '' }), undefined);
  });
});
