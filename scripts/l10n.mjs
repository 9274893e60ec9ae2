// The English runtime strings bundle: every literal message passed to `vscode.l10n.t(...)` (or to a `t(...)`
// that forwards to it) in src/, written to l10n/bundle.l10n.json, which translators copy to
// bundle.l10n.<locale>.json. `node scripts/l10n.mjs --check` fails when the committed bundle is out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = path.join(root, 'l10n', 'bundle.l10n.json');

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'webview' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The value of a JavaScript string literal's body. */
function unescape(body, quote) {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e) => {
    if (e[0] === 'u') return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return { n: '\n', t: '\t', r: '\r', 0: '\0', [quote]: quote, '\\': '\\' }[e] ?? e;
  });
}

/** Messages of `l10n.t('…')` and `t('…')` calls with a literal first argument (no template placeholders). */
export function extract(text) {
  const out = [];
  const call = /(?:\bl10n\.t|(?<![\w.])t)\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1\s*[,)]/gs;
  for (const match of text.matchAll(call)) {
    if (match[1] === '`' && match[2].includes('${')) continue;
    out.push(unescape(match[2], match[1]));
  }
  // An array of messages translated where they are shown, marked with a `// l10n-messages` line before it.
  for (const match of text.matchAll(/\/\/ l10n-messages\n[^[]*\[([^\]]*)\]/g)) {
    for (const item of match[1].matchAll(/(['"])((?:\\.|(?!\1)[^\\])*)\1/g)) out.push(unescape(item[2], item[1]));
  }
  return out;
}

export function bundle() {
  const messages = new Set();
  for (const file of sourceFiles(path.join(root, 'src')).sort()) for (const m of extract(fs.readFileSync(file, 'utf8'))) messages.add(m);
  return Object.fromEntries([...messages].sort().map((m) => [m, m]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = `${JSON.stringify(bundle(), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(bundlePath) ? fs.readFileSync(bundlePath, 'utf8') : '';
    if (current !== text) {
      console.error('l10n/bundle.l10n.json is out of date: run `node scripts/l10n.mjs`');
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(bundlePath), { recursive: true });
    fs.writeFileSync(bundlePath, text);
    console.log(`${Object.keys(JSON.parse(text)).length} strings → ${path.relative(root, bundlePath)}`);
  }
}
