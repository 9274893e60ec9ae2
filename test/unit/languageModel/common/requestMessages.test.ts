import * as assert from 'node:assert/strict';
import { samplingFrom, tokensOf, toChatMessages } from '../../../../src/languageModel/common/requestMessages';

describe('language-model requests', () => {
  it('turns text parts into messages, one turn per run of a role', () => {
    const converted = toChatMessages(
      [
        { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          parts: [
            { kind: 'text', text: 'Hello ' },
            { kind: 'text', text: 'there' },
          ],
        },
        { role: 'user', parts: [{ kind: 'toolResult', text: '42' }] },
        { role: 'assistant', parts: [{ kind: 'text', text: 'Hi.' }] },
      ],
      { imageInput: false },
    );
    assert.deepEqual(converted.messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there\n\n42' },
      { role: 'assistant', content: 'Hi.' },
    ]);
    assert.deepEqual(converted.dropped, []);
  });

  it('passes images only to a model with vision, and names what it leaves out', () => {
    const message = {
      role: 'user' as const,
      parts: [
        { kind: 'text' as const, text: 'What is this?' },
        { kind: 'image' as const, mimeType: 'image/png', base64: 'iVBORw0K' },
      ],
    };
    assert.deepEqual(toChatMessages([message], { imageInput: true }).messages, [
      { role: 'user', content: 'What is this?', images: ['iVBORw0K'] },
    ]);
    const without = toChatMessages([message, { role: 'assistant', parts: [{ kind: 'other', what: 'tool call search' }] }], {
      imageInput: false,
    });
    assert.deepEqual(without.messages, [{ role: 'user', content: 'What is this?' }]);
    assert.deepEqual(without.dropped, ['image (image/png)', 'tool call search']);
    // A format Ollama cannot read is left out even for a vision model.
    assert.deepEqual(
      toChatMessages([{ role: 'user', parts: [{ kind: 'image', mimeType: 'image/webp', base64: 'UklG' }] }], { imageInput: true }).messages,
      [],
    );
  });

  it('takes only known sampling options, in range, and caps the answer', () => {
    assert.deepEqual(samplingFrom(undefined, 2048), { temperature: 0.3, num_predict: 2048 });
    assert.deepEqual(samplingFrom({ temperature: 0.9, top_p: 0.5, maxTokens: 100, num_ctx: 999999, seed: 1.5, stop: ['x'] }, 2048), {
      temperature: 0.9,
      top_p: 0.5,
      num_predict: 100,
    });
    assert.deepEqual(samplingFrom({ temperature: -1, max_tokens: 1_000_000, top_k: 'many' }, 2048), {
      temperature: 0.3,
      num_predict: 2048,
    });
  });

  it('counts tokens of text and of messages with the project estimator', () => {
    assert.ok(tokensOf('function add(a, b) { return a + b; }') > 5);
    const message = { role: 'user' as const, parts: [{ kind: 'text' as const, text: 'hello world' }] };
    assert.equal(tokensOf(message), tokensOf('hello world') + 4);
  });
});
