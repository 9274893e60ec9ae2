import * as assert from 'node:assert/strict';
import {
  editMessages,
  rewriteFits,
  explainRequest,
  guessTestSetup,
  testMessages,
  type CodeTarget,
} from '../../../../src/edit/common/editPrompts';

const target: CodeTarget = {
  path: 'src/math.ts',
  languageId: 'typescript',
  startLine: 9,
  endLine: 11,
  code: 'function add(a, b) {\n  return a + b;\n}',
  before: 'import { log } from "./log";',
  after: 'export default add;',
};

describe('selection command prompts', () => {
  it('asks Explain with the file name, language, lines and surrounding code', () => {
    const { question, context } = explainRequest(target);
    assert.match(question, /`src\/math\.ts:10-12` \(typescript\)/);
    assert.deepEqual(context[0], { label: 'src/math.ts:10-12', language: 'typescript', text: target.code });
    assert.match(context[1].text, /import \{ log \}[\s\S]*export default add;/);
  });

  it('asks Refactor for one replacement block with the instruction', () => {
    const [system, user] = editMessages('refactor', target, { instruction: 'Add types', budgetTokens: 4000 });
    assert.match(system.content, /exactly one fenced code block/);
    assert.match(
      user.content,
      /^File `src\/math\.ts` \(typescript\), lines 10-12:\n\n```typescript\nfunction add\(a, b\) \{\n {2}return a \+ b;\n\}\n```/,
    );
    assert.match(
      user.content,
      /Code just before it \(context only, do not repeat\):\n```typescript\nimport \{ log \} from "\.\/log";\n```/,
    );
    assert.match(user.content, /Rewrite the code: Add types\./);
    assert.match(user.content, /complete replacement for lines 10-12 in one ```typescript block\.$/);
  });

  it("adds the project's instructions to edit and test prompts, after the format rules", () => {
    const project = { path: 'AGENTS.md', text: 'Use early returns.', truncated: false };
    const [system] = editMessages('refactor', target, { instruction: 'Simplify', budgetTokens: 4000, project });
    assert.match(
      system.content,
      /exactly one fenced code block[\s\S]*<project-instructions>\nUse early returns\.\n<\/project-instructions>$/,
    );
    const [testSystem] = testMessages(target, { languageId: 'typescript', framework: 'vitest' }, 4000, project);
    assert.match(testSystem.content, /from `AGENTS\.md`/);
    assert.doesNotMatch(editMessages('refactor', target, { budgetTokens: 4000 })[0].content, /project-instructions/);
  });

  it('adds the words typed after /fix or /doc to those prompts', () => {
    assert.match(
      editMessages('fix', target, { instruction: 'keep the signature', budgetTokens: 4000 })[1].content,
      /\nAlso: keep the signature\.\n/,
    );
    assert.match(
      editMessages('document', target, { instruction: 'in French.', budgetTokens: 4000 })[1].content,
      /Do not change the code itself\.\nAlso: in French\.\n/,
    );
    assert.doesNotMatch(editMessages('fix', target, { budgetTokens: 4000 })[1].content, /Also:/);
  });

  it('puts the diagnostics in the Fix prompt', () => {
    const [, user] = editMessages('fix', target, {
      diagnostics: [{ line: 9, severity: 'error', message: "Parameter 'a' implicitly has an 'any' type.", source: 'ts', code: '7006' }],
      budgetTokens: 4000,
    });
    assert.match(user.content, /- line 10: error: Parameter 'a' implicitly has an 'any' type\. \(ts 7006\)/);
  });

  it('asks Document for the language’s doc comment style', () => {
    const [, user] = editMessages('document', { ...target, languageId: 'python' }, { budgetTokens: 4000 });
    assert.match(user.content, /idiomatic style of python/);
    assert.match(user.content, /Do not change the code itself\./);
  });

  it('never sends part of the code to rewrite: a range that does not fit is refused beforehand', () => {
    const huge = { ...target, code: 'const x = compute(a, b, c);\n'.repeat(450), before: 'y = 2;\n'.repeat(5_000) };
    const [, user] = editMessages('refactor', huge, { instruction: 'Simplify', budgetTokens: 2000 });
    assert.ok(user.content.includes(huge.code), 'the whole code, or nothing');
    assert.ok(user.content.length < huge.code.length + 5_000, 'the surrounding lines are cut to their share');
    const fit = rewriteFits(huge, 8192);
    assert.equal(fit.fits, false);
    assert.ok(fit.codeTokens > fit.maxCodeTokens, JSON.stringify(fit));
    assert.equal(rewriteFits(target, 8192).fits, true);
    assert.equal(rewriteFits(huge, 32768).fits, true, 'a larger num_ctx takes it');
  });

  it('guesses the test framework from the workspace', () => {
    assert.equal(guessTestSetup('typescript', { 'package.json': '{"devDependencies": {"vitest": "^3"}}' }).framework, 'vitest');
    assert.equal(guessTestSetup('javascript', { 'package.json': '{"devDependencies": {"jest": "^29"}}' }).framework, 'jest');
    assert.equal(guessTestSetup('typescript', { 'package.json': '{"devDependencies": {"mocha": "11"}}' }).framework, 'mocha');
    assert.equal(guessTestSetup('python', { 'pyproject.toml': '[tool.pytest.ini_options]' }).framework, 'pytest');
    assert.match(guessTestSetup('go', {}).framework, /go test/);
    assert.match(
      testMessages(target, { languageId: 'typescript', framework: 'vitest' }, 4000)[1].content,
      /Write unit tests with vitest for this typescript code from `src\/math\.ts`/,
    );
  });
});
