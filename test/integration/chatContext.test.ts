import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PhiLocalApi } from '../../src/extension';
import type { ContextSource } from '../../src/chat/common/contextFormatting';
import {
  closeGitRepository,
  focusChatView,
  makeRepository,
  openGitRepository,
  openWorkspaceFile,
  questionSent,
  useConnectedDouble,
  waitFor,
  type RunningDouble,
} from './helpers';

const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';

describe('Chat context: @problems, @diff, @terminal in a real VS Code', () => {
  const suite = useConnectedDouble();
  let double: RunningDouble;
  let phi: PhiLocalApi;
  const diagnostics = vscode.languages.createDiagnosticCollection('phi-local-test');

  /** Attaches `sources`, asks a question and returns the question as sent to Ollama. */
  async function askWith(...sources: ContextSource[]): Promise<string> {
    await vscode.commands.executeCommand('phiLocal.newChat');
    for (const source of sources) await phi.chatView.receive({ type: 'context/add', source });
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'Looked at it.' });
    assert.equal(await phi.chatView.receive({ type: 'chat/send', text: 'What is wrong here?' }), true);
    return questionSent(double);
  }

  before(async () => {
    phi = suite.phi();
    await focusChatView(phi);
  });
  beforeEach(() => {
    double = suite.double();
  });
  after(() => diagnostics.dispose());

  it('@problems sends the current file’s diagnostics with their lines; the workspace’s leave out excluded files', async () => {
    const editor = await openWorkspaceFile('broken.data', 'a = 1\ntotal: number = "many"\nend\n');
    const secret = vscode.Uri.file(path.join(folder, '.env.problems'));
    writeFileSync(secret.fsPath, 'TOKEN=1\n');
    diagnostics.set(editor.document.uri, [
      Object.assign(new vscode.Diagnostic(new vscode.Range(1, 0, 1, 5), 'total must be a number, not a string.'), {
        source: 'data-lint',
        code: 42,
      }),
    ]);
    diagnostics.set(secret, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 5), 'SECRET_PROBLEM in TOKEN=1')]);

    const question = await askWith('problems');
    assert.match(
      question,
      /`problems in broken\.data`:\n```\nbroken\.data:2:1 error \(data-lint 42\): total must be a number, not a string\.\n {4}2 \| total: number = "many"\n```/,
    );
    assert.match(question, /What is wrong here\?$/);

    await double.client.reset();
    await double.client.setModel('phi4', { loaded: true });
    const workspace = await askWith('workspaceProblems');
    assert.match(workspace, /broken\.data:2:1 error \(data-lint 42\)/);
    assert.doesNotMatch(workspace, /SECRET_PROBLEM|\.env\.problems/);
    diagnostics.clear();
  });

  it('@problems with none attaches nothing', async () => {
    await openWorkspaceFile('clean.ts', 'export const ok = true;\n');
    const question = await askWith('problems');
    assert.equal(question, 'What is wrong here?');
  });

  describe('@diff with a real git repository', () => {
    const root = path.join(folder, 'diff-repo');
    before(async function () {
      this.timeout(60_000);
      makeRepository(root);
      await openGitRepository(root);
    });
    after(() => closeGitRepository(root));

    it('sends the unstaged or the staged diff, never an excluded file', async () => {
      writeFileSync(path.join(root, 'greet.ts'), 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n');
      writeFileSync(path.join(root, '.env'), 'TOKEN=leaked-token\n');
      writeFileSync(path.join(root, 'port.ts'), 'export const port = 9090;\n');
      execFileSync('git', ['add', 'port.ts'], { cwd: root });
      await openWorkspaceFile('diff-repo/greet.ts', 'export function greet(name: string) {\n  return `hi ${name}`;\n}\n');

      const unstaged = await askWith('diff');
      assert.match(unstaged, /`unstaged changes \(git diff\)`:\n```diff\ndiff --git a\/greet\.ts b\/greet\.ts/);
      assert.match(unstaged, /\+ {2}return `hi \$\{name\}`;/);
      assert.doesNotMatch(unstaged, /9090/, 'staged changes are not in the unstaged diff');
      assert.doesNotMatch(unstaged, /leaked-token|a\/\.env/);
      assert.match(unstaged, /\(1 excluded file\(s\) left out\)/);

      await double.client.reset();
      await double.client.setModel('phi4', { loaded: true });
      const staged = await askWith('stagedDiff');
      assert.match(staged, /`staged changes \(git diff --cached\)`:\n```diff\n/);
      assert.match(staged, /\+export const port = 9090;/);
      assert.doesNotMatch(staged, /hi \$\{name\}/);
      execFileSync('git', ['reset', '-q'], { cwd: root });
    });
  });

  describe('@terminal through shell integration', () => {
    let terminal: vscode.Terminal;
    before(async function () {
      this.timeout(60_000);
      terminal = vscode.window.createTerminal({ name: 'phi-test', shellPath: '/bin/bash', cwd: folder });
      terminal.show();
      await waitFor(() => terminal.shellIntegration, 'shell integration in a bash terminal', 30_000);
    });
    after(() => terminal.dispose());

    /** Runs `command` in the terminal and waits until it has ended. */
    async function run(command: string): Promise<void> {
      const integration = terminal.shellIntegration;
      assert.ok(integration);
      const ended = new Promise<void>((resolve) => {
        const listener = vscode.window.onDidEndTerminalShellExecution((event) => {
          if (event.terminal === terminal) {
            listener.dispose();
            resolve();
          }
        });
      });
      integration.executeCommand(command);
      await ended;
    }

    it('sends the last command, its exit code and its output without escape sequences', async () => {
      // A fresh terminal on a busy machine may not stream the first command's output yet: run it again then.
      let question: string | undefined;
      for (let attempt = 0; attempt < 3 && !question; attempt++) {
        await run('printf "\\033[31mphi-%s\\033[0m\\n" $((40+2)); false');
        question = await waitFor(
          async () => {
            await double.client.reset();
            await double.client.setModel('phi4', { loaded: true });
            const sent = await askWith('terminal');
            return sent.includes('phi-42') && sent;
          },
          'the command output in the question',
          8000,
        ).catch(() => undefined);
      }
      assert.ok(question, 'the command output in the question after three runs');
      assert.match(question, /`terminal: phi-test`:\n```console\n\$ printf .*; false\n\(exit code 1(, in [^)]*)?\)\nphi-42\n```/);
      assert.ok(!question.includes('\u001b'), 'no escape sequences');
    });

    it('does not send the output of a command that printed an excluded file', async () => {
      writeFileSync(path.join(folder, '.env.shown'), 'API_KEY=terminal-secret\n');
      await run('cat .env.shown');
      await double.client.reset();
      await double.client.setModel('phi4', { loaded: true });
      const question = await askWith('terminal');
      assert.equal(question, 'What is wrong here?');
      // The next command's output goes again.
      await run('echo visible-again');
      const next = await waitFor(async () => {
        await double.client.reset();
        await double.client.setModel('phi4', { loaded: true });
        const sent = await askWith('terminal');
        return sent.includes('visible-again') && sent;
      }, 'the next command in the question');
      assert.doesNotMatch(next, /terminal-secret/);
    });
  });
});
