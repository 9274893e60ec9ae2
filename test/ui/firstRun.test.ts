// What a new user sees: the getting-started walkthrough with the steps already done ticked, and the chat in a
// narrow sidebar (250 px) in a high-contrast theme. Screenshots in docs/images with `npm run screenshots`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chatFrame, newChat, runCommand, SCREENSHOTS, useWorkbench } from './workbench';

const LONG_LINE = `export const settings = { host: 'http://127.0.0.1:11434', model: 'phi4', numCtx: 8192, keepAlive: '30m', temperature: 0.2 };`;

describe('First run and accessibility (code-server + Chromium)', () => {
  const bench = useWorkbench(
    { 'src/app.ts': 'export const answer = 42;\n' },
    { settings: { 'workbench.colorTheme': 'Default High Contrast' } },
  );

  it('Get Started opens the walkthrough; the Ollama and model steps tick themselves off', async () => {
    const { page } = bench();
    await page.locator('.statusbar-item', { hasText: 'phi4' }).first().waitFor({ timeout: 60_000 });
    await runCommand(page, 'Phi Local: Get Started');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get started with Phi Local').first().waitFor({ timeout: 30_000 });
    const step = (title: string) => walkthrough.locator('.getting-started-step', { hasText: title }).first();
    for (const title of ['Start Ollama', 'Pull phi4', 'Try a completion', 'Ask the chat', 'Refactor a selection'])
      await step(title).waitFor({ timeout: 10_000 });
    const checked = '.codicon-getting-started-step-checked';
    for (const done of ['Start Ollama', 'Pull phi4']) await step(done).locator(checked).waitFor({ timeout: 10_000 });
    assert.equal(await step('Ask the chat').locator(checked).count(), 0, 'not asked yet');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('.monaco-workbench').screenshot({ path: path.join(SCREENSHOTS, 'walkthrough.png') });
  });

  it('the chat works at 250 px in high contrast: buttons stay visible beside a long code line', async () => {
    const { page, double } = bench();
    assert.ok(await page.locator('.monaco-workbench.hc-black').count(), 'the high-contrast theme is on');
    await runCommand(page, 'View: Close All Editors');
    await newChat(page);
    // Drag the sidebar's edge until the sidebar is 250 px wide (the sash takes the drag once hovered a moment).
    const sidebar = page.locator('.part.sidebar');
    let narrow = await sidebar.boundingBox();
    for (let attempt = 0; attempt < 5 && narrow && Math.abs(narrow.width - 250) > 6; attempt++) {
      const middle = narrow.y + narrow.height / 2;
      await page.mouse.move(narrow.x + narrow.width - 20, middle);
      await page.mouse.move(narrow.x + narrow.width + 1, middle, { steps: 4 });
      await page.waitForTimeout(400);
      await page.mouse.down();
      await page.mouse.move(narrow.x + 250, middle, { steps: 10 });
      await page.mouse.up();
      await page.waitForTimeout(200);
      narrow = await sidebar.boundingBox();
    }
    assert.ok(narrow && Math.abs(narrow.width - 250) <= 6, `sidebar ${narrow?.width} px`);

    const frame = chatFrame(page);
    const input = frame.locator('#input');
    await input.waitFor({ timeout: 30_000 });
    double.reply({ match: { endpoint: 'chat' }, text: `Like this:\n\n\`\`\`ts\n${LONG_LINE}\n\`\`\`\n`, pacing: { tokensPerSecond: 200 } });
    await input.fill('Show me the settings object');
    await input.press('Enter');
    const block = frame.locator('.message.assistant .code-block').first();
    await block.locator('.hljs-keyword').first().waitFor({ timeout: 20_000 });
    await frame.locator('.message.assistant .answer-stats').first().waitFor({ timeout: 10_000 });
    // Every button of the block and the composer is inside the 250 px sidebar, not pushed out by the long line
    // (which scrolls inside its block). Boxes are in page coordinates.
    const right = narrow.x + narrow.width;
    for (const button of await block.locator('.code-toolbar button').all()) {
      const b = await button.boundingBox();
      assert.ok(b && b.x >= narrow.x && b.x + b.width <= right + 1, `a code button at ${b?.x}+${b?.width}, sidebar ends at ${right}`);
    }
    const send = await frame.locator('#send').boundingBox();
    assert.ok(send && send.x + send.width <= right + 1, 'Send stays in view');
    const pre = block.locator('pre');
    assert.ok(await pre.evaluate((element) => element.scrollWidth > element.clientWidth), 'the long line scrolls inside its block');
    assert.ok(await frame.locator('#context-gauge').isVisible());
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('.monaco-workbench').screenshot({ path: path.join(SCREENSHOTS, 'chat-250px-high-contrast.png') });
  });
});
