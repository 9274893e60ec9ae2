import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';
import { buildCompletionPrompt, HOLE, nearSuffix, TYPED_LAST_SYSTEM_PROMPT } from '../../../../src/completion/common/completionPrompt';
import { PHI4_FORMAT } from '../../../../src/platform/backend/common/modelTypes';
import { layoutPrompt, SUFFIX_FIRST_SYSTEM_PROMPT, SYSTEM_PROMPT, type PromptLayout } from '../../../../bench/promptLayouts';
import { snapshotAt } from '../../../support/snapshots';
import { REPO_ROOT } from '../../../support/paths';

const phi4 = PHI4_FORMAT;
const qwen = { kind: 'fim' } as const;

describe('completion prompts', () => {
  it('builds phi4 its raw ChatML prompt: the marker for the typed part of the line, the code after it kept short, the typed text only in the pre-filled answer', () => {
    const text =
      'function add(a: number, b: number) {\n  return a\n}\n\nexport const one = 1;\nexport const two = 2;\nexport const three = 3;\nexport const four = 4;\nexport const five = 5;\nexport const six = 6;\n';
    const snapshot = snapshotAt(text, text.indexOf('return a') + 'return a'.length);
    const prompt = buildCompletionPrompt({ snapshot, snippets: [], multiline: true, numCtx: 8192, block: 32 }, phi4);
    assert.equal(prompt.endpoint, 'generate');
    assert.equal(prompt.raw, true);
    assert.equal(prompt.suffix, undefined, 'phi4 never gets a suffix');
    assert.equal(
      prompt.prompt,
      `<|im_start|>system<|im_sep|>\n${TYPED_LAST_SYSTEM_PROMPT}<|im_end|>\n` +
        `<|im_start|>user<|im_sep|>\nFill in ${HOLE} in \`src/app.ts\`:\n\`\`\`typescript\nfunction add(a: number, b: number) {\n  ${HOLE}\n}\n\nexport const one = 1;\nexport const two = 2;\nexport const three = 3;\nexport const four = 4;\nexport const five = 5;\n\`\`\`<|im_end|>\n` +
        '<|im_start|>assistant<|im_sep|>\n```typescript\n  return a',
    );
    // The answer decides its length: no line-break stop unless one line is all the user wants.
    assert.deepEqual(prompt.stop, ['<|im_end|>', '<|im_start|>', '<|im_sep|>', '<|endoftext|>', HOLE]);
    assert.equal(prompt.numPredict, 128);
    const oneLine = buildCompletionPrompt({ snapshot, snippets: [], multiline: false, numCtx: 8192, block: 32 }, phi4);
    assert.deepEqual(oneLine.stop.slice(0, 1), ['\n']);
    assert.equal(oneLine.numPredict, 64);
    // The previous layout: the marker at the cursor, the typed text in the file and in the answer.
    const near = layoutPrompt({ snapshot, snippets: [], multiline: true, numCtx: 8192, block: 32 }, phi4, 'nearSuffix');
    assert.ok(near.prompt.startsWith(`<|im_start|>system<|im_sep|>\n${SYSTEM_PROMPT}<|im_end|>`));
    assert.match(near.prompt, /\n {2}return a<FILL_HERE>\n\}\n/);
    // 0.1 sent the whole window after the hole.
    const old = layoutPrompt({ snapshot, snippets: [], multiline: true, numCtx: 8192, block: 32 }, phi4, 'hole');
    assert.match(old.prompt, /export const six = 6;\n```<\|im_end\|>/);
  });

  it('keeps the rest of the cursor line and whole lines up to 120 characters after the cursor', () => {
    assert.equal(nearSuffix(', 2);\n  return x;\n}'), ', 2);\n  return x;\n}');
    assert.equal(nearSuffix(`\n${'a'.repeat(100)}\n${'b'.repeat(30)}`), `\n${'a'.repeat(100)}`);
    assert.equal(nearSuffix(`${'c'.repeat(300)}\nnext`), 'c'.repeat(300), 'the rest of the line is always there');
  });

  it('can show the code after the cursor first, for the benchmark', () => {
    const text = 'function add(a: number, b: number) {\n  return a\n}\n';
    const snapshot = snapshotAt(text, text.indexOf('return a') + 'return a'.length);
    const prompt = layoutPrompt({ snapshot, snippets: [], multiline: true, numCtx: 8192, block: 32 }, phi4, 'suffixFirst');
    assert.equal(
      prompt.prompt,
      `<|im_start|>system<|im_sep|>\n${SUFFIX_FIRST_SYSTEM_PROMPT}<|im_end|>\n` +
        '<|im_start|>user<|im_sep|>\nThe code after the cursor in `src/app.ts`:\n```typescript\n\n}\n```\nContinue `src/app.ts` from the cursor up to that code.<|im_end|>\n' +
        '<|im_start|>assistant<|im_sep|>\n```typescript\nfunction add(a: number, b: number) {\n  return a',
    );
    const end = layoutPrompt(
      { snapshot: snapshotAt('const x = ', 10), snippets: [], multiline: true, numCtx: 8192, block: 32 },
      phi4,
      'suffixFirst',
    );
    assert.match(end.prompt, /The cursor is at the end of `src\/app\.ts`\. Continue it from the cursor\./);
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
    assert.equal(prompt.messages?.[0].content, TYPED_LAST_SYSTEM_PROMPT);
    assert.match(prompt.messages?.[1].content ?? '', /```typescript\n<FILL_HERE>\n```$/);
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

  /**
   * Real cl100k tokens Ollama must evaluate again per request (what its cache cannot reuse from the previous
   * prompt) while a user types 8 lines of a real file, a request every 5 characters: retyping existing lines
   * (editing) or inserting new ones (writing).
   */
  function typingCosts(layout: PromptLayout, scenario: 'editing' | 'writing'): number {
    const original = fs.readFileSync(path.join(REPO_ROOT, 'bench', 'fixtures', 'client.ts.txt'), 'utf8').split('\n');
    const lines = [...original];
    const costs: number[] = [];
    let previous: number[] | undefined;
    for (let k = 0; k < 8; k++) {
      const source = original[121 + k];
      const indent = /^\s*/.exec(source)?.[0] ?? '';
      const index = 121 + k;
      if (scenario === 'writing') lines.splice(index, 0, '');
      for (let typed = 0; typed <= source.length - indent.length; typed += 5) {
        lines[index] = indent + source.slice(indent.length, indent.length + typed);
        const text = lines.join('\n');
        const offset = lines.slice(0, index).join('\n').length + 1 + lines[index].length;
        const prompt = layoutPrompt(
          { snapshot: snapshotAt(text, offset), snippets: [], multiline: true, numCtx: 8192, block: 32 },
          phi4,
          layout,
        );
        const tokens = encode(prompt.prompt, { allowedSpecial: 'all' });
        if (previous) {
          let shared = 0;
          while (shared < tokens.length && shared < previous.length && tokens[shared] === previous[shared]) shared++;
          costs.push(tokens.length - shared);
        }
        previous = tokens;
      }
      lines[index] = source;
    }
    return [...costs].sort((a, b) => a - b)[Math.floor(costs.length / 2)];
  }

  for (const scenario of ['editing', 'writing'] as const) {
    it(`evaluates only the typed characters again while typing on a line, a few tokens per request, ${scenario} lines (real cl100k tokens)`, () => {
      const now = typingCosts('typedLast', scenario);
      const previous = typingCosts('nearSuffix', scenario);
      const before = typingCosts('hole', scenario);
      assert.ok(now <= 8, `p50 ${now} tokens per request`);
      assert.ok(now * 4 <= previous, `now ${now}, the marker at the cursor ${previous}`);
      assert.ok(previous * 3 <= before, `the marker at the cursor ${previous}, 0.1 ${before}`);
    });
  }
});
