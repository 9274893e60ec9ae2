import * as assert from 'node:assert/strict';
import { buildCommitPrompt, cleanCommitMessage, commitStyleOf } from '../../../../src/scm/common/commitMessage';

describe('commit message', () => {
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
