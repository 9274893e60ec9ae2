import * as assert from 'node:assert/strict';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { classifyOpenAi } from '../../../../../src/platform/openai/node/classifyOpenAiFailure';

const host = 'http://gpu-box:8000/v1';
const http = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  APIError.generate(status, body as object, undefined, new Headers(headers));

describe('OpenAI-compatible failures', () => {
  it('maps statuses and bodies to the failure kinds, with the server named and its own words kept', () => {
    const refused = classifyOpenAi(http(401, { error: 'Unauthorized' }), { host });
    assert.equal(refused.kind, 'unauthorized');
    assert.equal(refused.server, 'openai-compatible');
    assert.equal(
      refused.message,
      `The OpenAI-compatible server at ${host} refused the request (401: Unauthorized). Set its API key with "Phi Local: Set API Key…".`,
    );
    assert.equal(classifyOpenAi(http(403, { error: { message: 'forbidden' } }), { host }).kind, 'unauthorized');

    const missing = classifyOpenAi(
      http(404, { error: { message: 'The model `phi4` does not exist.', type: 'NotFoundError', code: 404 } }),
      { host, model: 'phi4' },
    );
    assert.equal(missing.kind, 'modelMissing');
    assert.equal(missing.detail, 'The model `phi4` does not exist.');
    assert.match(missing.message, /does not serve the model "phi4"\. Select one of the models it serves\./);
    assert.equal(classifyOpenAi(http(404, { detail: 'Not Found' }), { host }).kind, 'badRequest', 'a wrong path, not a model');

    const busy = classifyOpenAi(http(503, { error: { message: 'Server overloaded' } }, { 'retry-after': '12' }), { host });
    assert.equal(busy.kind, 'busy');
    assert.equal(busy.retryAfterSeconds, 12);
    assert.match(busy.message, /busy \(503: Server overloaded\)\. Try again in 12 s\./);
    assert.match(classifyOpenAi(http(429, { error: 'slow down' }), { host }).message, /Try again in a moment\./);

    const long = classifyOpenAi(
      http(400, { error: { message: "This model's maximum context length is 16384 tokens. However, you requested 20000 tokens." } }),
      { host, model: 'microsoft/phi-4' },
    );
    assert.equal(long.kind, 'contextTooLong');
    assert.deepEqual(
      [
        classifyOpenAi(http(400, { error: { message: 'temperature must be ≥ 0' } }), { host }).kind,
        classifyOpenAi(http(500, { error: 'boom' }), { host }).kind,
      ],
      ['badRequest', 'server'],
    );
    const noFim = http(400, { error: { message: 'Infill is not supported by this model: prefix token is missing.' } });
    assert.equal(classifyOpenAi(noFim, { host }).kind, 'capabilityMissing');
  });

  it('tells a down server from a broken stream, a time-out and our own abort', () => {
    const refused = new APIConnectionError({
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' }),
    });
    assert.equal(classifyOpenAi(refused, { host }).kind, 'unreachable');
    assert.equal(classifyOpenAi(refused, { host, streaming: true }).kind, 'failedMidStream');
    // No answer within a call's limit: not reachable, as Ollama's client says.
    assert.equal(classifyOpenAi(new APIConnectionTimeoutError(), { host }).kind, 'unreachable');
    assert.equal(classifyOpenAi(new APIConnectionTimeoutError(), { host, streaming: true }).kind, 'failedMidStream');
    assert.equal(classifyOpenAi(new APIUserAbortError(), { host }).kind, 'aborted');
    const controller = new AbortController();
    controller.abort();
    assert.equal(classifyOpenAi(new Error('whatever'), { host, signal: controller.signal }).kind, 'aborted');
    // An error event in the stream has no status.
    const event = new APIError(undefined, { message: 'CUDA out of memory' }, undefined, new Headers());
    assert.equal(classifyOpenAi(event, { host, streaming: true }).kind, 'failedMidStream');
    assert.equal(classifyOpenAi(new TypeError('terminated'), { host, streaming: true }).kind, 'failedMidStream');
    assert.equal(classifyOpenAi(new TypeError('fetch failed'), { host }).kind, 'unreachable');
  });
});
