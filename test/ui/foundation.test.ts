import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCommand, SCREENSHOTS, useWorkbench } from './workbench';

describe('Foundation in the browser (code-server + Chromium)', () => {
  const bench = useWorkbench(
    { 'src/app.ts': 'export function greet(name: string): string {\n  return `Hello, ${name}`;\n}\n' },
    { loaded: false },
  );

  it('shows the ready state in the status bar once the double answers', async () => {
    const item = bench().page.locator('.statusbar-item', { hasText: 'phi4' }).first();
    await item.waitFor({ timeout: 60_000 });
    assert.match((await item.textContent()) ?? '', /phi4/);
    assert.ok(bench().double.requestsTo('/api/version').length >= 1, 'the extension probed the double');
    assert.ok(bench().double.requestsTo('/api/show').length >= 1, 'the extension read model capabilities');
  });

  it('opens the status menu on click, with the actions of the ready state', async () => {
    const { page } = bench();
    await page.locator('.statusbar-item', { hasText: 'phi4' }).first().click();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const labels = await rows.allTextContents();
    assert.ok(
      labels.some((l) => /Turn inline completions off/.test(l)),
      labels.join(' | '),
    );
    assert.ok(
      labels.some((l) => /Select model/.test(l)),
      labels.join(' | '),
    );
    await page.keyboard.press('Escape');
  });

  it('runs "Phi Local: Show Log" from the palette and shows the log channel', async () => {
    const { page } = bench();
    await runCommand(page, 'Phi Local: Show Log');
    const output = page.locator('.part.panel .view-lines');
    await page.locator('.part.panel', { hasText: /activated\s+in\s+\d+\s+ms/ }).waitFor({ timeout: 20_000 });
    assert.ok(await output.count());
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('.monaco-workbench').screenshot({ path: path.join(SCREENSHOTS, 'status-and-log.png') });
  });
});
