// A team's OpenAI-compatible server (the double speaking as vLLM, started with an API key), as a user sets it
// up: the backend and base URL in user settings, the key through the notification's button.
import * as assert from 'node:assert/strict';
import { OllamaDouble } from '../support/ollama-double';
import { chatFrame, keepFailureScreenshot, newChat, openWorkbench, type Workbench } from './workbench';

const KEY = 'team-key-7';

describe('Team server in the browser (code-server + Chromium, OpenAI-compatible double)', () => {
  const team = new OllamaDouble({ protocol: 'openai', apiKey: KEY });
  let workbench: Workbench | undefined;

  before(async () => {
    await team.start();
    team.setModel('phi4', { loaded: true });
    workbench = await openWorkbench({
      files: { 'src/app.ts': 'export const ok = true;\n' },
      settings: {
        'phiLocal.backend': 'openai-compatible',
        'phiLocal.openai.baseUrl': team.url,
        'phiLocal.chat.model': 'microsoft/phi-4',
        'phiLocal.completion.model': 'microsoft/phi-4',
      },
    });
  });
  afterEach(async function () {
    await keepFailureScreenshot(this, workbench);
  });
  after(async () => {
    await workbench?.close();
    await team.stop();
  });

  it('a refused key is told once with Set API Key; the key typed there makes it ready, and the chat answers from the server', async () => {
    assert.ok(workbench);
    const { page, double } = workbench;
    await page.locator('.statusbar-item', { hasText: 'Server not reachable' }).first().waitFor({ timeout: 60_000 });
    const toasts = page.locator('.notification-toast', { hasText: 'refused the request (401: Unauthorized)' });
    await toasts.first().waitFor({ timeout: 20_000 });
    assert.equal(await toasts.count(), 1);
    const buttons = (await toasts.first().locator('.monaco-button').allTextContents()).map((b) => b.trim());
    assert.deepEqual(buttons, ['Set API Key', 'Open Settings', 'Show Log']);
    assert.match((await toasts.first().textContent()) ?? '', new RegExp(`The OpenAI-compatible server at ${team.url}/v1 refused`));

    await toasts.first().locator('.monaco-button', { hasText: 'Set API Key' }).click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    assert.match((await page.locator('.quick-input-widget').textContent()) ?? '', /Set API Key for the OpenAI-compatible server/);
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill(KEY);
    await input.press('Enter');
    await page.locator('.statusbar-item', { hasText: 'microsoft/phi-4' }).first().waitFor({ timeout: 20_000 });
    assert.equal(team.requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);

    team.reply({ match: { endpoint: 'chat' }, text: 'Served by the **team** server.', pacing: { tokensPerSecond: 60 } });
    const frame = await newChat(page);
    await frame.locator('#input').fill('Where do you run?');
    await frame.locator('#input').press('Enter');
    await chatFrame(page).locator('.message.assistant', { hasText: 'Served by the team server.' }).waitFor({ timeout: 20_000 });
    assert.equal(team.requestsTo('/v1/chat/completions').length, 1);
    assert.deepEqual(double.requests, [], 'nothing went to Ollama');
  });
});
