import * as assert from 'node:assert/strict';
import { classify } from '../../../../../src/platform/ollama/node/classifyFailure';

describe('error classification', () => {
  const host = 'http://127.0.0.1:11434';
  const responseError = (message: string, status: number) =>
    Object.assign(new Error(message), { name: 'ResponseError', error: message, status_code: status });

  it('keeps 404 without a model (a wrong URL) from looking like a missing model', () => {
    assert.equal(classify(responseError('404 page not found', 404), { host }).kind, 'badRequest');
    assert.equal(classify(responseError("model 'x' not found", 404), { host, model: 'x' }).kind, 'modelMissing');
  });

  it('classifies a refused key (401/403 from a proxy) as unauthorized, pointing to Set API Key', () => {
    const failure = classify(responseError('unauthorized', 401), { host });
    assert.equal(failure.kind, 'unauthorized');
    assert.equal(failure.detail, '401: unauthorized');
    assert.match(
      failure.message,
      /^Ollama at http:\/\/[^ ]+ refused the request \(401: unauthorized\)\. Set its API key with "Phi Local: Set API Key…"\.$/,
    );
    assert.equal(classify(responseError('forbidden', 403), { host }).kind, 'unauthorized');
  });

  it('treats a network error as unreachable before headers and as a broken stream after', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    assert.equal(classify(refused, { host }).kind, 'unreachable');
    assert.equal(classify(refused, { host, streaming: true }).kind, 'failedMidStream');
  });

  it('treats an abort as aborted, never as an error', () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal(classify(new Error('whatever'), { host, signal: controller.signal }).kind, 'aborted');
    assert.equal(classify(Object.assign(new Error('x'), { name: 'AbortError' }), { host }).kind, 'aborted');
    assert.equal(classify(responseError('request canceled', 499), { host }).kind, 'aborted');
  });

  it('maps a time-out to unreachable', () => {
    assert.equal(classify(Object.assign(new Error('t'), { name: 'TimeoutError' }), { host }).kind, 'unreachable');
  });

  it('tells a slow Ollama (headers or body time-out) from one that is down', () => {
    const headers = Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_HEADERS_TIMEOUT' } });
    const failure = classify(headers, { host: 'http://127.0.0.1:11434', model: 'phi4' });
    assert.equal(failure.kind, 'timedOut');
    assert.match(failure.message, /accepted the request but has not answered/);
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    assert.equal(classify(refused, { host: 'http://127.0.0.1:11434' }).kind, 'unreachable');
  });

  it('classifies a reply over the size limits as a broken stream', () => {
    const error = Object.assign(new Error('the reply has a line of more than 1048576 bytes without a line break'), {
      name: 'ReplyTooLarge',
    });
    const failure = classify(error, { host: 'http://127.0.0.1:11434' });
    assert.equal(failure.kind, 'failedMidStream');
    assert.match(failure.detail, /without a line break/);
  });
});
