import * as assert from 'node:assert/strict';
import { formatBytes, parseModelInfo, parseStops, sameModelName, supportsInsert } from '../../src/platform/ollama/common/modelInfo';
import { classify } from '../../src/platform/ollama/node/classifyFailure';

describe('model facts', () => {
  it('parses stop parameters', () => {
    assert.deepEqual(parseStops('stop                           "<|im_start|>"\nstop "<|im_end|>"\ntemperature 0.7'), ['<|im_start|>', '<|im_end|>']);
  });

  it('derives capabilities from the template on servers that do not report them', () => {
    const fim = parseModelInfo('old-coder', { template: '<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>' });
    assert.equal(supportsInsert(fim), true);
    const chat = parseModelInfo('phi4', { template: '<|im_start|>{{ .Role }}' });
    assert.deepEqual(chat.capabilities, ['completion']);
  });

  it('reads the context length from model_info whatever the architecture', () => {
    assert.equal(parseModelInfo('phi4', { model_info: { 'general.architecture': 'phi3', 'phi3.context_length': 16384 } }).contextLength, 16384);
    assert.equal(parseModelInfo('x', { model_info: 'garbage' }).contextLength, undefined);
  });

  it('compares model names as Ollama resolves them', () => {
    assert.equal(sameModelName('phi4', 'phi4:latest'), true);
    assert.equal(sameModelName('phi4:14b', 'phi4:latest'), false);
  });

  it('formats sizes like Ollama', () => {
    assert.equal(formatBytes(9_053_116_391), '9.1 GB');
    assert.equal(formatBytes(986_062_089), '986 MB');
    assert.equal(formatBytes(0), '0 B');
  });
});

describe('error classification', () => {
  const host = 'http://127.0.0.1:11434';
  const responseError = (message: string, status: number) => Object.assign(new Error(message), { name: 'ResponseError', error: message, status_code: status });

  it('keeps 404 without a model (a wrong URL) from looking like a missing model', () => {
    assert.equal(classify(responseError('404 page not found', 404), { host }).kind, 'badRequest');
    assert.equal(classify(responseError("model 'x' not found", 404), { host, model: 'x' }).kind, 'modelMissing');
  });

  it('tells an auth failure to check the headers setting', () => {
    assert.match(classify(responseError('unauthorized', 401), { host }).detail, /phiLocal\.ollama\.headers/);
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
});
