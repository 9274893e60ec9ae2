// Translations: the English runtime bundle is what the sources say (scripts/l10n.mjs), and every language
// has every string of the manifest (package.nls) and of the runtime bundle, with the same placeholders,
// the same command links and nothing empty.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { readRepoFile, REPO_ROOT } from '../../support/paths';

const LOCALES = ['zh-cn'];
const json = (file: string) => JSON.parse(readRepoFile(file)) as Record<string, string>;
const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort();
const links = (text: string) => [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
const codeSpans = (text: string) => (text.match(/`[^`]+`/g) ?? []).sort();

function sameShape(english: Record<string, string>, translated: Record<string, string>, what: string): void {
  assert.deepEqual(Object.keys(translated).sort(), Object.keys(english).sort(), `${what}: the same keys`);
  for (const [key, text] of Object.entries(english)) {
    const other = translated[key];
    assert.ok(other.trim(), `${what}: ${key} is empty`);
    assert.deepEqual(placeholders(other), placeholders(text), `${what}: placeholders of ${key}`);
    assert.deepEqual(links(other), links(text), `${what}: links of ${key}`);
    assert.deepEqual(codeSpans(other), codeSpans(text), `${what}: code in ${key}`);
  }
}

describe('translations', () => {
  it('the English runtime bundle lists exactly the messages in the sources', () => {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'l10n.mjs'), '--check'], { cwd: REPO_ROOT });
    const bundle = json('l10n/bundle.l10n.json');
    assert.ok(Object.keys(bundle).length > 150);
    for (const [key, value] of Object.entries(bundle)) assert.equal(value, key);
  });

  it('the manifest names every string through package.nls.json', () => {
    const manifest = readRepoFile('package.json');
    const nls = json('package.nls.json');
    const used = [...manifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 40);
    for (const key of used) assert.ok(key in nls, `${key} is not in package.nls.json`);
    assert.deepEqual(Object.keys(nls).sort(), [...new Set(used)].sort(), 'no unused manifest strings');
  });

  for (const locale of LOCALES) {
    it(`${locale}: every manifest and runtime string is translated, with the same placeholders, links and code`, () => {
      sameShape(json('package.nls.json'), json(`package.nls.${locale}.json`), `package.nls.${locale}.json`);
      sameShape(json('l10n/bundle.l10n.json'), json(`l10n/bundle.l10n.${locale}.json`), `bundle.l10n.${locale}.json`);
      // Chinese text, not the English copied over.
      const runtime = Object.values(json(`l10n/bundle.l10n.${locale}.json`));
      assert.ok(runtime.filter((text) => /[\u4e00-\u9fff]/.test(text)).length > runtime.length * 0.9);
    });
  }
});
