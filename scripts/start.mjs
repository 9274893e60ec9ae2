// `npm start`: builds the extension, installs it into a local code-server (a real VS Code in the browser)
// and prints the address to open. Ctrl+C stops it.
//   npm start                    uses your Ollama (phiLocal.ollama.host, default http://127.0.0.1:11434)
//   npm start -- --double        uses the built-in Ollama double instead (no Ollama needed; canned answers)
//   npm start -- --folder DIR    opens DIR (default: this repository)
//   npm start -- --port 8080     listens on that port (default: a free one)
import { execSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './code-server-launcher.mjs';
import { ensureCodeServer } from './tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
};
const folder = path.resolve(option('folder') ?? root);
const vsix = path.join(root, '.cache', 'phi-local-start.vsix');

ensureCodeServer();
console.log('[start] building and packaging the extension');
execSync(`node scripts/package.mjs --quiet --out "${vsix}"`, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

const settings = {};
let double;
if (argv.includes('--double')) {
  execSync('npx tsc -p tsconfig.test.json', { cwd: root, stdio: 'inherit' });
  double = spawn(
    process.execPath,
    [path.join(root, 'out', 'test', 'support', 'double-cli.js'), '--ttft', '300', '--tps', '40', '--load', '1500'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise((resolve) => double.stdout.once('data', (d) => resolve(String(d))));
  const { url } = JSON.parse(line.split('\n')[0]);
  settings['phiLocal.ollama.host'] = url;
  console.log(`[start] Ollama double at ${url}`);
}

const state = path.join(root, '.cache', 'start');
mkdirSync(state, { recursive: true });
const server = await startCodeServer({
  userDataDir: path.join(state, 'user-data'),
  extensionsDir: path.join(state, 'extensions'),
  installExtension: vsix,
  settings,
  port: option('port') ? Number(option('port')) : undefined,
});
console.log(
  `\nPhi Local is running in code-server. Open:\n\n  ${server.url}/?folder=${encodeURIComponent(folder)}\n\nPress Ctrl+C to stop.`,
);
const stop = async () => {
  double?.kill('SIGTERM');
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
