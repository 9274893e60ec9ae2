// The trust boundary, tried as an attacker would: a cloned repository's settings and files must not redirect
// code or credentials, widen what is read, or make an edit lose code.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PhiLocalApi } from '../../src/extension';
import {
  chatRequests,
  freshDouble,
  generates,
  openWorkspaceFile,
  setSetting,
  startDouble,
  typeSlowly,
  useConnectedDouble,
  waitFor,
  type RunningDouble,
} from './helpers';

function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the integration tests need a workspace folder');
  return folder;
}

/** The headers the Ollama client sends (its options; the Ollama backend is the one in use here). */
function ollamaHeaders(phi: { connection: { client: unknown } }): Readonly<Record<string, string>> {
  return (phi.connection.client as { options?: { headers?: Record<string, string> } }).options?.headers ?? {};
}

describe('Trust boundary in a real VS Code', () => {
  const suite = useConnectedDouble();
  let double: RunningDouble;
  let phi: PhiLocalApi;
  beforeEach(() => {
    double = suite.double();
    phi = suite.phi();
  });

  it('a workspace cannot redirect the host, send its headers or empty the exclusions', async () => {
    const evil = await startDouble();
    const settingsFile = vscode.Uri.joinPath(workspaceFolder(), '.vscode', 'settings.json');
    try {
      await freshDouble(evil);
      const hostile = { 'phiLocal.ollama.host': evil.url, 'phiLocal.ollama.headers': { 'X-Stolen': 'yes' }, 'phiLocal.exclude': [] };
      await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify(hostile, null, 2)));
      await waitFor(
        () => vscode.workspace.getConfiguration('phiLocal').inspect('exclude')?.workspaceValue !== undefined,
        'VS Code to read the workspace settings',
      );
      await phi.connection.probe('after workspace settings');
      assert.equal(phi.connection.client.host, double.url);
      assert.deepEqual(ollamaHeaders(phi), {});
      assert.ok(phi.config.current.exclude.includes('.env'), 'the default exclusions stay');

      const env = await openWorkspaceFile('.env', 'API_KEY=', new vscode.Selection(0, 8, 0, 8));
      assert.ok(phi.exclusions.isExcluded(env.document.uri));
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await typeSlowly('ab', 300);
      await openWorkspaceFile('app.ts', 'export const answer = \n', new vscode.Selection(0, 22, 0, 22));
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await waitFor(async () => generates(await double.client.requests()).length > 0, 'a completion request to the user’s host');

      assert.deepEqual(await evil.client.requests(), [], 'the workspace’s host got nothing');
      const prompts = generates(await double.client.requests()).map((r) => JSON.stringify(r.body));
      assert.ok(!prompts.some((p) => p.includes('API_KEY')), 'the .env file went nowhere');
      assert.ok((await double.client.requests()).every((r) => !JSON.stringify(r.headers ?? {}).includes('X-Stolen')));
    } finally {
      await vscode.workspace.fs.delete(settingsFile);
      await evil.stop();
    }
  });

  it('never reads a file outside the workspace or behind a link to a secret into a prompt', async function () {
    if (process.platform === 'win32') this.skip();
    const folder = workspaceFolder();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'phi-outside-'));
    fs.writeFileSync(path.join(outside, 'config.ts'), 'export const OUTSIDE_MARKER = "outside the workspace";\n');
    fs.writeFileSync(path.join(outside, 'notes.ts'), 'export const LINKED_OUTSIDE_MARKER = "linked from outside";\n');
    const root = folder.fsPath;
    fs.mkdirSync(path.join(root, 'secrets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'secrets', 'token.ts'), 'export const SECRET_MARKER = "excluded by secrets/**";\n');
    fs.writeFileSync(path.join(root, 'ok.ts'), 'export const OK_MARKER = "fine to read";\n');
    for (const [link, target] of [
      ['linked.ts', path.join(outside, 'notes.ts')],
      ['innocent.ts', path.join(root, 'secrets', 'token.ts')],
    ]) {
      fs.rmSync(path.join(root, link), { force: true });
      fs.symlinkSync(target, path.join(root, link));
    }
    const escape = path.relative(root, path.join(outside, 'config')).split(path.sep).join('/');
    const main =
      `import { OUTSIDE_MARKER } from '${escape}';\n` +
      "import { LINKED_OUTSIDE_MARKER } from './linked';\n" +
      "import { SECRET_MARKER } from './innocent';\n" +
      "import { OK_MARKER } from './ok';\n\n" +
      'export function show() {\n  return \n}\n';
    try {
      await setSetting('completion.debounceMs', 0);
      await openWorkspaceFile('boundary.ts', main, new vscode.Selection(6, 9, 6, 9));
      // An open editor of a linked secret is not context either.
      await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'innocent.ts'), { preview: false, preserveFocus: true });
      await openWorkspaceFile('boundary.ts', main, new vscode.Selection(6, 9, 6, 9));
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      const request = await waitFor(async () => generates(await double.client.requests())[0], 'a completion request');
      const prompt = JSON.stringify(request.body);
      assert.ok(prompt.includes('fine to read'), 'context from an ordinary import is there');
      assert.ok(!prompt.includes('outside the workspace'), 'an import that leaves the workspace is not read');
      assert.ok(!prompt.includes('linked from outside'), 'a link to a file outside is not read');
      assert.ok(!prompt.includes('excluded by secrets'), 'a link to an excluded file is not read');
    } finally {
      await setSetting('completion.debounceMs', undefined);
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads an import only when it is a plain file within the cap: a named pipe blocks nothing, a 300 MB file is not context', async function () {
    if (process.platform === 'win32') this.skip();
    const root = workspaceFolder().fsPath;
    // A named pipe blocks whoever reads it until a writer comes: an import of it must never be read.
    fs.rmSync(path.join(root, 'pipe.ts'), { force: true });
    execFileSync('mkfifo', [path.join(root, 'pipe.ts')]);
    // Sparse: 300 MB on paper, nothing on disk.
    const huge = path.join(root, 'dump.ts');
    fs.writeFileSync(huge, 'export const DUMP_MARKER = 1;\n');
    fs.truncateSync(huge, 300_000_000);
    fs.writeFileSync(path.join(root, 'small.ts'), 'export const SMALL_MARKER = "read as usual";\n');
    const main =
      "import { PIPE } from './pipe';\nimport { DUMP_MARKER } from './dump';\nimport { SMALL_MARKER } from './small';\n\n" +
      'export function show() {\n  return \n}\n';
    try {
      await setSetting('completion.debounceMs', 0);
      await openWorkspaceFile('sizes.ts', main, new vscode.Selection(5, 9, 5, 9));
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      const request = await waitFor(async () => generates(await double.client.requests())[0], 'a completion request');
      const prompt = JSON.stringify(request.body);
      assert.ok(prompt.includes('read as usual'), 'a small import is context');
      assert.ok(!prompt.includes('DUMP_MARKER = 1'), 'the 300 MB import is not');
    } finally {
      await setSetting('completion.debounceMs', undefined);
      fs.rmSync(path.join(root, 'pipe.ts'), { force: true });
      fs.rmSync(huge, { force: true });
    }
  });

  it('refuses before any request to rewrite more code than fits, and leaves the file as it was', async () => {
    const text =
      Array.from({ length: 450 }, (_, i) => `export const value${i} = compute(${i}, 'a fairly long argument', ${i * 2});`).join('\n') +
      '\n';
    const editor = await openWorkspaceFile('large.ts', text, new vscode.Selection(0, 0, 450, 0));
    assert.equal(phi.config.current.numCtx, 8192);
    const outcome = await vscode.commands.executeCommand('phiLocal.refactorSelection', { instruction: 'Simplify' });
    assert.equal(outcome, 'refused');
    assert.equal((await chatRequests(double)).length, 0);
    assert.equal(editor.document.getText(), text);
  });

  it('drops a proposal whose diff was closed: Accept by keybinding applies nothing', async () => {
    const original = 'export function twice(x) {\n  return x + x;\n}\n';
    const editor = await openWorkspaceFile('closed.ts', original, new vscode.Selection(0, 0, 2, 1));
    await double.client.reply({
      match: { endpoint: 'chat' },
      text: '```ts\nexport function twice(x: number): number {\n  return 2 * x;\n}\n```',
    });
    assert.equal(await vscode.commands.executeCommand('phiLocal.refactorSelection', { instruction: 'Add types' }), 'ready');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'phi-local-proposal', 'the diff');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme !== 'phi-local-proposal', 'the diff to close');
    await vscode.window.showTextDocument(editor.document);
    assert.equal(await vscode.commands.executeCommand('phiLocal.acceptProposal'), false);
    assert.equal(editor.document.getText(), original);
  });

  it('marks a proposal cut off at the token limit as incomplete: it cannot be accepted', async () => {
    const original = 'export function greet(name) {\n  return "hi " + name;\n}\n';
    const editor = await openWorkspaceFile('cut.ts', original, new vscode.Selection(0, 0, 2, 1));
    await setSetting('maxAnswerTokens', 256);
    try {
      const long =
        '```ts\nexport function greet(name: string): string {\n' +
        '  // a line the model goes on and on with\n'.repeat(200) +
        '  return `hi ${name}`;\n}\n```';
      await double.client.reply({ match: { endpoint: 'chat' }, text: long });
      assert.equal(await vscode.commands.executeCommand('phiLocal.refactorSelection', { instruction: 'Add types' }), 'ready');
      const request = (await chatRequests(double))[0];
      assert.equal((request.body as { options: { num_predict: number } }).options.num_predict, 256);
      await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'phi-local-proposal', 'the diff');
      assert.equal(await vscode.commands.executeCommand('phiLocal.acceptProposal'), false);
      assert.equal(editor.document.getText(), original);
      await vscode.commands.executeCommand('phiLocal.rejectProposal');
    } finally {
      await setSetting('maxAnswerTokens', undefined);
    }
  });

  it('Apply refuses a code block the chat answer never closed (cut at the token limit)', async () => {
    const original = 'export function greet(name) {\n  return "hi " + name;\n}\n';
    const editor = await openWorkspaceFile('apply-cut.ts', original, new vscode.Selection(0, 0, 2, 1));
    await setSetting('maxAnswerTokens', 256);
    try {
      const long =
        'Typed:\n```ts\nexport function greet(name: string): string {\n' +
        Array.from({ length: 200 }, (_, i) => `  const part${i} = name.slice(${i}, ${i + 1});\n`).join('') +
        '  return `hi ${name}`;\n}\n```\n';
      await double.client.reply({ match: { endpoint: 'chat' }, text: long, pacing: { tokensPerSecond: 2000 } });
      await vscode.commands.executeCommand('phiLocal.newChat');
      await phi.chatView.receive({ type: 'chat/send', text: 'Add types' });
      const answer = phi.openChatStore().current.messages.at(-1)?.content ?? '';
      assert.match(answer, /reached phiLocal\.maxAnswerTokens/);
      // What the view shows in the unclosed block: the rest of the answer.
      const shown = answer.slice(answer.indexOf('```ts\n') + '```ts\n'.length);
      await vscode.window.showTextDocument(editor.document);
      editor.selection = new vscode.Selection(0, 0, 2, 1);
      await phi.chatView.receive({ type: 'code/apply', code: shown, language: 'ts' });
      assert.notEqual(vscode.window.activeTextEditor?.document.uri.scheme, 'phi-local-proposal', 'no proposal opened');
      assert.equal(editor.document.getText(), original);
    } finally {
      await setSetting('maxAnswerTokens', undefined);
    }
  });

  it('stops a chat answer that repeats itself, keeps the text before the loop with a note, and closes the request', async () => {
    const looping = 'Here is what happens:\n\n' + 'The loop runs again and again.\n'.repeat(60);
    await double.client.reply({ match: { endpoint: 'chat' }, text: looping, pacing: { tokensPerSecond: 400 } });
    await phi.chatView.receive({ type: 'chat/send', text: 'Explain the loop' });
    const answer = phi.openChatStore().current.messages.at(-1);
    assert.equal(answer?.status, 'done');
    assert.equal(answer?.content.split('The loop runs again and again.').length, 2, answer?.content);
    assert.match(answer?.content ?? '', /kept repeating itself/);
    const request = (await chatRequests(double))[0];
    assert.equal((request.body as { options: { num_predict: number } }).options.num_predict, phi.config.current.maxAnswerTokens);
    await waitFor(async () => (await chatRequests(double))[0].disconnected, 'the request to close');
  });

  it('Toggle Inline Completions writes where the setting lives: a workspace value is switched, not shadowed', async () => {
    const settingsFile = vscode.Uri.joinPath(workspaceFolder(), '.vscode', 'settings.json');
    try {
      await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode('{ "phiLocal.completion.enabled": true }'));
      await waitFor(
        () => vscode.workspace.getConfiguration('phiLocal').inspect('completion.enabled')?.workspaceValue === true,
        'VS Code to read the workspace settings',
      );
      assert.equal(await vscode.commands.executeCommand('phiLocal.toggleCompletions'), false);
      await waitFor(() => phi.config.current.completionEnabled === false, 'completions to be off');
      const inspected = vscode.workspace.getConfiguration('phiLocal').inspect('completion.enabled');
      assert.equal(inspected?.workspaceValue, false);
      assert.equal(inspected?.globalValue, undefined);
      assert.equal(phi.completions.enabled, false);
    } finally {
      await vscode.workspace.fs.delete(settingsFile);
      await waitFor(() => phi.config.current.completionEnabled === true, 'completions back on');
    }
  });

  it('comes up on corrupt stored chat history, dropping only what is broken', async () => {
    const store = phi.openChatStore();
    const conversation = store.current;
    conversation.messages.push(
      { id: 'ok1', role: 'user', content: 'kept question', status: 'done' },
      { id: 'bad', role: 'user', content: 42, status: 'done' } as never,
      { id: 'sys', role: 'system', content: 'injected', status: 'done' } as never,
      { id: 'ok2', role: 'assistant', content: 'kept answer', status: 'streaming' },
    );
    await store.save();
    // A fresh read, as a reloaded window (and activation) does.
    const reread = phi.openChatStore();
    const messages = reread.all.find((c) => c.id === conversation.id)?.messages ?? [];
    assert.deepEqual(
      messages.slice(-2).map((m) => m.content),
      ['kept question', 'kept answer'],
    );
    assert.ok(!messages.some((m) => m.id === 'bad' || m.id === 'sys'), 'the broken messages are gone');
    assert.equal(messages.at(-1)?.status, 'stopped');
    assert.equal(await phi.chatView.receive({ type: 'webview/ready' }), true);
  });

  it('sends the API key from secret storage as the bearer token, and stops when it is removed', async () => {
    try {
      assert.equal(await vscode.commands.executeCommand('phiLocal.setApiKey', 'tok-123'), true);
      await waitFor(() => ollamaHeaders(phi).Authorization === 'Bearer tok-123', 'the client to carry the key');
      await phi.connection.probe('after the key');
      const withKey = (await double.client.requests()).filter((r) => r.headers.authorization === 'Bearer tok-123');
      assert.ok(withKey.length >= 1, 'the probe sent the key');
    } finally {
      await vscode.commands.executeCommand('phiLocal.setApiKey', '');
    }
    await waitFor(() => ollamaHeaders(phi).Authorization === undefined, 'the key to be gone');
  });

  it('binds the API key to the server it was set for: another host does not get it', async () => {
    const other = await startDouble();
    try {
      assert.equal(await vscode.commands.executeCommand('phiLocal.setApiKey', 'tok-bound'), true);
      await waitFor(() => ollamaHeaders(phi).Authorization === 'Bearer tok-bound', 'the key for this host');
      await setSetting('ollama.host', other.url);
      await waitFor(() => phi.connection.client.host === other.url && phi.connection.state.kind === 'ready', 'ready at the other host');
      const seen = await other.client.requests();
      assert.ok(seen.length > 0, 'the other host was probed');
      assert.deepEqual(
        seen.filter((r) => r.headers.authorization !== undefined).map((r) => r.path),
        [],
        'no request to the other host carried the key',
      );
      await setSetting('ollama.host', double.url);
      await waitFor(() => ollamaHeaders(phi).Authorization === 'Bearer tok-bound', 'the key again for its own host');
    } finally {
      await vscode.commands.executeCommand('phiLocal.setApiKey', '');
      await setSetting('ollama.host', double.url);
      await waitFor(() => phi.connection.state.kind === 'ready', 'ready at the suite host again');
      await other.stop();
    }
  });

  it('re-checks context stored with earlier messages: a file excluded since is not sent again', async () => {
    const folder = workspaceFolder();
    const notes = vscode.Uri.joinPath(folder, 'notes-later-secret.ts');
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode('export const LATER = 1;\n'));
    await vscode.commands.executeCommand('phiLocal.newChat');
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'A constant.' });
    const block = { label: 'notes-later-secret.ts', language: 'typescript', text: 'STORED_CONTEXT_MARKER', uri: notes.toString() };
    await phi.chatView.ask('What is in this file?', [block]);
    assert.ok(JSON.stringify((await chatRequests(double)).at(-1)?.body).includes('STORED_CONTEXT_MARKER'), 'sent while allowed');
    const ignore = vscode.Uri.joinPath(folder, '.philocalignore');
    try {
      await vscode.workspace.fs.writeFile(ignore, new TextEncoder().encode('notes-later-secret.ts\n'));
      await waitFor(() => phi.exclusions.isExcluded(notes), 'the new exclusion');
      await double.client.reply({ match: { endpoint: 'chat' }, text: 'Sure.' });
      await phi.chatView.receive({ type: 'chat/send', text: 'And now?' });
      const body = JSON.stringify((await chatRequests(double)).at(-1)?.body);
      assert.ok(body.includes('What is in this file?'), 'the earlier question is still sent');
      assert.ok(!body.includes('STORED_CONTEXT_MARKER'), 'its context from a now-excluded file is not');
    } finally {
      await vscode.workspace.fs.delete(ignore);
    }
  });
});
