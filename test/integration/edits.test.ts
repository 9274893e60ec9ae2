import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PhiLocalApi } from '../../src/extension';
import { chatRequests, openWorkspaceFile, useConnectedDouble, waitFor, type RunningDouble } from './helpers';

const ORIGINAL =
  'export function total(prices) {\n  let sum = 0;\n  for (let i = 0; i < prices.length; i++) {\n    sum += prices[i];\n  }\n  return sum;\n}\n\nexport const unchanged = 1;\n';
const REWRITE = 'export function total(prices: number[]): number {\n  return prices.reduce((sum, price) => sum + price, 0);\n}';

const chats = chatRequests;

const open = (name: string, text: string, selection?: vscode.Selection) => openWorkspaceFile(name, text, selection);

describe('Explain and refactor selection in a real VS Code', () => {
  const suite = useConnectedDouble();
  let double: RunningDouble;
  let phi: PhiLocalApi;
  beforeEach(() => {
    double = suite.double();
    phi = suite.phi();
  });

  it('explain posts a streamed answer into the chat view, with the selection and its file', async () => {
    await open('explain.js', ORIGINAL, new vscode.Selection(0, 0, 6, 1));
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'It adds up the prices.' });
    assert.equal(await vscode.commands.executeCommand('phiLocal.explainSelection'), 'ready');
    await waitFor(() => phi.openChatStore().current.messages.at(-1)?.status === 'done', 'the explanation');
    assert.equal(phi.openChatStore().current.messages.at(-1)?.content, 'It adds up the prices.');
    const body = (await chats(double))[0].body as { messages: { content: string }[] };
    const question = body.messages.at(-1)?.content ?? '';
    assert.match(question, /`explain\.js:1-7`:\n```javascript\nexport function total\(prices\)/);
    assert.match(question, /Explain what the code in `explain\.js:1-7` \(javascript\) does/);
  });

  it('refactor streams into a diff; Accept replaces exactly the range and one undo restores it', async () => {
    const editor = await open('refactor.ts', ORIGINAL, new vscode.Selection(0, 0, 6, 1));
    await double.client.reply({
      match: { endpoint: 'chat' },
      text: `Here is a cleaner version:\n\n\`\`\`ts\n${REWRITE}\n\`\`\`\n\nIt uses reduce instead of a loop.`,
      pacing: { tokensPerSecond: 300 },
    });
    assert.equal(await vscode.commands.executeCommand('phiLocal.refactorSelection', { instruction: 'Add types' }), 'ready');
    const active = vscode.window.activeTextEditor?.document;
    assert.equal(active?.uri.scheme, 'phi-local-proposal');
    await waitFor(() => active?.getText() === ORIGINAL.replace(/^[\s\S]*?\n}\n/, `${REWRITE}\n`), 'the diff to show the whole proposal');
    assert.equal(await vscode.commands.executeCommand('phiLocal.acceptProposal'), true);
    assert.equal(
      editor.document.getText(),
      ORIGINAL.replace(/^[\s\S]*?\n}\n/, `${REWRITE}\n`),
      'only the code of the reply, in place of the range',
    );
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), ORIGINAL);
    const body = (await chats(double))[0].body as { messages: { content: string }[] };
    assert.match(body.messages.at(-1)?.content ?? '', /Rewrite the code: Add types\./);
  });

  it('Reject leaves the document unchanged', async () => {
    const editor = await open('reject.ts', ORIGINAL, new vscode.Selection(0, 0, 6, 1));
    await double.client.reply({ match: { endpoint: 'chat' }, text: `\`\`\`ts\n${REWRITE}\n\`\`\`` });
    assert.equal(await vscode.commands.executeCommand('phiLocal.refactorSelection', { instruction: 'Simplify' }), 'ready');
    await vscode.commands.executeCommand('phiLocal.rejectProposal');
    assert.equal(editor.document.getText(), ORIGINAL);
    assert.ok(
      !vscode.window.tabGroups.all.some((g) =>
        g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'phi-local-proposal'),
      ),
      'the diff is closed',
    );
  });

  it('Accept refuses when the original range was edited during generation, and nothing is lost', async () => {
    const editor = await open('edited.ts', ORIGINAL, new vscode.Selection(0, 0, 6, 1));
    await double.client.reply({ match: { endpoint: 'chat' }, text: `\`\`\`ts\n${REWRITE}\n\`\`\``, pacing: { ttftMs: 600 } });
    const pending = vscode.commands.executeCommand('phiLocal.refactorSelection', { instruction: 'Simplify' });
    await waitFor(async () => (await chats(double)).length === 1, 'the request');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(1, 0), '  // my own edit\n');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(await pending, 'ready');
    assert.equal(await vscode.commands.executeCommand('phiLocal.acceptProposal'), false);
    assert.match(editor.document.getText(), /\/\/ my own edit/);
    assert.match(editor.document.getText(), /for \(let i = 0/);
    await vscode.commands.executeCommand('phiLocal.rejectProposal');
  });

  it('fix sends the diagnostics of the range', async () => {
    const editor = await open('fix.ts', ORIGINAL, new vscode.Selection(0, 0, 6, 1));
    const collection = vscode.languages.createDiagnosticCollection('phi-local-test');
    collection.set(editor.document.uri, [
      new vscode.Diagnostic(
        new vscode.Range(0, 22, 0, 28),
        "Parameter 'prices' implicitly has an 'any' type.",
        vscode.DiagnosticSeverity.Error,
      ),
    ]);
    try {
      await double.client.reply({ match: { endpoint: 'chat' }, text: `\`\`\`ts\n${REWRITE}\n\`\`\`` });
      assert.equal(await vscode.commands.executeCommand('phiLocal.fixSelection'), 'ready');
      const body = (await chats(double))[0].body as { messages: { content: string }[] };
      assert.match(body.messages.at(-1)?.content ?? '', /- line 1: error: Parameter 'prices' implicitly has an 'any' type\./);
      await vscode.commands.executeCommand('phiLocal.rejectProposal');
    } finally {
      collection.dispose();
    }
  });

  it('offers Explain / Refactor / Fix code actions without calling the model', async () => {
    const editor = await open('actions.ts', ORIGINAL, new vscode.Selection(0, 0, 6, 1));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      editor.selection,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Explain with Phi Local'), titles.join(' | '));
    assert.ok(titles.includes('Refactor with Phi Local…'));
    assert.ok(titles.includes('Fix with Phi Local'));
    assert.equal((await chats(double)).length, 0);
  });

  it('rejecting while the proposal is written cancels it and closes the request', async () => {
    const editor = await open('cancel.ts', ORIGINAL, new vscode.Selection(0, 0, 6, 1));
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'x '.repeat(500), pacing: { tokensPerSecond: 30 } });
    const pending = vscode.commands.executeCommand('phiLocal.documentSelection');
    await waitFor(async () => ((await chats(double))[0]?.chunksSent ?? 0) > 3, 'streaming');
    assert.equal(await vscode.commands.executeCommand('phiLocal.acceptProposal'), false, 'not while it is being written');
    await vscode.commands.executeCommand('phiLocal.rejectProposal');
    assert.equal(await pending, 'cancelled');
    await waitFor(async () => (await chats(double))[0].disconnected, 'the request to close');
    assert.ok((await chats(double))[0].evalCount < 500);
    assert.equal(editor.document.getText(), ORIGINAL);
  });

  it('refuses an excluded file and an empty document without any request', async () => {
    await open('.env.local', 'SECRET=1\n', new vscode.Selection(0, 0, 0, 8));
    assert.equal(await vscode.commands.executeCommand('phiLocal.refactorSelection', { instruction: 'Simplify' }), 'refused');
    assert.equal(await vscode.commands.executeCommand('phiLocal.explainSelection'), 'refused');
    await open('empty.ts', '');
    assert.equal(await vscode.commands.executeCommand('phiLocal.fixSelection'), 'refused');
    assert.equal((await chats(double)).length, 0);
  });

  it('writes tests into a new untitled editor, with the framework of the workspace', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'package.json'),
      new TextEncoder().encode('{"devDependencies": {"vitest": "^3.0.0"}}'),
    );
    await open('tested.ts', ORIGINAL, new vscode.Selection(0, 0, 6, 1));
    await double.client.reply({
      match: { endpoint: 'chat' },
      text: "```ts\nimport { test, expect } from 'vitest';\nimport { total } from './tested';\n\ntest('sums', () => expect(total([1, 2])).toBe(3));\n```",
    });
    const uri = await vscode.commands.executeCommand<vscode.Uri>('phiLocal.generateTests');
    assert.equal(uri.scheme, 'untitled');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.equal(document?.languageId, 'typescript');
    assert.match(document?.getText() ?? '', /^import \{ test, expect \} from 'vitest';/);
    const body = (await chats(double))[0].body as { messages: { content: string }[] };
    assert.match(body.messages.at(-1)?.content ?? '', /Write unit tests with vitest/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
