import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openFile, runCommand, SCREENSHOTS, useWorkbench, waitForFile } from './workbench';

const FILE =
  'interface Item {\n  price: number;\n}\n\nexport function sum(items: Item[]): number {\n  const total = items\n  return total;\n}\n';

describe('Inline completions in the browser (code-server + Chromium)', () => {
  const bench = useWorkbench({ 'src/sum.ts': FILE });

  it('shows ghost text while typing and Tab accepts it', async () => {
    const { page, double } = bench();
    await page.locator('.statusbar-item', { hasText: 'phi4' }).first().waitFor({ timeout: 60_000 });
    double.reply({
      match: { endpoint: 'generate' },
      text: 'reduce((sum, item) => sum + item.price, 0);<|im_end|>',
      pacing: { ttftMs: 150, tokensPerSecond: 60 },
    });
    await openFile(page, 'sum.ts');
    // Line 6, after "items": Ctrl+G goes to the line, End to its end.
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('6');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    // The cursor must be at the end of line 6 ("  const total = items") before typing.
    await page.locator('.statusbar-item', { hasText: 'Ln 6, Col 22' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.type('.', { delay: 50 });
    const ghost = page.locator('.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text').first();
    await ghost.waitFor({ timeout: 20_000 });
    await page.waitForFunction(
      `Array.from(document.querySelectorAll('.ghost-text-decoration, .ghost-text')).map((e) => e.textContent || '').join('').replace(/\\u00a0/g, ' ').includes('item.price, 0);')`,
      undefined,
      { timeout: 10_000 },
    );
    const shown = (await page.locator('.ghost-text-decoration, .ghost-text').allTextContents()).join('').replace(/\u00a0/g, ' ');
    assert.match(shown, /reduce\(\(sum, item\) => sum \+ item\.price, 0\);/);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('.monaco-workbench').screenshot({ path: path.join(SCREENSHOTS, 'inline-completion.png') });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+S');
    await waitForFile(path.join(bench().workspace, 'src', 'sum.ts'), (text) =>
      text.includes('items.reduce((sum, item) => sum + item.price, 0);\n  return total;'),
    );
    const sent = double.requestsTo('/api/generate').filter((r) => (r.body as { prompt?: string }).prompt);
    assert.ok(sent.length >= 1);
    assert.equal(
      sent.every((r) => !('suffix' in (r.body as object))),
      true,
    );
  });

  it('Show Completion Stats shows what happened, all local, and Reset starts afresh', async () => {
    const { page } = bench();
    await runCommand(page, 'Phi Local: Show Completion Stats');
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const value = (label: string) => view.locator('tr', { hasText: label }).locator('td');
    await view.getByText('Inline completions in this window').waitFor({ timeout: 20_000 });
    assert.match((await value('Accepted').textContent()) ?? '', /^[1-9]\d* \((\d+ %|–)\)$/, 'the accepted suggestion of the test before');
    assert.match((await value('Latency p50 / p90').textContent()) ?? '', /^\d+ ms \/ \d+ ms$/);
    await view.locator('#reset').click();
    await view.locator('tr', { hasText: 'Accepted' }).locator('td', { hasText: '0 (–)' }).waitFor({ timeout: 10_000 });
    assert.equal(await value('Latency p50 / p90').textContent(), '– / –');
  });
});
