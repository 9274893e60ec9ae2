import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';
import { buildCompletionPrompt, HOLE, promptStyleFor, SYSTEM_PROMPT } from '../../../../src/completion/common/completionPrompt';
import { PHI4_TEMPLATE, QWEN_CODER_TEMPLATE } from '../../../support/double-models';
import { snapshotAt } from '../../../support/snapshots';
import { REPO_ROOT } from '../../../support/paths';

const phi4 = promptStyleFor({ capabilities: ['completion'], template: PHI4_TEMPLATE });
const qwen = promptStyleFor({ capabilities: ['completion', 'insert'], template: QWEN_CODER_TEMPLATE });

describe('completion prompts', () => {
  it('picks the strategy from capabilities and template', () => {
    assert.deepEqual(phi4, { kind: 'chatml', roleSeparator: '<|im_sep|>\n' });
    assert.deepEqual(qwen, { kind: 'fim' });
    assert.deepEqual(promptStyleFor({ capabilities: ['completion', 'tools'], template: '<|user|>{{ .Content }}<|end|>' }), {
      kind: 'chat',
    });
  });

  it('builds phi4 its raw ChatML prompt with the hole and the answer pre-filled with the cursor line', () => {
    const text = 'function add(a: number, b: number) {\n  return a\n}\n';
    const snapshot = snapshotAt(text, text.indexOf('return a') + 'return a'.length);
    const prompt = buildCompletionPrompt({ snapshot, snippets: [], multiline: false, numCtx: 8192, block: 32 }, phi4);
    assert.equal(prompt.endpoint, 'generate');
    assert.equal(prompt.raw, true);
    assert.equal(prompt.suffix, undefined, 'phi4 never gets a suffix');
    assert.equal(
      prompt.prompt,
      `<|im_start|>system<|im_sep|>\n${SYSTEM_PROMPT}<|im_end|>\n` +
        `<|im_start|>user<|im_sep|>\nFill in ${HOLE} in \`src/app.ts\`:\n\`\`\`typescript\nfunction add(a: number, b: number) {\n  return a${HOLE}\n}\n\`\`\`<|im_end|>\n` +
        '<|im_start|>assistant<|im_sep|>\n```typescript\n  return a',
    );
    assert.deepEqual(prompt.stop, ['\n', '<|im_end|>', '<|im_start|>', '<|im_sep|>', '<|endoftext|>', HOLE]);
    assert.equal(prompt.numPredict, 64);
  });

  it('gives a FIM model prompt and suffix, and Ollama applies its template', () => {
    const text = 'def area(r):\n    return \n\nprint(area(2))\n';
    const snapshot = { ...snapshotAt(text, text.indexOf('return ') + 7, 'python'), relativePath: 'geo.py' };
    const prompt = buildCompletionPrompt(
      { snapshot, snippets: [{ path: 'util.py', text: 'PI = 3.14159' }], multiline: false, numCtx: 8192, block: 32 },
      qwen,
    );
    assert.equal(prompt.raw, false);
    assert.equal(prompt.suffix, '\n\nprint(area(2))');
    assert.equal(prompt.prompt, '# Related code from util.py:\n# PI = 3.14159\n# Path: geo.py\ndef area(r):\n    return ');
  });

  it('asks a plain chat model through /api/chat with the answer pre-filled as the last assistant message', () => {
    const snapshot = snapshotAt('let x = ', 8);
    const prompt = buildCompletionPrompt({ snapshot, snippets: [], multiline: false, numCtx: 8192, block: 32 }, { kind: 'chat' });
    assert.equal(prompt.endpoint, 'chat');
    assert.deepEqual(
      prompt.messages?.map((m) => m.role),
      ['system', 'user', 'assistant'],
    );
    assert.equal(prompt.messages?.[2].content, '```typescript\nlet x = ');
  });

  it('keeps prompt + num_predict within num_ctx on a huge file, cutting whole blocks from the top', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `const value${i} = compute(${i}, "some text to make the line longer");`).join('\n');
    const snapshot = snapshotAt(text, text.length - 10);
    for (const numCtx of [2048, 4096, 8192]) {
      const prompt = buildCompletionPrompt({ snapshot, snippets: [], multiline: true, numCtx, block: 32 }, phi4);
      const real = encode(prompt.prompt, { allowedSpecial: 'all' }).length;
      assert.ok(real + prompt.numPredict <= numCtx, `num_ctx ${numCtx}: ${real} prompt tokens + ${prompt.numPredict}`);
      if (numCtx < 4096) assert.ok(real > numCtx * 0.6, `num_ctx ${numCtx}: the budget is used (${real} tokens)`);
    }
  });

  it('keeps at least 80 % of prompt tokens as a shared prefix between consecutive keystrokes (real cl100k tokens)', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'bench', 'fixtures', 'client.ts.txt'), 'utf8');
    const lines = text.split('\n');
    const ratios: number[] = [];
    for (const lineNumber of [60, 120, 200, 260]) {
      const lineStart = lines.slice(0, lineNumber).reduce((sum, l) => sum + l.length + 1, 0);
      const line = lines[lineNumber];
      let previous: number[] | undefined;
      for (let typed = 4; typed <= Math.min(line.length, 24); typed++) {
        const typedText = text.slice(0, lineStart + typed) + text.slice(lineStart + line.length);
        const snapshot = snapshotAt(typedText, lineStart + typed);
        const prompt = buildCompletionPrompt(
          {
            snapshot,
            snippets: [{ path: 'src/platform/ollama/common/modelInfo.ts', text: 'export interface ModelInfo { name: string }' }],
            multiline: false,
            numCtx: 8192,
            block: 32,
          },
          phi4,
        );
        const tokens = encode(prompt.prompt, { allowedSpecial: 'all' });
        if (previous) {
          let shared = 0;
          while (shared < tokens.length && shared < previous.length && tokens[shared] === previous[shared]) shared++;
          ratios.push(shared / tokens.length);
        }
        previous = tokens;
      }
    }
    const worst = Math.min(...ratios);
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    assert.ok(worst >= 0.8, `worst shared prefix ${(worst * 100).toFixed(1)} %, mean ${(mean * 100).toFixed(1)} %`);
  });
});
