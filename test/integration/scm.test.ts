import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { chatRequests, closeGitRepository, makeRepository, openGitRepository, useConnectedDouble, type Repository } from './helpers';

describe('Write Commit Message with a real git repository', () => {
  const { double } = useConnectedDouble();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const root = path.join(folder, 'commit-repo');
  let repository: Repository;

  before(async function () {
    this.timeout(60_000);
    makeRepository(root);
    repository = await openGitRepository(root);
  });
  after(async () => {
    await closeGitRepository(root);
  });

  /**
   * Empties the commit message box. The workbench echoes the box's earlier value back to the extension host a
   * moment later, which can overwrite a value set right after a test wrote into it: set it, let echoes land,
   * set it again.
   */
  async function emptyInputBox(): Promise<void> {
    repository.inputBox.value = '';
    await new Promise((resolve) => setTimeout(resolve, 300));
    repository.inputBox.value = '';
  }

  it('describes the staged change in the style of the log, without excluded files, into the input box', async () => {
    writeFileSync(path.join(root, 'greet.ts'), 'export function greet(name: string) {\n  return `hello ${name}`;\n}\n');
    writeFileSync(path.join(root, '.env'), 'TOKEN=super-secret-token\n');
    writeFileSync(path.join(root, 'port.ts'), 'export const port = 8080;\n');
    execFileSync('git', ['add', 'greet.ts', '.env'], { cwd: root });
    await repository.status();
    await emptyInputBox();
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
    await emptyInputBox();
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
    await emptyInputBox();
    await double().client.reply({
      match: { endpoint: 'chat' },
      text: 'feat: half a mess',
      fault: { kind: 'errorLine', afterChunks: 2, error: 'model runner crashed' },
    });
    await vscode.commands.executeCommand('phiLocal.writeCommitMessage', { rootUri: repository.rootUri });
    assert.equal(repository.inputBox.value, '');
    assert.equal((await chatRequests(double())).length, 1);
  });

  it('leaves secrets out however git names the file: diff.noprefix, a quoted non-ASCII path, a renamed .env', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('checkout', '--', '.');
    writeFileSync(path.join(root, '.env'), 'A=1\nB=2\nC=3\nD=4\nTOKEN=kept-secret\n');
    git('add', '.env');
    git('commit', '-q', '-m', 'chore: more settings');
    git('config', 'diff.noprefix', 'true');
    try {
      mkdirSync(path.join(root, 'données'), { recursive: true });
      writeFileSync(path.join(root, 'données', '.env'), 'TOKEN=accent-secret\n');
      git('mv', '.env', 'env.production');
      writeFileSync(path.join(root, 'env.production'), 'A=1\nB=2\nC=3\nD=4\nTOKEN=kept-secret\nEXTRA=renamed-secret\n');
      writeFileSync(path.join(root, 'notes.md'), 'Release notes\n');
      git('add', '-A');
      const staged = git('diff', '--cached').toString();
      assert.match(staged, /rename from \.env/, 'git sees the rename');
      assert.match(staged, /"donn\\303\\251es\/\.env"/, 'git quotes the non-ASCII path');
      await repository.status();
      await emptyInputBox();
      await double().client.reply({ match: { endpoint: 'chat' }, text: 'docs: add release notes' });
      await vscode.commands.executeCommand('phiLocal.writeCommitMessage', { rootUri: repository.rootUri });
      assert.equal(repository.inputBox.value, 'docs: add release notes');
      const [request] = await chatRequests(double());
      const prompt = (request.body as { messages: { content: string }[] }).messages.map((m) => m.content).join('\n');
      assert.match(prompt, /notes\.md/);
      assert.doesNotMatch(prompt, /accent-secret|renamed-secret|kept-secret/);
    } finally {
      git('config', '--unset', 'diff.noprefix');
      git('reset', '-q');
    }
  });
});
