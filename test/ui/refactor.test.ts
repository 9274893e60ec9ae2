import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keepFailureScreenshot, openFile, openWorkbench, runCommand, SCREENSHOTS, waitForFile, type Workbench } from './workbench';

const ORIGINAL = 'export function total(prices: number[]): number {\n  let sum = 0;\n  for (let i = 0; i < prices.length; i++) {\n    sum += prices[i];\n  }\n  return sum;\n}\n';
const REWRITE = 'export function total(prices: number[]): number {\n  return prices.reduce((sum, price) => sum + price, 0);\n}';

describe('Refactor Selection in the browser (code-server + Chromium)', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ files: { 'src/total.ts': ORIGINAL } });
    workbench.double.setModel('phi4', { loaded: true });
  });
  afterEach(async function () {
    await keepFailureScreenshot(this, workbench);
  });
  after(async () => {
    await workbench?.close();
  });

  it('runs from the palette, shows the diff and Accept applies it', async () => {
    const { page, double } = workbench;
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
    const text = await waitForFile(path.join(workbench.workspace, 'src', 'total.ts'), (t) => t.includes('reduce'));
    assert.equal(text, `${REWRITE}\n`);
  });
});
