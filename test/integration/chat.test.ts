import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PhiLocalApi } from '../../src/extension';
import { chatRequests, connectTo, freshDouble, startDouble, waitFor, type RunningDouble } from './helpers';

const chats = chatRequests;

/**
 * The chat reads the editor's selection a moment after it changes (it follows the cursor with a short delay);
 * the view's "ready" message makes it read it now, as when the view opens.
 */
async function selectionRead(phi: PhiLocalApi): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  await phi.chatView.receive({ type: 'webview/ready' });
}

describe('Sidebar chat in a real VS Code', () => {
  let double: RunningDouble;
  let phi: PhiLocalApi;

  before(async () => {
    double = await startDouble();
    phi = await connectTo(double.url);
    await vscode.commands.executeCommand('phiLocal.chat.focus');
    await waitFor(() => phi.chatView.resolved, 'the chat view');
  });
  after(async () => {
    await double.stop();
  });
  beforeEach(async () => {
    await freshDouble(double);
    await vscode.commands.executeCommand('phiLocal.newChat');
  });

  it('streams the answer of a question sent from the view', async () => {
    await double.client.reply({
      match: { endpoint: 'chat' },
      text: 'Use `Array.prototype.sort`:\n\n```ts\nitems.sort((a, b) => a - b);\n```\n',
      pacing: { tokensPerSecond: 200 },
    });
    assert.equal(await phi.chatView.receive({ type: 'chat/send', text: 'How do I sort numbers?' }), true);
    const request = (await chats(double))[0];
    // Streamed: the double sent the answer in many chunks and saw the request through to the end.
    assert.ok(request.chunksSent >= 5, `${request.chunksSent} chunks`);
    assert.ok(request.completed && !request.disconnected);
    const body = request.body as { model: string; messages: { role: string; content: string }[]; options: { num_ctx: number } };
    assert.equal(body.model, 'phi4');
    assert.deepEqual(
      body.messages.map((m) => m.role),
      ['system', 'user'],
    );
    assert.equal(body.messages[1].content, 'How do I sort numbers?');
    assert.equal(body.options.num_ctx, 8192);
    const stored = phi.openChatStore().current.messages;
    assert.equal(stored.at(-1)?.content, 'Use `Array.prototype.sort`:\n\n```ts\nitems.sort((a, b) => a - b);\n```\n');
    assert.equal(stored.at(-1)?.status, 'done');
    // The readout under the answer comes from Ollama's final stats.
    const stats = stored.at(-1)?.stats;
    assert.equal(stats?.promptTokens, request.promptEvalCount);
    assert.ok((stats?.tokensPerSecond ?? 0) > 0, `speed ${stats?.tokensPerSecond}`);
    assert.ok((stats?.firstTokenMs ?? -1) >= 0);
    const use = phi.chatView.contextUse();
    assert.ok(use.used > 30 && use.budget === 8192 - 1024, `${use.used} of ${use.budget}`);
  });

  it('two quick sends make one question and one answer (the second waits for none)', async () => {
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'One answer.', pacing: { tokensPerSecond: 50 } });
    const first = phi.chatView.receive({ type: 'chat/send', text: 'First question?' });
    const second = phi.chatView.receive({ type: 'chat/send', text: 'Second question?' });
    await Promise.all([first, second]);
    await waitFor(() => phi.openChatStore().current.messages.at(-1)?.status === 'done', 'the answer');
    const questions = phi
      .openChatStore()
      .current.messages.filter((m) => m.role === 'user')
      .map((m) => m.content);
    assert.deepEqual(questions, ['First question?']);
    assert.equal((await chats(double)).length, 1, 'one request to the model');
  });

  it('Stop closes the request at Ollama and keeps the partial answer, marked stopped', async () => {
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'word '.repeat(400), pacing: { tokensPerSecond: 40 } });
    const sending = phi.chatView.receive({ type: 'chat/send', text: 'Write a lot' });
    await waitFor(async () => ((await chats(double))[0]?.chunksSent ?? 0) >= 5, 'some streamed words');
    assert.equal(await vscode.commands.executeCommand('phiLocal.stopAnswer'), true);
    await sending;
    await waitFor(async () => (await chats(double))[0].disconnected, 'the request to be closed');
    const record = (await chats(double))[0];
    assert.ok(record.evalCount < 400, `the double generated ${record.evalCount} of 400 words`);
    const answer = phi.openChatStore().current.messages.at(-1);
    assert.equal(answer?.status, 'stopped');
    assert.match(answer?.content ?? '', /^(word )+/);
    assert.ok(phi.statusBar.view.text.includes('phi4'));
  });

  it('keeps the history when the view is hidden and when the window reloads', async () => {
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'Remembered answer.' });
    await phi.chatView.receive({ type: 'chat/send', text: 'Remember me' });
    const id = phi.openChatStore().current.id;
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor(() => !phi.chatView.resolved, 'the view to be disposed when hidden', 5000).catch(() => undefined);
    await vscode.commands.executeCommand('phiLocal.chat.focus');
    await waitFor(() => phi.chatView.resolved, 'the view to come back');
    const reloaded = phi.openChatStore();
    assert.equal(reloaded.current.id, id);
    assert.deepEqual(
      reloaded.current.messages.map((m) => m.content),
      ['Remember me', 'Remembered answer.'],
    );
    assert.ok(reloaded.all.some((c) => c.title === 'Remember me'));
    // Restoring from the history list, renaming and deleting.
    await vscode.commands.executeCommand('phiLocal.newChat');
    assert.notEqual(phi.openChatStore().current.id, id);
    await phi.chatView.receive({ type: 'history/restore', id });
    assert.equal(phi.openChatStore().current.id, id);
    await phi.chatView.receive({ type: 'history/rename', id, title: 'Renamed chat' });
    assert.equal(phi.openChatStore().get(id)?.title, 'Renamed chat');
    await phi.chatView.receive({ type: 'history/delete', id });
    assert.equal(phi.openChatStore().get(id), undefined);
  });

  it('finds earlier chats by what was asked or answered', async () => {
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'Two **steps**.' });
    await phi.chatView.receive({ type: 'chat/send', text: 'Count the steps' });
    const id = phi.openChatStore().current.id;
    assert.deepEqual(phi.chatView.search('two STEPS'), [id]);
    assert.ok(phi.chatView.search('').includes(id));
    assert.deepEqual(phi.chatView.search('no such words anywhere'), []);
    assert.equal(await phi.chatView.receive({ type: 'history/search', query: 'steps' }), true);
  });

  it('exports the conversation as Markdown', async () => {
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'Use `xs.sort((a, b) => a - b)`.' });
    await phi.chatView.receive({ type: 'chat/send', text: 'How do I sort numbers?' });
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const target = vscode.Uri.joinPath(folder, 'exported-chat.md');
    const written = (await vscode.commands.executeCommand('phiLocal.exportChat', target)) as vscode.Uri;
    assert.equal(written.toString(), target.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(
      text,
      /^# How do I sort numbers\?\n\n_.+_\n\n## You\n\nHow do I sort numbers\?\n\n## Phi Local\n\nUse `xs\.sort\(\(a, b\) => a - b\)`\.\n$/,
    );
    await vscode.workspace.fs.delete(target);
  });

  it('continues the conversation with its history', async () => {
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'First answer.' });
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'Second answer.' });
    await phi.chatView.receive({ type: 'chat/send', text: 'First question' });
    await phi.chatView.receive({ type: 'chat/send', text: 'Second question' });
    const body = (await chats(double))[1].body as { messages: { role: string; content: string }[] };
    assert.deepEqual(body.messages.map((m) => m.content).slice(1), ['First question', 'First answer.', 'Second question']);
  });

  it('shows an error inline with the fitting actions, and Retry asks again', async () => {
    await double.client.setModel('phi4', { present: false });
    await phi.chatView.receive({ type: 'chat/send', text: 'Hello?' });
    const failed = phi.openChatStore().current.messages.at(-1);
    assert.equal(failed?.status, 'error');
    assert.deepEqual(failed?.error?.actions, ['pullModel', 'selectModel', 'retry']);
    assert.match(failed?.error?.message ?? '', /not installed/);
    await double.client.setModel('phi4', { present: true, loaded: true });
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'Now it works.' });
    await phi.chatView.receive({ type: 'chat/retry' });
    const messages = phi.openChatStore().current.messages;
    assert.deepEqual(
      messages.map((m) => m.content),
      ['Hello?', 'Now it works.'],
    );
  });

  it('attaches the selection as context and posts Explain-style questions into the view', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const uri = vscode.Uri.joinPath(folder, 'chat-context.ts');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('export function double(x: number) {\n  return x * 2;\n}\n'));
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(0, 0, 2, 1);
    await selectionRead(phi);
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'It doubles x.' });
    await phi.chatView.receive({ type: 'chat/send', text: 'What does this do?' });
    const body = (await chats(double))[0].body as { messages: { content: string }[] };
    assert.match(
      body.messages.at(-1)?.content ?? '',
      /`chat-context\.ts:1-3`:\n```typescript\nexport function double\(x: number\) \{\n {2}return x \* 2;\n\}\n```\n\nWhat does this do\?/,
    );
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'Explained.' });
    await phi.chatView.ask('Explain this code.', [{ label: 'x.ts:1-1', language: 'typescript', text: 'let y = 1;' }]);
    const explain = (await chats(double))[1].body as { messages: { content: string }[] };
    assert.match(explain.messages.at(-1)?.content ?? '', /let y = 1;[\s\S]*Explain this code\./);
  });

  it('Focus Chat Input (Ctrl+Alt+L) attaches the selection at once', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const uri = vscode.Uri.joinPath(folder, 'focus-chat.ts');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('export const half = (x: number) => x / 2;\n'));
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(0, 0, 0, 41);
    await vscode.commands.executeCommand('phiLocal.focusChat');
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'It halves x.' });
    await phi.chatView.receive({ type: 'chat/send', text: 'Explain' });
    const body = (await chats(double))[0].body as { messages: { content: string }[] };
    assert.match(
      body.messages.at(-1)?.content ?? '',
      /`focus-chat\.ts:1-1`:\n```typescript\nexport const half = \(x: number\) => x \/ 2;\n```\n\nExplain$/,
    );
  });

  it('asks Ollama whether the model is loaded while an answer waits for it (the view then says "Loading phi4…")', async () => {
    await double.client.setModel('phi4', { loaded: false });
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'Loaded and answering.', pacing: { loadMs: 1500 } });
    const before = (await double.client.requests()).length;
    await phi.chatView.receive({ type: 'chat/send', text: 'Are you there?' });
    const paths = (await double.client.requests()).slice(before).map((r) => r.path);
    assert.ok(paths.includes('/api/chat') && paths.includes('/api/ps'), paths.join(' '));
    assert.equal(phi.openChatStore().current.messages.at(-1)?.content, 'Loaded and answering.');
  });

  it('drops invalid messages from the webview', async () => {
    assert.equal(await phi.chatView.receive({ type: 'chat/send', text: 42 }), false);
    assert.equal(await phi.chatView.receive({ type: 'link/open', href: 'javascript:alert(1)', extra: true }), false);
    assert.equal(await phi.chatView.receive({ type: 'action/run', action: 'rm -rf' }), false);
    assert.equal((await chats(double)).length, 0);
  });

  it('Apply opens a diff and Accept replaces the selection in one undo step', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const uri = vscode.Uri.joinPath(folder, 'apply.ts');
    const original = 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 2;\n}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(4, 0, 6, 1);
    await selectionRead(phi);
    await phi.chatView.receive({ type: 'code/apply', code: 'function b() {\n  return 2 * 21;\n}', language: 'ts' });
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'phi-local-proposal', 'the diff to open');
    assert.equal(await vscode.commands.executeCommand('phiLocal.acceptProposal'), true);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(), original.replace('return 2;', 'return 2 * 21;'));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
  });
});
