import * as assert from 'node:assert/strict';
import { canChat, catalog, catalogEntry } from '../../../../src/languageModel/common/modelCatalog';
import { parseModelInfo } from '../../../../src/platform/ollama/common/modelInfo';

const limits = { numCtx: 8192, maxAnswerTokens: 2048, host: 'http://127.0.0.1:11434' };
const phi4 = parseModelInfo('phi4:latest', {
  capabilities: ['completion'],
  model_info: { 'phi3.context_length': 16384 },
  details: { family: 'phi3', parameter_size: '14.7B', quantization_level: 'Q4_K_M' },
});
const mini = parseModelInfo('phi4-mini:latest', { capabilities: ['completion', 'tools'], model_info: { 'phi3.context_length': 131072 } });
const vision = parseModelInfo('llava:7b', { capabilities: ['completion', 'vision'], model_info: { 'llama.context_length': 4096 } });
const embed = parseModelInfo('nomic-embed-text:latest', { capabilities: ['embedding'] });

describe('language-model catalog', () => {
  it('offers a model with the window Phi Local really gives it: the smaller of its context and num_ctx, less the answer', () => {
    const entry = catalogEntry(phi4, limits);
    assert.equal(entry.id, 'phi4:latest');
    assert.equal(entry.family, 'phi3');
    assert.equal(entry.version, 'latest');
    assert.equal(entry.maxOutputTokens, 2048);
    assert.equal(entry.maxInputTokens, 8192 - 2048);
    assert.match(entry.tooltip, /trained context 16384 tokens, Phi Local uses 8192/);
    assert.equal(entry.detail, 'Ollama · 14.7B Q4_K_M');
    // A model trained on less than num_ctx gets its own window; the answer never takes more than half of it.
    const small = catalogEntry(vision, { ...limits, maxAnswerTokens: 4096 });
    assert.equal(small.maxOutputTokens, 2048);
    assert.equal(small.maxInputTokens, 2048);
  });

  it('declares image input only with `vision`, and no tool calling (tools are not passed to Ollama)', () => {
    assert.deepEqual(catalogEntry(phi4, limits).capabilities, { toolCalling: false, imageInput: false });
    assert.deepEqual(catalogEntry(mini, limits).capabilities, { toolCalling: false, imageInput: false });
    assert.deepEqual(catalogEntry(vision, limits).capabilities, { toolCalling: false, imageInput: true });
  });

  it('lists chat-capable models only, the chat model first', () => {
    assert.equal(canChat(embed), false);
    const ids = catalog([vision, embed, mini, phi4], limits, 'phi4').map((e) => e.id);
    assert.deepEqual(ids, ['phi4:latest', 'llava:7b', 'phi4-mini:latest']);
  });

  it('reads the tag of a namespaced model with a port-free registry path', () => {
    const entry = catalogEntry(parseModelInfo('hf.co/org/model:Q4_K_M', { capabilities: ['completion'] }), limits);
    assert.equal(entry.version, 'Q4_K_M');
    assert.equal(entry.family, 'hf.co/org/model');
  });
});
