// Shared by the integration tests, which run inside the real extension host (code-server, Node 24).
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PhiLocalApi } from '../../src/extension';
import { DoubleClient } from '../support/double-control';
import type { RecordedRequest } from '../support/ollama-double';

export const EXTENSION_ID = 'phi-local.phi-local';

export async function api(): Promise<PhiLocalApi> {
  const extension = vscode.extensions.getExtension<PhiLocalApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return extension.isActive ? extension.exports : extension.activate();
}

export interface RunningDouble {
  url: string;
  client: DoubleClient;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the Ollama double as its own process on a random loopback port. */
/** Starts the double in its own process; `args` as double-cli takes them (e.g. --openai --api-key k). */
export function startDouble(args: readonly string[] = []): Promise<RunningDouble> {
  const cli = path.join(__dirname, '..', 'support', 'double-cli.js');
  const child = fork(cli, [...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('the Ollama double did not start')), 10_000);
    child.stdout?.on('data', (data: Buffer) => {
      buffer += data.toString();
      const line = buffer.split('\n')[0];
      if (!buffer.includes('\n')) return;
      clearTimeout(timer);
      const { url, control } = JSON.parse(line) as { url: string; control: string };
      resolve({
        url,
        client: new DoubleClient(control),
        process: child,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`the Ollama double exited with ${code}`)));
  });
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('phiLocal').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Points the extension at `url` and waits until its connection is ready. */
export async function connectTo(url: string): Promise<PhiLocalApi> {
  const phi = await api();
  await setSetting('ollama.host', url);
  await waitFor(() => phi.connection.client.host === url, 'the client to follow the host setting');
  await waitFor(() => phi.connection.state.kind === 'ready', `ready at ${url} (state: ${phi.connection.state.kind})`);
  return phi;
}

/** Writes `name` into the workspace with `text`, shows it (resetting unsaved edits) and sets the selection. */
export async function openWorkspaceFile(
  name: string,
  text: string,
  selection?: vscode.Selection,
  languageId?: string,
): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the integration tests need a workspace folder');
  const uri = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  let document = await vscode.workspace.openTextDocument(uri);
  if (languageId && document.languageId !== languageId) document = await vscode.languages.setTextDocumentLanguage(document, languageId);
  const editor = await vscode.window.showTextDocument(document);
  if (document.getText() !== text) await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, document.lineCount, 0), text));
  if (selection) editor.selection = selection;
  return editor;
}

/** Before each test: no scripted replies or records left, the model pulled and loaded. */
export async function freshDouble(double: RunningDouble): Promise<void> {
  await double.client.reset();
  await double.client.setModel('phi4', { loaded: true });
}

/** After a suite that opened editors: save them (no dialogs), close them, stop the double. */
export async function closeEditorsAndStop(double: RunningDouble): Promise<void> {
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await double.stop();
}

/** The /api/chat requests the double has seen. */
export async function chatRequests(double: RunningDouble): Promise<RecordedRequest[]> {
  return (await double.client.requests()).filter((r) => r.path === '/api/chat');
}

/** Completion requests to /api/generate (not loads, not one-token cache warm-ups). */
export function generates(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.path === '/api/generate' && (r.body as { prompt?: string }).prompt !== '' && !isWarmUp(r));
}

/** Cache warm-ups: the prompt of a position with a one-token limit. */
export function warmUps(requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.path === '/api/generate' && isWarmUp(r));
}

function isWarmUp(request: RecordedRequest): boolean {
  return (request.body as { options?: { num_predict?: number } }).options?.num_predict === 1;
}

/** Types `text` a character at a time; returns when each key was typed. */
export async function typeSlowly(text: string, gapMs: number): Promise<number[]> {
  const times: number[] = [];
  for (const ch of text) {
    await vscode.commands.executeCommand('type', { text: ch });
    times.push(Date.now());
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return times;
}

/**
 * A suite's usual hooks: a double started and the extension connected to it before the tests, a fresh double
 * before each, editors saved and closed and the double stopped after. Returns getters.
 */
export function useConnectedDouble(): { double: () => RunningDouble; phi: () => PhiLocalApi } {
  let double: RunningDouble | undefined;
  let phi: PhiLocalApi | undefined;
  before(async () => {
    double = await startDouble();
    phi = await connectTo(double.url);
  });
  after(async () => {
    if (double) await closeEditorsAndStop(double);
  });
  beforeEach(async () => {
    if (double) await freshDouble(double);
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} did not start`);
    return value;
  };
  return { double: () => need(double, 'the double'), phi: () => need(phi, 'the extension') };
}

export interface Repository {
  rootUri: vscode.Uri;
  inputBox: { value: string };
  status(): Promise<void>;
}
interface GitApi {
  openRepository(root: vscode.Uri): Promise<Repository | null>;
  getRepository(uri: vscode.Uri): Repository | null;
}

/** A real git repository in the test workspace, with history in Conventional Commits style. */
export function makeRepository(root: string): void {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  git('config', 'commit.gpgsign', 'false');
  const commit = (file: string, text: string, subject: string) => {
    writeFileSync(path.join(root, file), text);
    git('add', file);
    git('commit', '-q', '-m', subject);
  };
  commit('greet.ts', 'export function greet() {\n  return "hello";\n}\n', 'feat: add greeting');
  commit('README.md', '# Greeter\n', 'docs: describe the greeter');
  commit('.env', 'TOKEN=first\n', 'chore: local settings');
  commit('port.ts', 'export const port = 80;\n', 'fix(server): listen on port 80');
}

async function gitApi(): Promise<GitApi> {
  await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
  const extension = vscode.extensions.getExtension<{ enabled: boolean; getAPI(v: 1): GitApi }>('vscode.git');
  assert.ok(extension, 'the built-in Git extension');
  const exports = extension.isActive ? extension.exports : await extension.activate();
  await waitFor(() => exports.enabled, 'the Git extension to be enabled');
  return exports.getAPI(1);
}

/** Opens `root` (made by makeRepository) in the built-in Git extension, which the tests' settings turn off. */
export async function openGitRepository(root: string): Promise<Repository> {
  const api = await gitApi();
  return waitFor(async () => (await api.openRepository(vscode.Uri.file(root))) ?? undefined, 'the repository to open', 20_000);
}

export async function closeGitRepository(root: string): Promise<void> {
  await vscode.workspace.getConfiguration('git').update('enabled', undefined, vscode.ConfigurationTarget.Global);
  rmSync(root, { recursive: true, force: true });
}

/** Shows the chat view and waits until it is resolved (a suite's before-hook). */
export async function focusChatView(phi: PhiLocalApi): Promise<void> {
  await vscode.commands.executeCommand('phiLocal.chat.focus');
  await waitFor(() => phi.chatView.resolved, 'the chat view');
}

/** The last message of the first chat request the double saw (waits for it): the question as sent. */
export async function questionSent(double: RunningDouble): Promise<string> {
  const [request] = await waitFor(async () => {
    const requests = await chatRequests(double);
    return requests.length > 0 && requests;
  }, 'a chat request');
  return (request.body as { messages: { content: string }[] }).messages.at(-1)?.content ?? '';
}

/** Commits the suggestion once it shows, retrying while it is not there yet. */
export async function commitWhenShown(editor: vscode.TextEditor, before: string, timeoutMs = 15_000): Promise<string> {
  return waitFor(
    async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      const text = editor.document.getText();
      return text !== before ? text : undefined;
    },
    'the suggestion to be committed',
    timeoutMs,
  );
}
