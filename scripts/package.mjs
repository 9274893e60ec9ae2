// Builds the VSIX the way it is published, and checks it: `npm run package` (writes phi-local.vsix), or
//   node scripts/package.mjs --out .cache/phi-local-test.vsix [--quiet]
// Fails when vsce warns, when a file that is not part of the extension would ship (sources, tests, benchmarks,
// docs), or when the VSIX grows beyond the size goal; prints the VSIX size.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const at = argv.indexOf('--out');
const out = path.resolve(root, at >= 0 ? argv[at + 1] : 'phi-local.vsix');
const quiet = argv.includes('--quiet');
/** Size goal for the VSIX. */
const MAX_KB = 400;
/** What may ship: the bundles, media, translations and the package's own documents. */
export const ALLOWED = [
  /^dist\/(extension|webview)\.js$/,
  /^media\/(walkthrough\/)?[\w.-]+$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^package(\.nls(\.[\w-]+)?)?\.json$/,
  /^(README|CHANGELOG|LICENSE|SECURITY)\.md$/,
  /^LICENSE$/,
];

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const run = (args) => execFileSync(process.execPath, [vsce, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

execFileSync(process.execPath, [path.join(root, 'esbuild.js'), '--production'], { cwd: root, stdio: 'inherit' });
const files = run(['ls', '--no-dependencies'])
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);
const stray = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
// What must ship: the translations the manifest and the runtime read.
const required = [
  'package.json',
  'dist/extension.js',
  'dist/webview.js',
  'media/icon.png',
  ...fs.readdirSync(root).filter((name) => /^package\.nls(\.[\w-]+)?\.json$/.test(name)),
  ...fs.readdirSync(path.join(root, 'l10n')).map((name) => `l10n/${name}`),
];
const missing = required.filter((file) => !files.includes(file));
if (missing.length) {
  console.error(`package: files the extension needs would not ship (.vscodeignore):\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
if (stray.length) {
  console.error(`package: files that are not part of the extension would ship:\n  ${stray.join('\n  ')}`);
  process.exit(1);
}
let output;
try {
  output = execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (error) {
  console.error(`${error.stdout ?? ''}${error.stderr ?? ''}`);
  process.exit(1);
}
const warnings = output.split('\n').filter((line) => /WARNING/i.test(line));
if (warnings.length) {
  console.error(`package: vsce warned:\n${warnings.join('\n')}`);
  process.exit(1);
}
const kb = Math.round(fs.statSync(out).size / 1024);
if (!quiet) console.log(`package: ${path.relative(root, out)}, ${files.length} files, ${kb} KB (goal ≤ ${MAX_KB} KB)`);
if (kb > MAX_KB) {
  console.error(`package: ${kb} KB is over the ${MAX_KB} KB goal`);
  process.exit(1);
}
