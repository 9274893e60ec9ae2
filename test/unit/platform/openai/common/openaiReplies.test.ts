import * as assert from 'node:assert/strict';
import { parseServedModels, servedModelInfo, statsFromUsage } from '../../../../../src/platform/openai/common/openaiReplies';

describe('OpenAI-compatible replies', () => {
  it("reads /v1/models from vLLM, LM Studio and llama.cpp, with the context window each states (llama.cpp's training context is not the one it runs with)", () => {
    const models = parseServedModels({
      object: 'list',
      data: [
        { id: 'microsoft/phi-4', object: 'model', owned_by: 'vllm', max_model_len: 16384 },
        { id: 'phi-4', object: 'model', owned_by: 'organization_owner', context_length: 8192 },
        { id: 'phi-4-Q4_K_M.gguf', object: 'model', owned_by: 'llamacpp', meta: { n_ctx_train: 16384, n_vocab: 100352 } },
        { object: 'model' },
        'junk',
        { id: '' },
      ],
    });
    assert.deepEqual(models, [
      { id: 'microsoft/phi-4', ownedBy: 'vllm', contextLength: 16384 },
      { id: 'phi-4', ownedBy: 'organization_owner', contextLength: 8192 },
      { id: 'phi-4-Q4_K_M.gguf', ownedBy: 'llamacpp', contextLength: undefined },
    ]);
    assert.deepEqual(parseServedModels({ data: 'nope' }), []);
    assert.deepEqual(parseServedModels(null), []);
  });

  it('knows Phi-4 by its id (not Phi-4-mini), other ChatML models, and leaves the rest to chat', () => {
    for (const id of ['microsoft/phi-4', 'phi4', 'phi-4-Q4_K_M.gguf', 'lmstudio-community/phi-4-GGUF', 'Phi-4']) {
      assert.deepEqual(servedModelInfo(id, undefined, 0).promptFormat, { kind: 'chatml', roleSeparator: '<|im_sep|>\n' }, id);
    }
    for (const id of ['microsoft/Phi-4-mini-instruct', 'phi-4-multimodal', 'phi-3.5-mini', 'meta-llama/Llama-3.1-8B-Instruct']) {
      assert.notDeepEqual(servedModelInfo(id, undefined, 0).promptFormat, { kind: 'chatml', roleSeparator: '<|im_sep|>\n' }, id);
    }
    assert.deepEqual(servedModelInfo('Qwen/Qwen2.5-Coder-7B-Instruct', undefined, 0).promptFormat, {
      kind: 'chatml',
      roleSeparator: '\n',
    });
    assert.equal(servedModelInfo('meta-llama/Llama-3.1-8B-Instruct', undefined, 0).promptFormat.kind, 'chat');
    assert.deepEqual(servedModelInfo('microsoft/phi-4', undefined, 0).stop, ['<|im_start|>', '<|im_end|>', '<|im_sep|>']);
    assert.deepEqual(servedModelInfo('qwen2.5-coder-7b-q4.gguf', { id: 'qwen2.5-coder-7b-q4.gguf', ownedBy: 'llamacpp' }, 0).capabilities, [
      'completion',
      'insert',
    ]);
    assert.deepEqual(
      servedModelInfo('Qwen/Qwen2.5-Coder-7B', { id: 'Qwen/Qwen2.5-Coder-7B', ownedBy: 'vllm' }, 0).capabilities,
      ['completion'],
      'vLLM has no /infill',
    );
    assert.deepEqual(servedModelInfo('phi-4.gguf', { id: 'phi-4.gguf', ownedBy: 'llamacpp' }, 0).capabilities, ['completion']);
    assert.equal(servedModelInfo('m', { id: 'm', contextLength: 32768 }, 0).contextLength, 32768);
    assert.equal(servedModelInfo('m', { id: 'm', contextLength: 32768 }, 4096).contextLength, 4096, 'the setting wins');
  });

  it('turns the last chunk usage into the stats Ollama gives', () => {
    assert.deepEqual(statsFromUsage({ prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 }, 'length', 2000.4, 500), {
      doneReason: 'length',
      promptEvalCount: 120,
      evalCount: 30,
      totalDurationMs: 2000,
      promptEvalDurationMs: 500,
      evalDurationMs: 1500,
    });
    const none = statsFromUsage(undefined, 'stop', 10);
    assert.equal(none.doneReason, 'stop');
    assert.equal(none.promptEvalCount, undefined);
    assert.equal(statsFromUsage({ prompt_tokens: -3, completion_tokens: 'x' }, 'stop', 1).evalCount, undefined);
  });
});
