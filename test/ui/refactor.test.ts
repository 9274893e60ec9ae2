import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openFile, runCommand, SCREENSHOTS, useWorkbench, waitForFile } from './workbench';

const ORIGINAL =
  'export function total(prices: number[]): number {\n  let sum = 0;\n  for (let i = 0; i < prices.length; i++) {\n    sum += prices[i];\n  }\n  return sum;\n}\n';
const REWRITE = 'export function total(prices: number[]): number {\n  return prices.reduce((sum, price) => sum + price, 0);\n}';

describe('Refactor Selection in the browser (code-server + Chromium)', () => {
  const bench = useWorkbench({ 'src/total.ts': ORIGINAL });

  it('runs from the palette, shows the diff and Accept applies it', async () => {
    const { page, double } = bench();
    await page.locator('.statusbar-item', { hasText: 'phi4' }).first().waitFor({ timeout: 60_000 });
    double.reply({ match: { endpoint: 'chat' }, text: `Simpler:\n\n\`\`\`ts\n${REWRITE}\n\`\`\`\n`, pacing: { tokensPerSecond: 80 } });
    await openFile(page, 'total.ts');
    await page.keyboard.press('Control+A');
    await runCommand(page, 'Phi Local: Refactor Selection');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Simplify' }).first().click();
    const diff = page.locator('.monaco-diff-editor');
    await diff.waitFor({ timeout: 20_000 });
    await page.locator('.monaco-diff-editor .view-line', { hasText: 'reduce' }).first().waitFor({ timeout: 20_000 });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('.monaco-workbench').screenshot({ path: path.join(SCREENSHOTS, 'refactor-diff.png') });
    const accept = page.locator('.editor-actions .action-label[aria-label^="Accept Proposal"]');
    await accept.waitFor({ timeout: 10_000 });
    await accept.click();
    await diff.waitFor({ state: 'detached', timeout: 10_000 });
    await page.keyboard.press('Control+S');
    const text = await waitForFile(path.join(bench().workspace, 'src', 'total.ts'), (t) => t.includes('reduce'));
    assert.equal(text, `${REWRITE}\n`);
  });
});
