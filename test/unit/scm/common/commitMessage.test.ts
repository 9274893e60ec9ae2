import * as assert from 'node:assert/strict';
import { buildCommitPrompt, cleanCommitMessage, commitStyleOf, selectDiff, splitDiff } from '../../../../src/scm/common/commitMessage';

const DIFF =
  'diff --git a/src/app.ts b/src/app.ts\nindex 1111111..2222222 100644\n--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1,3 +1,3 @@\n-const port = 80;\n+const port = 8080;\n export { port };\n' +
  'diff --git a/.env b/.env\nindex 3333333..4444444 100644\n--- a/.env\n+++ b/.env\n@@ -1 +1 @@\n-TOKEN=old\n+TOKEN=secret-value\n' +
  'diff --git a/old.txt b/old.txt\ndeleted file mode 100644\nindex 5555555..0000000\n--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n' +
  'diff --git a/logo.png b/logo.png\nnew file mode 100644\nindex 0000000..6666666\nBinary files /dev/null and b/logo.png differ\n';

describe('commit message', () => {
  it('splits a diff by file, naming each by its path (deleted and binary files too)', () => {
    assert.deepEqual(
      splitDiff(DIFF).map((f) => f.path),
      ['src/app.ts', '.env', 'old.txt', 'logo.png'],
    );
    assert.deepEqual(splitDiff(''), []);
  });

  it('leaves excluded files out entirely and summarizes a change too large to send', () => {
    const big = `diff --git a/data.json b/data.json\nindex 1..2 100644\n--- a/data.json\n+++ b/data.json\n@@ -1,1 +1,400 @@\n${'+  "row": 1,\n'.repeat(400)}`;
    const selection = selectDiff(splitDiff(DIFF + big), (path) => path === '.env', { maxTokens: 2000, maxFileTokens: 300 });
    assert.deepEqual(selection.excluded, ['.env']);
    assert.deepEqual(selection.summarized, ['data.json']);
    assert.doesNotMatch(selection.text, /secret-value|TOKEN/);
    assert.match(selection.text, /\+const port = 8080;/);
    assert.match(selection.text, /diff --git a\/data\.json b\/data\.json[\s\S]*large change left out: \+400 −0 lines/);
    assert.doesNotMatch(selection.text, /"row"/);
  });

  it('stops adding files when the budget is spent, and names the ones left out', () => {
    const files = splitDiff(DIFF);
    const selection = selectDiff(files, () => false, { maxTokens: 40, maxFileTokens: 1000 });
    assert.ok(selection.summarized.length >= 1, JSON.stringify(selection));
    assert.ok(selection.text.length < DIFF.length);
  });

  it('recognizes Conventional Commits only when most recent subjects use them', () => {
    assert.equal(commitStyleOf(['feat(api): add login', 'fix: null check', 'chore: bump deps', 'Update README']), 'conventional');
    assert.equal(commitStyleOf(['Add login', 'Fix null check', 'fix: typo', 'Bump deps']), 'plain');
    assert.equal(commitStyleOf(['feat: one', 'fix: two']), 'plain', 'too few to tell');
    assert.equal(commitStyleOf(['Merge branch main', 'feat: a', 'fix: b', 'docs: c']), 'conventional');
  });

  it('shows the model recent subjects, the style and which changes it sees', () => {
    const [system, user] = buildCommitPrompt({
      diff: 'diff --git a/x b/x\n',
      subjects: ['feat: a', 'fix: b', 'docs: c'],
      style: 'conventional',
      staged: false,
      budgetTokens: 4000,
    });
    assert.equal(system.role, 'system');
    assert.match(user.content, /- feat: a\n- fix: b\n- docs: c/);
    assert.match(user.content, /Conventional Commits/);
    assert.match(user.content, /nothing is staged, so all changes/);
    assert.match(user.content, /```diff\ndiff --git a\/x b\/x\n```/);
    // A diff larger than the budget is cut.
    const [, cut] = buildCommitPrompt({ diff: '+x\n'.repeat(20_000), subjects: [], style: 'plain', staged: true, budgetTokens: 1000 });
    assert.ok(cut.content.length < 8000, String(cut.content.length));
    assert.match(cut.content, /The staged changes/);
  });

  it('cleans the reply: fences, preambles, labels and quotes go; the message stays', () => {
    assert.equal(cleanCommitMessage('```\nfeat: add login\n\nAdds the form.\n```'), 'feat: add login\n\nAdds the form.');
    assert.equal(cleanCommitMessage("Here's a commit message:\n\n```text\nFix port\n```"), 'Fix port');
    assert.equal(cleanCommitMessage('Commit message:\nFix port  \n\n\n\nUse 8080.'), 'Fix port\n\nUse 8080.');
    assert.equal(cleanCommitMessage('"Fix port"'), 'Fix port');
    assert.equal(cleanCommitMessage('Subject: Fix port'), 'Fix port');
    // While streaming: an opened fence is not shown.
    assert.equal(cleanCommitMessage('```\nfeat: add'), 'feat: add');
    // A message that merely mentions a colon or quotes stays as written.
    assert.equal(cleanCommitMessage('fix: handle "quoted" paths'), 'fix: handle "quoted" paths');
  });
});
