import * as assert from 'node:assert/strict';
import { parseModelInfo, parseStops } from '../../../../../src/platform/ollama/common/modelInfo';
import { formatBytes, PHI4_FORMAT, sameModelName } from '../../../../../src/platform/backend/common/modelTypes';
import { PHI4_TEMPLATE, QWEN_CODER_TEMPLATE } from '../../../../support/double-models';

describe('model facts', () => {
  it('parses stop parameters', () => {
    assert.deepEqual(parseStops('stop                           "<|im_start|>"\nstop "<|im_end|>"\ntemperature 0.7'), [
      '<|im_start|>',
      '<|im_end|>',
    ]);
  });

  it('derives capabilities from the template on servers that do not report them', () => {
    const fim = parseModelInfo('old-coder', { template: '<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>' });
    assert.deepEqual(fim.capabilities, ['completion', 'insert']);
    const chat = parseModelInfo('phi4', { template: '<|im_start|>{{ .Role }}' });
    assert.deepEqual(chat.capabilities, ['completion']);
  });

  it('decides the prompt format from the capabilities and the template, in the words the features use', () => {
    assert.deepEqual(parseModelInfo('phi4', { capabilities: ['completion'], template: PHI4_TEMPLATE }).promptFormat, PHI4_FORMAT);
    assert.deepEqual(parseModelInfo('qwen', { capabilities: ['completion', 'insert'], template: QWEN_CODER_TEMPLATE }).promptFormat, {
      kind: 'fim',
    });
    assert.deepEqual(parseModelInfo('qwen-chat', { capabilities: ['completion'], template: '<|im_start|>{{ .Role }}\n' }).promptFormat, {
      kind: 'chatml',
      roleSeparator: '\n',
    });
    assert.deepEqual(
      parseModelInfo('phi3', { capabilities: ['completion', 'tools'], template: '<|user|>{{ .Content }}<|end|>' }).promptFormat,
      {
        kind: 'chat',
      },
    );
    assert.equal('template' in parseModelInfo('phi4', { template: PHI4_TEMPLATE }), false, 'no backend passes a template on');
  });

  it('reads the context length from model_info whatever the architecture', () => {
    assert.equal(
      parseModelInfo('phi4', { model_info: { 'general.architecture': 'phi3', 'phi3.context_length': 16384 } }).contextLength,
      16384,
    );
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
