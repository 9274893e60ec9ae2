#!/usr/bin/env node
// A stand-in for the `code` executable that @vscode/test-electron runs: it follows the VS Code CLI contract
// (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, --extensions-dir=, a folder) but runs
// the tests in a real VS Code: code-server (from npm) with its smoke-test driver, opened by headless Chromium.
// It exits with the code the test run reports through window.codeAutomationExit.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { chromiumPath, codeServerEntry, ensureChromium, ensureCodeServer, node24 } from './tools.mjs';

const RUN_TIMEOUT_MS = Number(process.env.PHI_LOCAL_TEST_TIMEOUT_MS ?? 15 * 60_000);

export const QUIET_SETTINGS = {
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': 'off',
  'extensions.autoCheckUpdates': false,
  'workbench.startupEditor': 'none',
  'files.autoSave': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Starts code-server in its own process group. Returns { url, port, stop }.
 * options: { userDataDir, extensionsDir, smokeTestDriver, settings, installExtension, log }
 */
export async function startCodeServer(options) {
  ensureCodeServer();
  const port = options.port ?? (await freePort());
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'phi-local-cs-'));
  const xdg = path.join(scratch, 'xdg');
  const tmp = path.join(scratch, 'tmp');
  mkdirSync(xdg, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  mkdirSync(path.join(options.userDataDir, 'User'), { recursive: true });
  mkdirSync(options.extensionsDir, { recursive: true });
  const settingsFile = path.join(options.userDataDir, 'User', 'settings.json');
  let existing = {};
  try {
    existing = JSON.parse(readFileSync(settingsFile, 'utf8'));
  } catch {
    // first start, or a file with comments: start from the quiet settings
  }
  writeFileSync(settingsFile, JSON.stringify({ ...existing, ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const configFile = path.join(scratch, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    TMPDIR: tmp,
    PATH: `${path.dirname(node24)}:${process.env.PATH}`,
  };
  const common = ['--user-data-dir', options.userDataDir, '--extensions-dir', options.extensionsDir, '--config', configFile];
  const log = options.log ?? (() => {});
  if (options.installExtension) {
    await new Promise((resolve, reject) => {
      const child = spawn(node24, [codeServerEntry, ...common, '--install-extension', options.installExtension, '--force'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`installing ${options.installExtension} failed (${code}):\n${output}`)),
      );
    });
  }
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    // Workspace trust is off for most tests; a Restricted Mode test turns it on.
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--reconnection-grace-time',
    '5',
    ...common,
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.logLevel ? ['--log', options.logLevel] : []),
  ];
  const child = spawn(node24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log(String(d)));
  child.stderr.on('data', (d) => log(String(d)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error('code-server exited during start-up');
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('code-server did not answer /healthz within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stop = async () => {
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killDeadline = Date.now() + 8000;
      while (!exited && Date.now() < killDeadline) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is gone
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  return { url, port, stop };
}

export async function launchChromium() {
  ensureChromium();
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** Workbench chatter that is expected with no internet and says nothing about our tests. */
const OFFLINE_NOISE =
  /ENOTFOUND|Resolving connection token|Resolved connection token|authentication provider|AccountPolicyGate|AgentHost|\[Service Worker\]|Creating a socket|Extension host \(Remote\) is unresponsive|Extension host \(Remote\) is responsive/;

function parseCli(argv) {
  const value = (name) => {
    const prefix = `--${name}=`;
    const found = argv.find((arg) => arg.startsWith(prefix));
    return found ? found.slice(prefix.length) : undefined;
  };
  const folder = argv.filter((arg) => !arg.startsWith('-')).pop();
  return {
    extensionDevelopmentPath: value('extensionDevelopmentPath'),
    extensionTestsPath: value('extensionTestsPath'),
    userDataDir: value('user-data-dir'),
    extensionsDir: value('extensions-dir'),
    logLevel: value('log'),
    folder,
  };
}

async function main() {
  const cli = parseCli(process.argv.slice(2));
  if (!cli.extensionDevelopmentPath || !cli.extensionTestsPath) {
    console.error(
      'usage: code-server-launcher --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER]',
    );
    process.exit(2);
  }
  const base = mkdtempSync(path.join(os.tmpdir(), 'phi-local-test-'));
  const userDataDir = cli.userDataDir ?? path.join(base, 'user-data');
  // A fresh user data dir every run: test state (history, settings written by tests) never leaks across runs.
  rmSync(userDataDir, { recursive: true, force: true });
  const serverLog = [];
  const server = await startCodeServer({
    userDataDir,
    extensionsDir: cli.extensionsDir ?? path.join(base, 'extensions'),
    smokeTestDriver: true,
    logLevel: cli.logLevel,
    log: (line) => serverLog.push(line),
  });
  let browser;
  let code = 1;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (OFFLINE_NOISE.test(text)) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (exitCode) => finish(Number(exitCode)));
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(cli.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(cli.extensionTestsPath)],
    ];
    const query = new URLSearchParams();
    if (cli.folder) query.set('folder', path.resolve(cli.folder));
    query.set('payload', JSON.stringify(payload));
    await page.goto(`${server.url}/?${query.toString()}`);
    const timeout = new Promise((resolve) =>
      setTimeout(() => {
        console.error(`code-server-launcher: no result after ${RUN_TIMEOUT_MS / 1000} s`);
        resolve(1);
      }, RUN_TIMEOUT_MS).unref(),
    );
    code = await Promise.race([finished, timeout]);
  } catch (error) {
    console.error(`code-server-launcher: ${error?.stack ?? error}`);
    console.error(serverLog.join('').slice(-4000));
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
    rmSync(base, { recursive: true, force: true });
  }
  process.exit(code);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  void main();
}
