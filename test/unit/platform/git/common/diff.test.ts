import * as assert from 'node:assert/strict';
import { selectDiff, splitDiff } from '../../../../../src/platform/git/common/diff';

const DIFF =
  'diff --git a/src/app.ts b/src/app.ts\nindex 1111111..2222222 100644\n--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1,3 +1,3 @@\n-const port = 80;\n+const port = 8080;\n export { port };\n' +
  'diff --git a/.env b/.env\nindex 3333333..4444444 100644\n--- a/.env\n+++ b/.env\n@@ -1 +1 @@\n-TOKEN=old\n+TOKEN=secret-value\n' +
  'diff --git a/old.txt b/old.txt\ndeleted file mode 100644\nindex 5555555..0000000\n--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n' +
  'diff --git a/logo.png b/logo.png\nnew file mode 100644\nindex 0000000..6666666\nBinary files /dev/null and b/logo.png differ\n';

describe('git diff', () => {
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
});
