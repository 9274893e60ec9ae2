import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeEditorsAndStop,
  commitWhenShown,
  connectTo,
  freshDouble,
  generates,
  openWorkspaceFile,
  setSetting,
  startDouble,
  typeSlowly,
  waitFor,
  warmUps,
  type RunningDouble,
} from './helpers';

const SUM_TS =
  'interface Item {\n  price: number;\n}\n\nexport function sum(items: Item[]): number {\n  const total = items.\n  return total;\n}\n';

function openAt(name: string, text: string, line: number, character: number, languageId?: string): Promise<vscode.TextEditor> {
  return openWorkspaceFile(name, text, new vscode.Selection(line, character, line, character), languageId);
}

describe('Inline completions in a real VS Code', () => {
  let double: RunningDouble;

  before(async () => {
    double = await startDouble();
    await connectTo(double.url);
  });
  after(async () => {
    await setSetting('completion.model', undefined);
    await closeEditorsAndStop(double);
  });
  beforeEach(() => freshDouble(double));

  it('shows phi4 ghost text and commit inserts exactly the cleaned text', async () => {
    await double.client.reply({ match: { endpoint: 'generate' }, text: 'reduce((sum, item) => sum + item.price, 0);<|im_end|>' });
    const editor = await openAt('sum.ts', SUM_TS, 5, '  const total = items.'.length);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const text = await commitWhenShown(editor, SUM_TS);
    assert.equal(text, SUM_TS.replace('items.\n', 'items.reduce((sum, item) => sum + item.price, 0);\n'));
    const sent = generates(await double.client.requests());
    assert.equal(sent.length, 1);
    const body = sent[0].body as Record<string, unknown>;
    assert.equal(body.raw, true);
    assert.equal('suffix' in body, false, 'phi4 never gets a suffix');
    assert.deepEqual(Object.keys(body.options as object).sort(), ['num_ctx', 'num_predict', 'stop', 'temperature', 'top_p']);
    assert.equal((body.options as { num_ctx: number }).num_ctx, 8192);
  });

  it("replaces the closers the model rewrote: commit leaves the model's line, no doubled parenthesis", async () => {
    // The editor closed the parenthesis; phi4 writes the arguments, the parenthesis and a semicolon.
    const file = 'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport const three = add()\n';
    await double.client.reply({ match: { endpoint: 'generate' }, text: '1, 2);\n```<|im_end|>' });
    const editor = await openAt('replace.ts', file, 4, 'export const three = add('.length);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const text = await commitWhenShown(editor, file);
    assert.equal(text, file.replace('add()\n', 'add(1, 2);\n'));
    assert.equal(generates(await double.client.requests()).length, 1);
  });

  it('completes mid-line in front of a short rest of the line, keeping it', async () => {
    const file = 'export async function load(id: string) {\n  const user = await fetchUser(, { cache: true });\n  return user;\n}\n';
    await double.client.reply({ match: { endpoint: 'generate' }, text: 'id, { cache: true });\n```<|im_end|>' });
    const editor = await openAt('midline.ts', file, 1, '  const user = await fetchUser('.length);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const text = await commitWhenShown(editor, file);
    assert.equal(text, file.replace('fetchUser(,', 'fetchUser(id,'));
    const body = generates(await double.client.requests())[0].body as { prompt: string; options: { stop: string[] } };
    assert.match(body.prompt, /\n {2}<FILL_HERE>, \{ cache: true \}\);\n {2}return user;/);
    assert.match(body.prompt, /```typescript\n {2}const user = await fetchUser\($/);
    assert.equal(body.options.stop.includes('\n'), false, 'the answer, not a line-break stop, decides its length');
  });

  it('Show Completion Stats opens the local statistics in a view', async () => {
    const snapshot = (await vscode.commands.executeCommand('phiLocal.showCompletionStats')) as { requests: number };
    assert.equal(typeof snapshot.requests, 'number');
    const tab = await waitFor(() => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return active?.input instanceof vscode.TabInputWebview && active.label === 'Phi Local: Completion Stats' ? active : undefined;
    }, 'the stats view');
    await vscode.window.tabGroups.close(tab);
  });

  it('sends a FIM model the suffix', async () => {
    const phi = await connectTo(double.url);
    await setSetting('completion.model', 'qwen2.5-coder:1.5b');
    try {
      await waitFor(
        () => phi.connection.models.has('qwen2.5-coder:1.5b') && phi.connection.state.kind === 'ready',
        'the FIM model to be probed',
      );
      await double.client.reply({ match: { endpoint: 'generate' }, text: 'reduce((s, i) => s + i.price, 0);' });
      const editor = await openAt('fim.ts', SUM_TS, 5, '  const total = items.'.length);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await commitWhenShown(editor, SUM_TS);
      const body = generates(await double.client.requests()).find((r) => (r.body as { model: string }).model === 'qwen2.5-coder:1.5b')
        ?.body as Record<string, unknown>;
      assert.ok(body, 'a request went to the FIM model');
      assert.equal(body.suffix, '\n  return total;\n}');
      assert.equal(body.raw, undefined);
    } finally {
      await setSetting('completion.model', undefined);
      await waitFor(() => phi.connection.state.kind === 'ready' && !phi.connection.models.has('qwen2.5-coder:1.5b'), 'back to phi4');
    }
  });

  it('sends nothing for a .env file or a disabled language', async () => {
    const env = await openAt('.env', 'API_KEY=', 0, 8);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await typeSlowly('ab', 300);
    const notes = await openAt('notes.md', '# Notes\n\nSome ', 2, 5);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await typeSlowly('te', 300);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(generates(await double.client.requests()).length, 0);
    assert.notEqual(env.document.languageId, notes.document.languageId);
  });

  it('sends nothing for a file matched by .philocalignore, or while snoozed', async () => {
    const phi = await connectTo(double.url);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, '.philocalignore'),
      new TextEncoder().encode('# not for the model\nprivate/\n'),
    );
    await waitFor(() => phi.exclusions.isExcluded(vscode.Uri.joinPath(folder, 'private', 'a.ts')), 'the ignore file to be read');
    await openAt('private/a.ts', 'const key = \n', 0, 12);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await typeSlowly('ab', 300);
    phi.completions.snooze(60_000);
    try {
      await openAt('snoozed.ts', 'const value = \n', 0, 14);
      await typeSlowly('ab', 300);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.match(phi.statusBar.view.text, /completions off/);
    } finally {
      phi.completions.snooze(0);
    }
    assert.equal(generates(await double.client.requests()).length, 0);
  });

  it('puts code from an imported file into the prompt, and never an excluded one', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri;
    const write = (name: string, text: string) =>
      vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, name), new TextEncoder().encode(text));
    await write('lib/pricing.ts', 'export function priceWithTax(price: number, rate: number): number {\n  return price * (1 + rate);\n}\n');
    await write('lib/secrets/keys.ts', 'export const priceApiKey = "sk-very-secret";\n');
    await double.client.reply({ match: { endpoint: 'generate' }, text: 'priceWithTax(item.price, 0.2);' });
    const main =
      "import { priceWithTax } from './lib/pricing';\nimport { priceApiKey } from './lib/secrets/keys';\n\nexport function total(item: { price: number }) {\n  return \n}\n";
    const editor = await openAt('main.ts', main, 4, 9);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await commitWhenShown(editor, main);
    const prompt = String((generates(await double.client.requests())[0].body as { prompt: string }).prompt);
    assert.match(prompt, /Related code from `lib\/pricing\.ts`/);
    assert.match(prompt, /return price \* \(1 \+ rate\);/);
    assert.doesNotMatch(prompt, /sk-very-secret/);
  });

  it('fast typing: at most one request per pause, earlier ones disconnected', async () => {
    // The model takes longer to answer than a key interval (twice over, for a loaded machine).
    await double.client.setPacing({ ttftMs: 1000, tokensPerSecond: 30 });
    await double.client.reply({ match: { endpoint: 'generate' }, text: 'zzz unrelated suggestion', persist: true });
    const editor = await openAt('fast.ts', 'const value = \n', 0, 'const value = '.length);
    // Typed faster than the debounce: no request at all while typing.
    const keys = await typeSlowly('comp', 40);
    await new Promise((resolve) => setTimeout(resolve, 450));
    // Typed slower than the debounce but faster than the model: each pause starts a request, the next key aborts it.
    keys.push(...(await typeSlowly('ute', 450)));
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const sent = generates(await double.client.requests());
    // A pause is a gap of at least the debounce (200 ms) after a key; a loaded machine may make more of them.
    const pauses = keys.filter((at, i) => i === keys.length - 1 || keys[i + 1] - at >= 200).length;
    assert.ok(sent.length >= 2 && sent.length <= pauses, `${sent.length} requests for ${pauses} pauses`);
    // None was left generating for text the user had typed away from: each ended by disconnect, or had finished.
    for (const request of sent) assert.ok(request.disconnected || request.completed, `request ${request.id} was left running`);
    assert.ok(sent.filter((r) => r.disconnected).length >= 1, 'stale requests were aborted');
    assert.equal(sent.at(-1)?.completed, true);
    assert.match(editor.document.getText(), /^const value = compute\n/);
  });

  it('warms the cache when a file gets focus; a completion typed there waits for the warm-up and reuses its prompt', async () => {
    // The slot has been idle for a while.
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await double.client.reply({ match: { endpoint: 'generate', warmUp: true }, text: 'x', pacing: { ttftMs: 1500 } });
    await openAt('warm.ts', SUM_TS, 5, '  const total = items.'.length);
    const warm = await waitFor(async () => warmUps(await double.client.requests())[0], 'the warm-up request', 10_000);
    // The prompt the completion there will send, so Ollama has evaluated it before the user pauses.
    assert.match((warm.body as { prompt: string }).prompt, /```typescript\n[\s\S]* {2}const total = items\.$/);
    assert.equal(generates(await double.client.requests()).length, 0);
    await double.client.reply({ match: { endpoint: 'generate' }, text: 'ength;<|im_end|>' });
    await typeSlowly('l', 0);
    const real = await waitFor(async () => generates(await double.client.requests())[0], 'the completion request');
    const warmed = (await double.client.requests()).find((r) => r.id === warm.id);
    assert.equal(warmed?.disconnected, false, 'the warm-up was not closed: it was evaluating what the completion needs');
    assert.equal(warmed?.completed, true, 'the completion was sent once the warm-up had ended');
    assert.ok(
      real.promptEvalCount - real.cachedPromptTokens <= 3,
      `${real.promptEvalCount - real.cachedPromptTokens} tokens evaluated again`,
    );
    assert.equal(warmUps(await double.client.requests()).length, 1, 'one warm-up at a time');
  });

  it('a keystroke somewhere else closes the warm-up at once', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await double.client.reply({ match: { endpoint: 'generate', warmUp: true }, text: 'x', pacing: { ttftMs: 20_000 } });
    const editor = await openAt('warm-elsewhere.ts', SUM_TS, 5, '  const total = items.'.length);
    const warm = await waitFor(async () => warmUps(await double.client.requests())[0], 'the warm-up request', 10_000);
    await double.client.reply({ match: { endpoint: 'generate' }, text: 'name: string;<|im_end|>' });
    const end = editor.document.lineAt(1).range.end;
    editor.selection = new vscode.Selection(end, end);
    await typeSlowly('\n', 0);
    await waitFor(async () => (await double.client.requests()).find((r) => r.id === warm.id)?.disconnected, 'the warm-up to be closed');
    await waitFor(async () => generates(await double.client.requests()).length === 1, 'the completion request');
  });

  it('shows the first line of a block at once; when the block has streamed, the ghost text grows to all of it', async () => {
    const file = 'export function start(ready: boolean) {\n  \n}\n';
    const block = 'if (ready) {\n    launch();\n    report();\n  }';
    await double.client.reply({
      match: { endpoint: 'generate' },
      text: `${block}\n}\n\`\`\`<|im_end|>`,
      pacing: { tokensPerSecond: 8 },
    });
    const editor = await openAt('block.ts', file, 1, 2);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    // Nothing is typed: once the block has streamed (the extension closes the request at its end), the
    // extension offers the whole block itself.
    const ended = async () => {
      const request = generates(await double.client.requests())[0];
      return request !== undefined && (request.completed || request.disconnected);
    };
    await waitFor(ended, 'the block to stream to its end', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    // The whole block was served by the one request (accepting it then prefetches what follows: not counted).
    assert.equal(generates(await double.client.requests()).length, 1);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    assert.equal(editor.document.getText(), file.replace('\n  \n', `\n  ${block}\n`));
  });

  it('the first line of a block streaming can be taken before the block is complete', async () => {
    // Another function than the test above: its finished block is cached for that text.
    const file = 'export function begin(ready: boolean) {\n  \n}\n';
    await double.client.reply({
      match: { endpoint: 'generate' },
      text: 'if (ready) {\n    launch();\n    report();\n    notify();\n  }\n}\n```<|im_end|>',
      // Slow enough that the block is still streaming when the first line is taken, even on a busy machine.
      pacing: { tokensPerSecond: 2.5 },
    });
    const editor = await openAt('first-line.ts', file, 1, 2);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const text = await commitWhenShown(editor, file);
    assert.equal(text, file.replace('\n  \n', '\n  if (ready) {\n'));
    // Requests for this file only: a prefetch after the previous test's accept may still arrive meanwhile.
    const forThisFile = async () =>
      generates(await double.client.requests()).filter((r) => (r.body as { prompt: string }).prompt.includes('export function begin('));
    const streaming = (await forThisFile()).filter((r) => !r.completed && !r.disconnected);
    assert.equal(streaming.length, 1, 'taken while the block still streamed');
    // The rest of the block comes from the same request once it has streamed (typed-ahead), no second request.
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const whole = await commitWhenShown(editor, text, 40_000);
    assert.equal(whole, file.replace('\n  \n', '\n  if (ready) {\n    launch();\n    report();\n    notify();\n  }\n'));
    // One request until the block was in the document (a prefetch after this accept may follow it).
    const beforeBlock = (await forThisFile()).filter((r) => !(r.body as { prompt: string }).prompt.includes('notify();'));
    assert.equal(beforeBlock.length, 1);
  });

  it('typing along a suggestion sends no new request (typed-ahead)', async () => {
    await double.client.reply({ match: { endpoint: 'generate' }, text: 'reduce((sum, item) => sum + item.price, 0);' });
    const editor = await openAt('ahead.ts', SUM_TS, 5, '  const total = items.'.length);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitFor(async () => generates(await double.client.requests()).some((r) => r.completed), 'the first answer');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await typeSlowly('redu', 350);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Requests for this file only: a prefetch after the previous test's accept may arrive meanwhile.
    const forThisFile = generates(await double.client.requests()).filter((r) => (r.body as { prompt: string }).prompt.includes('ahead.ts'));
    assert.equal(forThisFile.length, 1);
    const before = editor.document.getText();
    const text = await commitWhenShown(editor, before);
    assert.equal(text, SUM_TS.replace('items.\n', 'items.reduce((sum, item) => sum + item.price, 0);\n'));
  });

  it('pauses automatic completions while a chat answer streams', async () => {
    const phi = await connectTo(double.url);
    await openAt('paused.ts', 'const value = \n', 0, 'const value = '.length);
    const chat = phi.connection.activity.begin('chat');
    try {
      await typeSlowly('ab', 400);
      await new Promise((resolve) => setTimeout(resolve, 400));
      // (A prefetch after the previous test's accept may still arrive; none is for this file.)
      const forThisFile = generates(await double.client.requests()).filter((r) =>
        (r.body as { prompt: string }).prompt.includes('paused.ts'),
      );
      assert.deepEqual(forThisFile, []);
    } finally {
      chat.dispose();
    }
  });

  it('counts requests, shown and accepted completions in the local stats', async () => {
    const phi = await connectTo(double.url);
    const stats = phi.inline.engine.stats.snapshot();
    assert.ok(stats.requests >= 3, JSON.stringify(stats));
    assert.ok(stats.accepted >= 2, JSON.stringify(stats));
    assert.ok(stats.aborted >= 1, JSON.stringify(stats));
    assert.match(phi.statusBar.view.tooltip, /Last completion \d+ ms \(p50 \d+ ms, p90 \d+ ms\)\./);
    assert.match(phi.statusBar.view.tooltip, /\d+ of \d+ suggestions accepted \(\d+ %\)/);
  });
});
