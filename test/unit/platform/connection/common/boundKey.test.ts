import * as assert from 'node:assert/strict';
import { keyFor, originOf, readKey, storeKey } from '../../../../../src/platform/connection/common/boundKey';

describe('API keys bound to an origin', () => {
  it('reads the origin of a host or base URL', () => {
    assert.equal(originOf('http://gpu-box:8000/v1'), 'http://gpu-box:8000');
    assert.equal(originOf('https://llm.example.com/v1/'), 'https://llm.example.com');
    assert.equal(originOf('http://127.0.0.1:11434'), 'http://127.0.0.1:11434');
    assert.equal(originOf('not a url'), '');
  });

  it('sends a key only to the origin it was set for', () => {
    const bound = readKey(storeKey({ origin: originOf('http://gpu-box:8000/v1'), key: 'team-key' }));
    assert.equal(keyFor(bound, 'http://gpu-box:8000/v1'), 'team-key');
    assert.equal(keyFor(bound, 'http://gpu-box:8000/other'), 'team-key', 'the same server, another path');
    assert.equal(keyFor(bound, 'http://elsewhere:8000/v1'), undefined, 'another host');
    assert.equal(keyFor(bound, 'http://gpu-box:9000/v1'), undefined, 'another port');
    assert.equal(keyFor(bound, 'https://gpu-box:8000/v1'), undefined, 'another scheme');
    assert.equal(keyFor(undefined, 'http://gpu-box:8000/v1'), undefined);
  });

  it('binds a key stored by an older version (without its origin) to nothing', () => {
    const legacy = readKey('plain-old-key');
    assert.deepEqual(legacy, { origin: '', key: 'plain-old-key' });
    assert.equal(keyFor(legacy, 'http://gpu-box:8000/v1'), undefined);
    assert.equal(readKey(undefined), undefined);
    assert.equal(readKey(''), undefined);
  });
});
