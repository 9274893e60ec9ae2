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

  describe('fails closed: a file is left out when any name it has is excluded, or when no name can be read', () => {
    const secret = (path: string) => /(^|\/)\.env$/.test(path);
    const leaks = (diff: string) => {
      const selection = selectDiff(splitDiff(diff), secret, { maxTokens: 10_000, maxFileTokens: 10_000 });
      return { sent: selection.text, excluded: selection.excluded };
    };

    it('quoted names with non-ASCII bytes (core.quotePath)', () => {
      const diff =
        'diff --git "a/donn\\303\\251es/.env" "b/donn\\303\\251es/.env"\nindex 1..2 100644\n--- "a/donn\\303\\251es/.env"\n+++ "b/donn\\303\\251es/.env"\n@@ -1 +1 @@\n-A=1\n+TOKEN=leak\n';
      assert.deepEqual(splitDiff(diff)[0].path, 'données/.env');
      const { sent, excluded } = leaks(diff);
      assert.equal(sent, '');
      assert.deepEqual(excluded, ['données/.env']);
    });

    it('diff.noprefix and diff.mnemonicPrefix', () => {
      const noprefix = 'diff --git .env .env\nindex 1..2 100644\n--- .env\n+++ .env\n@@ -1 +1 @@\n-A=1\n+TOKEN=leak\n';
      const mnemonic = 'diff --git i/.env w/.env\nindex 1..2 100644\n--- i/.env\n+++ w/.env\n@@ -1 +1 @@\n-A=1\n+TOKEN=leak\n';
      for (const diff of [noprefix, mnemonic]) assert.doesNotMatch(leaks(diff).sent, /leak/);
    });

    it('a rename or copy is checked on both sides (git mv .env env.production, then an edit)', () => {
      const renamed =
        'diff --git a/.env b/env.production\nsimilarity index 80%\nrename from .env\nrename to env.production\nindex 1..2 100644\n--- a/.env\n+++ b/env.production\n@@ -1 +1 @@\n-A=1\n+TOKEN=leak\n';
      const copied = 'diff --git a/.env b/env.copy\nsimilarity index 100%\ncopy from .env\ncopy to env.copy\n';
      assert.deepEqual(splitDiff(renamed)[0].path, 'env.production');
      for (const diff of [renamed, copied]) {
        const { sent, excluded } = leaks(diff);
        assert.equal(sent, '');
        assert.equal(excluded.length, 1);
      }
    });

    it('binary files and mode changes, names with spaces', () => {
      const binary = 'diff --git a/keys/.env b/keys/.env\nindex 1..2 100644\nBinary files a/keys/.env and b/keys/.env differ\n';
      const mode = 'diff --git a/my dir/.env b/my dir/.env\nold mode 100644\nnew mode 100755\n';
      assert.deepEqual(splitDiff(mode)[0].paths.includes('my dir/.env'), true);
      for (const diff of [binary, mode]) assert.equal(leaks(diff).sent, '');
      const fine = 'diff --git a/my dir/run.sh b/my dir/run.sh\nold mode 100644\nnew mode 100755\n';
      assert.match(leaks(fine).sent, /old mode/);
    });

    it('a section whose names cannot be read is left out', () => {
      const odd = 'diff --git left-side right-side\nold mode 100644\nnew mode 100755\n';
      const { sent, excluded } = leaks(odd);
      assert.equal(sent, '');
      assert.deepEqual(excluded, ['(a file whose name could not be read)']);
    });

    it('lines of the change itself never name the file', () => {
      const diff =
        'diff --git a/notes.md b/notes.md\nindex 1..2 100644\n--- a/notes.md\n+++ b/notes.md\n@@ -1 +1,2 @@\n-x\n+++ b/.env\n+rename from .env\n';
      assert.deepEqual([...splitDiff(diff)[0].paths].sort(), ['a/notes.md', 'b/notes.md', 'notes.md']);
      assert.match(leaks(diff).sent, /notes\.md/);
    });
  });
});
