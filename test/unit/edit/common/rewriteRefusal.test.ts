import * as assert from 'node:assert/strict';
import { tooLargeRefusal } from '../../../../src/edit/common/rewriteRefusal';
import { english } from '../../../../src/platform/l10n/common/translate';

describe('refusing a rewrite that does not fit', () => {
  const size = { lines: 450, codeTokens: 9100, maxCodeTokens: 2867, numCtx: 8192 };

  it("names Ollama's num_ctx with Ollama, and opens that setting", () => {
    const { message, setting } = tooLargeRefusal(size, 'ollama', english);
    assert.equal(setting, 'phiLocal.ollama.numCtx');
    assert.match(
      message,
      /^The code to rewrite is 450 lines, about 9100 tokens; with phiLocal\.ollama\.numCtx at 8192, .* about 2867 tokens/,
    );
    assert.match(message, /Nothing was sent\./);
  });

  it("names the team server's window with an OpenAI-compatible server, never Ollama's setting", () => {
    const { message, setting } = tooLargeRefusal({ ...size, numCtx: 16384 }, 'openai-compatible', english);
    assert.equal(setting, 'phiLocal.openai.contextLength');
    assert.match(message, /team server's context window at 16384 tokens \(phiLocal\.openai\.contextLength/);
    assert.doesNotMatch(message, /numCtx|Ollama/);
  });
});
