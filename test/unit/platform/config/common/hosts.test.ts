import * as assert from 'node:assert/strict';
import { isLoopbackHost, normaliseBaseUrl, normaliseHost } from '../../../../../src/platform/config/common/hosts';

describe('hosts', () => {
  it('normalises OpenAI-compatible base URLs: /v1 when there is no path, no trailing slash, no credentials in the URL', () => {
    assert.equal(normaliseBaseUrl('http://gpu-box:8000'), 'http://gpu-box:8000/v1');
    assert.equal(normaliseBaseUrl(' https://llm.example.com/v1/ '), 'https://llm.example.com/v1');
    assert.equal(normaliseBaseUrl('http://127.0.0.1:1234/api/v1'), 'http://127.0.0.1:1234/api/v1');
    assert.equal(normaliseBaseUrl('gpu-box:8000'), undefined);
    assert.equal(normaliseBaseUrl('file:///etc/passwd'), undefined);
    assert.equal(normaliseBaseUrl('http://k:secret@gpu-box/v1'), undefined);
  });
  it('normalises hosts the way Ollama does', () => {
    assert.equal(normaliseHost('localhost'), 'http://localhost:11434');
    assert.equal(normaliseHost('http://127.0.0.1:11434/'), 'http://127.0.0.1:11434');
    assert.equal(normaliseHost('https://ollama.example.com'), 'https://ollama.example.com');
    assert.equal(normaliseHost('https://proxy.example.com/ollama/'), 'https://proxy.example.com/ollama');
    assert.equal(normaliseHost('javascript:alert(1)'), undefined);
  });
  it('tells loopback hosts from remote ones', () => {
    for (const host of ['http://127.0.0.1:11434', 'http://localhost:11434', 'http://[::1]:11434', 'http://127.1.2.3:1']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of [
      'http://192.168.1.5:11434',
      'http://gpu-box:11434',
      'https://ollama.example.com',
      'http://127.0.0.1.nip.io',
      'not a url',
    ]) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
