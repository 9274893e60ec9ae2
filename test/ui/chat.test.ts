import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chatFrame, newChat, openFile, SCREENSHOTS, useWorkbench, waitForFile } from './workbench';

const ANSWER =
  'Sort a copy, so the input stays as it is:\n\n```ts\nexport const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);\n```\n\nSee the [MDN page](https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Array/sort) for details.\n';

describe('Sidebar chat in the browser (code-server + Chromium)', () => {
  const bench = useWorkbench({
    'src/app.ts': 'const numbers = [3, 1, 2];\n\n',
    '.philocal/prompts/review.md': '---\ndescription: Review for bugs\n---\nReview {{selection}} for bugs.\n',
  });

  it('streams a rendered answer with code buttons; Copy and Insert reach the editor', async () => {
    const { page, double } = bench();
    await page.locator('.statusbar-item', { hasText: 'phi4' }).first().waitFor({ timeout: 60_000 });
    await openFile(page, 'app.ts');
    await page.keyboard.press('Control+End');
    const frame = await newChat(page);
    const input = frame.locator('#input');
    await input.waitFor({ timeout: 30_000 });
    double.reply({ match: { endpoint: 'chat' }, text: ANSWER, pacing: { tokensPerSecond: 60 } });
    await input.fill('How do I sort numbers without changing the array?');
    await input.press('Enter');
    const block = frame.locator('.message.assistant .code-block').first();
    await block.waitFor({ timeout: 20_000 });
    await frame.locator('.message.assistant a.external-link', { hasText: 'MDN page' }).waitFor({ timeout: 20_000 });
    assert.match((await block.locator('pre').textContent()) ?? '', /\[\.\.\.xs\]\.sort\(\(a, b\) => a - b\)/);
    assert.deepEqual(await block.locator('.code-toolbar button').allTextContents(), ['Copy', 'Insert', 'Apply']);
    assert.ok(await block.locator('.hljs-keyword').count(), 'highlighted after the block closed');
    // The quiet readout under the finished answer, and the context gauge above the input.
    const stats = frame.locator('.message.assistant .answer-stats').first();
    await stats.waitFor({ timeout: 10_000 });
    assert.match((await stats.textContent()) ?? '', /^first token \d+\.\d s · [\d.]+ tokens\/s · [\d,]+ prompt tokens$/);
    const gauge = frame.locator('#context-gauge');
    assert.ok(Number(await gauge.getAttribute('aria-valuenow')) > 0);
    assert.equal(await gauge.getAttribute('aria-valuemax'), String(8192 - 1024));
    assert.match((await gauge.locator('.gauge-text').textContent()) ?? '', /^[\d,]+ of 7,168 context tokens$/);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('.monaco-workbench').screenshot({ path: path.join(SCREENSHOTS, 'chat.png') });

    await block.locator('button[data-action="insert"]').click();
    const editor = page.locator('.monaco-editor[data-uri$="app.ts"]').first();
    await editor.locator('.view-line', { hasText: 'sorted' }).first().waitFor({ timeout: 10_000 });
    // Save from the editor (a key pressed while the webview has focus may not reach the workbench).
    await editor.locator('.view-line').first().click();
    await page.keyboard.press('Control+S');
    const file = path.join(bench().workspace, 'src', 'app.ts');
    await waitForFile(file, (text) => text.includes('export const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);'));

    await block.locator('button[data-action="copy"]').click();
    await frame.locator('button[data-action="copy"]', { hasText: 'Copied' }).first().waitFor();
    // "Copied" shows when the webview sends the message; the workbench writes the clipboard a moment later.
    const expected = 'export const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);';
    let copied = '';
    for (const deadline = Date.now() + 10_000; copied !== expected && Date.now() < deadline;) {
      copied = String(await page.evaluate('navigator.clipboard.readText()').catch(() => ''));
      if (copied !== expected) await page.waitForTimeout(200);
    }
    assert.equal(copied, expected);
  });

  it('renders a malicious reply without fetching anything or running anything', async () => {
    const { page, double } = bench();
    const pixel = `${double.url}/tracking-pixel.png`;
    const malicious = [
      `<img src="${pixel}?raw" onerror="document.title='pwned'">`,
      `![pixel](${pixel}?markdown)`,
      `![ref][p]\n\n[p]: ${pixel}?reference`,
      '<script>document.title = "pwned"</script>',
      '[click me](javascript:document.title="pwned")',
      `<iframe src="${pixel}?iframe"></iframe>`,
      `<svg><image href="${pixel}?svg"/></svg>`,
      `<link rel="stylesheet" href="${pixel}?css">`,
      'Done.',
    ].join('\n\n');
    const offHost: string[] = [];
    page.on('request', (request) => {
      if (
        !request.url().startsWith(bench().url) &&
        !request.url().startsWith('vscode-') &&
        !request.url().startsWith('data:') &&
        !request.url().startsWith('blob:')
      )
        offHost.push(request.url());
    });
    const frame = chatFrame(page);
    let inner;
    for (const candidate of page.frames()) {
      if (await candidate.evaluate("!!document.getElementById('input') && !!document.getElementById('messages')").catch(() => false))
        inner = candidate;
    }
    assert.ok(inner, 'the chat document was found');
    await inner.evaluate(
      `window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`,
    );
    const before = double.requests.length;
    double.reply({ match: { endpoint: 'chat' }, text: malicious, pacing: { tokensPerSecond: 200 } });
    await frame.locator('#input').fill('Show me something');
    await frame.locator('#input').press('Enter');
    await frame.locator('.message.assistant p', { hasText: 'Done.' }).last().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    const paths = double.requests.slice(before).map((r) => r.path);
    assert.deepEqual(
      paths.filter((p) => !p.startsWith('/api/')),
      [],
      'nothing from the reply was fetched from the host',
    );
    assert.ok(paths.includes('/api/chat'));
    assert.deepEqual(offHost, []);
    const unexpected = frame.locator(
      'img, iframe, svg, object, embed, script:not([src*="webview.js"]):not(#_vscodeApiScript), link:not([href*="chat.css"])',
    );
    assert.deepEqual(await unexpected.evaluateAll((nodes) => nodes.map((n) => n.outerHTML)), []);
    assert.equal(await frame.locator('a[href^="javascript:"]').count(), 0);
    const violations = (await inner.evaluate('window.__violations')) as string[];
    assert.deepEqual(violations, [], 'no CSP violation');
    assert.notEqual(await page.title(), 'pwned');
    assert.match((await frame.locator('.message.assistant').last().textContent()) ?? '', /\[image: pixel\]/);
  });

  it('shows "Loading phi4…" while Ollama loads the model, then the answer as it streams', async () => {
    const { page, double } = bench();
    const frame = await newChat(page);
    double.setModel('phi4', { loaded: false });
    double.reply({
      match: { endpoint: 'chat' },
      text: 'one two three four five six seven eight nine ten '.repeat(6),
      pacing: { loadMs: 2500, tokensPerSecond: 30 },
    });
    await frame.locator('#input').fill('Are you there?');
    await frame.locator('#input').press('Enter');
    await frame.locator('#banner', { hasText: 'Loading phi4…' }).waitFor({ timeout: 10_000 });
    const answer = frame.locator('.message.assistant').last();
    // While it streams, the view shows more and more of the answer before the end.
    const lengths: number[] = [];
    for (let i = 0; i < 40 && lengths.filter((l) => l > 0).length < 3; i++) {
      const text = (await answer.textContent()) ?? '';
      if (!lengths.includes(text.length)) lengths.push(text.length);
      await page.waitForTimeout(150);
    }
    const growing = lengths.filter((l) => l > 0);
    assert.ok(growing.length >= 3 && growing.every((l, i) => i === 0 || l > growing[i - 1]), lengths.join(' '));
    assert.ok(await frame.locator('#banner').isHidden(), 'the banner goes once the answer streams');
    await frame.locator('#send', { hasText: 'Send' }).waitFor({ timeout: 20_000 });
  });

  it("/ offers the commands and the project's prompts; arrows, Tab and Escape work the list", async () => {
    const { page } = bench();
    const frame = await newChat(page);
    const input = frame.locator('#input');
    await input.fill('');
    await input.pressSequentially('/');
    const options = frame.locator('#slash-list .slash-option .slash-name');
    await frame.locator('#slash-list .slash-option', { hasText: '/review' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await options.allTextContents(), ['/commit', '/doc', '/explain', '/fix', '/tests', '/review']);
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    await input.press('ArrowUp');
    assert.equal(await frame.locator('#slash-list .slash-option[aria-selected="true"] .slash-name').textContent(), '/review');
    await input.pressSequentially('e');
    assert.deepEqual(await options.allTextContents(), ['/explain']);
    await input.press('Backspace');
    await input.pressSequentially('r');
    assert.deepEqual(await options.allTextContents(), ['/review']);
    await input.press('Tab');
    assert.equal(await input.inputValue(), '/review ');
    assert.ok(await frame.locator('#slash-list').isHidden(), 'closed once chosen');
    await input.fill('');
    await input.pressSequentially('/d');
    await frame.locator('#slash-list .slash-option', { hasText: '/doc' }).waitFor();
    await input.press('Escape');
    assert.ok(await frame.locator('#slash-list').isHidden(), 'Escape closes it');
    assert.equal(await input.inputValue(), '/d');
    await input.fill('');
  });

  it('Stop in the view closes the request and keeps the partial answer, marked stopped', async () => {
    const { page, double } = bench();
    const frame = await newChat(page);
    double.setModel('phi4', { loaded: true });
    double.reply({ match: { endpoint: 'chat' }, text: 'word '.repeat(400), pacing: { tokensPerSecond: 40 } });
    const before = double.requests.length;
    await frame.locator('#input').fill('Write a lot');
    await frame.locator('#input').press('Enter');
    await frame.locator('.message.assistant', { hasText: 'word word word' }).last().waitFor({ timeout: 10_000 });
    await frame.locator('#send', { hasText: 'Stop' }).click();
    await frame.locator('.message.assistant .status-line', { hasText: 'Stopped.' }).last().waitFor({ timeout: 10_000 });
    const chat = double.requests.slice(before).find((r) => r.path === '/api/chat');
    assert.ok(chat);
    await double.waitFor(() => chat.disconnected, 5000, 'the request to close');
    assert.ok(chat.evalCount < 400, `the double generated ${chat.evalCount} of 400 words`);
  });

  it('Escape stops the answer; under an answer, Regenerate asks again and Copy answer copies its Markdown', async () => {
    const { page, double } = bench();
    const frame = await newChat(page);
    double.setModel('phi4', { loaded: true });
    double.reply({ match: { endpoint: 'chat' }, text: 'step '.repeat(400), pacing: { tokensPerSecond: 40 } });
    const before = double.requests.length;
    const input = frame.locator('#input');
    await input.fill('Count the steps');
    await input.press('Enter');
    await frame.locator('.message.assistant', { hasText: 'step step step' }).last().waitFor({ timeout: 10_000 });
    await input.press('Escape');
    await frame.locator('.message.assistant .status-line', { hasText: 'Stopped.' }).last().waitFor({ timeout: 10_000 });
    const first = double.requests.slice(before).find((r) => r.path === '/api/chat');
    assert.ok(first);
    await double.waitFor(() => first.disconnected, 5000, 'the request to close');

    double.reply({ match: { endpoint: 'chat' }, text: 'Two **steps**.', pacing: { tokensPerSecond: 60 } });
    await frame.locator('.message.assistant .regenerate').last().click();
    await frame.locator('.message.assistant', { hasText: 'Two steps.' }).waitFor({ timeout: 10_000 });
    const chats = double.requests.slice(before).filter((r) => r.path === '/api/chat');
    assert.equal(chats.length, 2);
    const asked = (chats[1].body as { messages: { role: string; content: string }[] }).messages.at(-1);
    assert.deepEqual(asked, { role: 'user', content: 'Count the steps' });
    assert.equal(await frame.locator('.message.assistant').count(), 1, 'the stopped answer was replaced');

    await frame.locator('.message.assistant .copy-answer').click();
    let copied = '';
    for (const deadline = Date.now() + 10_000; copied !== 'Two **steps**.' && Date.now() < deadline;) {
      copied = String(await page.evaluate('navigator.clipboard.readText()').catch(() => ''));
      if (copied !== 'Two **steps**.') await page.waitForTimeout(200);
    }
    assert.equal(copied, 'Two **steps**.');

    // History search looks into the answers too: "two steps" is only in this chat's answer.
    await frame.locator('#history-button').click();
    const search = frame.locator('#history-search');
    await search.fill('two steps');
    const visible = frame.locator('.history-row:not([hidden]) .history-open');
    const shown = async (check: (titles: string[]) => boolean) => {
      let titles: string[] = [];
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await page.waitForTimeout(100)) {
        titles = await visible.allTextContents();
        if (check(titles)) return titles;
      }
      return titles;
    };
    assert.deepEqual(await shown((titles) => titles.length === 1), ['Count the steps']);
    await search.press('Escape');
    const rows = await frame.locator('.history-row').count();
    assert.equal((await shown((titles) => titles.length === rows)).length, rows, 'every chat again');
    await frame.locator('#history-button').click();

    // Edit the last question and send it again: it replaces the last turn.
    double.reply({ match: { endpoint: 'chat' }, text: 'Four steps.', pacing: { tokensPerSecond: 60 } });
    await frame.locator('.message.user .edit-question').last().click();
    assert.equal(await input.inputValue(), 'Count the steps');
    await input.press('End');
    await input.pressSequentially(' twice');
    await input.press('Enter');
    await frame.locator('.message.assistant', { hasText: 'Four steps.' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await frame.locator('.message.user .body').allTextContents(), ['Count the steps twice']);
    const edited = double.requests.filter((r) => r.path === '/api/chat').at(-1)?.body as { messages: { role: string; content: string }[] };
    assert.deepEqual(
      edited.messages.map((m) => m.role),
      ['system', 'user'],
      'the replaced turn is not sent as history',
    );
    assert.equal(edited.messages[1].content, 'Count the steps twice');
  });

  it('Up and Down in the input walk the questions sent before, in this window and in another one', async () => {
    const { page, double, url, workspace } = bench();
    const frame = await newChat(page);
    const input = frame.locator('#input');
    for (const question of ['What does reduce return?', 'And for an empty array?']) {
      double.reply({ match: { endpoint: 'chat' }, text: 'It depends.', pacing: { tokensPerSecond: 200 } });
      await input.fill(question);
      await input.press('Enter');
      await frame.locator('#send', { hasText: 'Send' }).waitFor({ timeout: 20_000 });
    }
    await input.fill('half typed');
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'And for an empty array?');
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'What does reduce return?');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    assert.equal(await input.inputValue(), 'half typed', 'past the newest question: the draft again');
    // A multi-line draft: Up on its second line moves the caret, it does not replace the text.
    await input.fill('line one\nline two');
    await input.press('End');
    await input.press('ArrowUp');
    assert.equal(await input.inputValue(), 'line one\nline two');
    await input.fill('');

    // A second window of the workbench: its chat input recalls the questions sent in the first.
    const second = await page.context().newPage();
    try {
      await second.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
      await second.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const other = await newChat(second);
      const otherInput = other.locator('#input');
      await otherInput.waitFor({ timeout: 30_000 });
      await otherInput.click();
      await otherInput.press('ArrowUp');
      assert.equal(await otherInput.inputValue(), 'And for an empty array?');
    } finally {
      await second.close();
    }
  });
});
