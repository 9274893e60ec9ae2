import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { chatRequests, useConnectedDouble, waitFor } from './helpers';

interface Repository {
  rootUri: vscode.Uri;
  inputBox: { value: string };
  status(): Promise<void>;
}
interface GitApi {
  openRepository(root: vscode.Uri): Promise<Repository | null>;
  getRepository(uri: vscode.Uri): Repository | null;
}

/** A real git repository in the test workspace, with history in Conventional Commits style. */
function makeRepository(root: string): void {
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

describe('Write Commit Message with a real git repository', () => {
  const { double } = useConnectedDouble();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const root = path.join(folder, 'commit-repo');
  let repository: Repository;

  before(async function () {
    this.timeout(60_000);
    makeRepository(root);
    const api = await gitApi();
    repository = await waitFor(
      async () => (await api.openRepository(vscode.Uri.file(root))) ?? undefined,
      'the repository to open',
      20_000,
    );
  });
  after(async () => {
    await vscode.workspace.getConfiguration('git').update('enabled', undefined, vscode.ConfigurationTarget.Global);
    rmSync(root, { recursive: true, force: true });
  });

  it('describes the staged change in the style of the log, without excluded files, into the input box', async () => {
    writeFileSync(path.join(root, 'greet.ts'), 'export function greet(name: string) {\n  return `hello ${name}`;\n}\n');
    writeFileSync(path.join(root, '.env'), 'TOKEN=super-secret-token\n');
    writeFileSync(path.join(root, 'port.ts'), 'export const port = 8080;\n');
    execFileSync('git', ['add', 'greet.ts', '.env'], { cwd: root });
    await repository.status();
    repository.inputBox.value = '';
    await double().client.reply({ match: { endpoint: 'chat' }, text: '```\nfeat(greet): greet by name\n\nTakes the name to greet.\n```' });
    await vscode.commands.executeCommand('phiLocal.writeCommitMessage', { rootUri: repository.rootUri });
    assert.equal(repository.inputBox.value, 'feat(greet): greet by name\n\nTakes the name to greet.');
    const [request] = await chatRequests(double());
    const prompt = (request.body as { messages: { content: string }[] }).messages.map((m) => m.content).join('\n');
    assert.match(prompt, /- fix\(server\): listen on port 80/);
    assert.match(prompt, /Conventional Commits/);
    assert.match(prompt, /The staged changes/);
    assert.match(prompt, /\+ {2}return `hello \$\{name\}`;/);
    // Staged only: the unstaged port change is not described; the staged .env is excluded entirely.
    assert.doesNotMatch(prompt, /8080/);
    assert.doesNotMatch(prompt, /super-secret-token|\.env/);
    execFileSync('git', ['reset', '-q'], { cwd: root });
  });

  it('with nothing staged, describes all changes and says so in the prompt', async () => {
    await repository.status();
    repository.inputBox.value = '';
    await double().client.reply({ match: { endpoint: 'chat' }, text: 'fix: listen on port 8080 and greet by name' });
    await vscode.commands.executeCommand('phiLocal.writeCommitMessage', { rootUri: repository.rootUri });
    assert.equal(repository.inputBox.value, 'fix: listen on port 8080 and greet by name');
    const [request] = await chatRequests(double());
    const prompt = (request.body as { messages: { content: string }[] }).messages.map((m) => m.content).join('\n');
    assert.match(prompt, /nothing is staged, so all changes/);
    assert.match(prompt, /\+export const port = 8080;/);
    assert.doesNotMatch(prompt, /super-secret-token/);
  });

  it('a failed request leaves the input box as it was', async () => {
    repository.inputBox.value = '';
    await double().client.reply({
      match: { endpoint: 'chat' },
      text: 'feat: half a mess',
      fault: { kind: 'errorLine', afterChunks: 2, error: 'model runner crashed' },
    });
    await vscode.commands.executeCommand('phiLocal.writeCommitMessage', { rootUri: repository.rootUri });
    assert.equal(repository.inputBox.value, '');
    assert.equal((await chatRequests(double())).length, 1);
  });
});
