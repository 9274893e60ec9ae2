import * as assert from 'node:assert/strict';
import { runCommand, useWorkbench } from './workbench';

describe('Connection problems in the browser (code-server + Chromium)', () => {
  const bench = useWorkbench({ 'src/app.ts': 'export const ok = true;\n' });

  it('tells the user once that Ollama is down, with Retry, Install Ollama and Open Settings; Retry recovers', async () => {
    const { page, double } = bench();
    await page.locator('.statusbar-item', { hasText: 'phi4' }).first().waitFor({ timeout: 60_000 });
    await double.stop();
    await runCommand(page, 'Phi Local: Retry Connection');
    await page.locator('.statusbar-item', { hasText: 'Ollama not reachable' }).first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'Phi Local: Retry Connection');
    await page.waitForTimeout(1500);
    const toasts = page.locator('.notification-toast', { hasText: 'not reachable' });
    assert.equal(await toasts.count(), 1, 'one notification, however often it fails');
    const buttons = await toasts.first().locator('.monaco-button').allTextContents();
    assert.deepEqual(
      buttons.map((b) => b.trim()),
      ['Retry', 'Install Ollama', 'Open Settings'],
    );
    await double.start();
    await toasts.first().locator('.monaco-button', { hasText: 'Retry' }).click();
    await page.locator('.statusbar-item', { hasText: 'phi4' }).first().waitFor({ timeout: 20_000 });
  });
});
