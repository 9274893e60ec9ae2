import * as assert from 'node:assert/strict';
import {
  instructionCandidates,
  MAX_INSTRUCTION_TOKENS,
  readInstructions,
  withInstructions,
} from '../../../../../src/platform/prompt/common/projectInstructions';
import { estimateTokens } from '../../../../../src/platform/prompt/common/tokens';

describe('project instructions', () => {
  it('tries the known files in order for auto, only the chosen one otherwise, none when off', () => {
    assert.deepEqual(instructionCandidates('auto'), ['AGENTS.md', '.github/copilot-instructions.md', '.philocal/instructions.md']);
    assert.deepEqual(instructionCandidates('.philocal/instructions.md'), ['.philocal/instructions.md']);
    assert.deepEqual(instructionCandidates('off'), []);
  });

  it('keeps the text, without a byte-order mark, HTML comments or CRLF', () => {
    const read = readInstructions('AGENTS.md', '\uFEFF# Rules\r\n<!-- for humans only -->\r\nUse tabs.\r\n');
    assert.deepEqual(read, { path: 'AGENTS.md', text: '# Rules\n\nUse tabs.', truncated: false });
  });

  it('ignores a file that says nothing', () => {
    assert.equal(readInstructions('AGENTS.md', '  \n<!-- TODO: write this -->\n'), undefined);
    assert.equal(readInstructions('AGENTS.md', ''), undefined);
  });

  it('cuts a long file to the cap and says so', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `- Rule ${i}: always name things clearly.`).join('\n');
    const read = readInstructions('AGENTS.md', long);
    assert.ok(read?.truncated);
    assert.ok(read.text.startsWith('- Rule 0:'));
    assert.ok(read.text.endsWith('… (cut)'));
    assert.ok(estimateTokens(read.text) <= MAX_INSTRUCTION_TOKENS + 10, String(estimateTokens(read.text)));
  });

  it('adds them after the system prompt, named and fenced, and leaves the prompt alone without them', () => {
    const system = 'You are Phi Local.';
    assert.equal(withInstructions(system, undefined), system);
    const joined = withInstructions(system, { path: '.github/copilot-instructions.md', text: 'Prefer const.', truncated: false });
    assert.ok(joined.startsWith(system));
    assert.match(joined, /from `\.github\/copilot-instructions\.md`/);
    assert.match(joined, /<project-instructions>\nPrefer const\.\n<\/project-instructions>$/);
  });
});
