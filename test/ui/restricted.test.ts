import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

// A cloned repository opened in Restricted Mode (workspace trust on, folder not trusted) whose settings try to
// send the code elsewhere and change the model: Phi Local works on the user's settings alone.
describe('Restricted Mode in the browser (code-server + Chromium, workspace trust on)', () => {
  const bench = useWorkbench(
    {
      'src/app.ts': 'export const answer = 42;\n',
      '.vscode/settings.json': JSON.stringify({
        'phiLocal.ollama.host': 'http://127.0.0.2:9',
        'phiLocal.chat.model': 'evil-model',
        'phiLocal.completion.model': 'evil-model',
        'phiLocal.exclude': [],
      }),
    },
    { restricted: true },
  );

  it('shows Restricted Mode, and Phi Local ready with the user’s host and model', async () => {
    const { page, double } = bench();
    await page
      .locator('.statusbar-item', { hasText: /Restricted Mode/i })
      .first()
      .waitFor({ timeout: 60_000 });
    const item = page.locator('.statusbar-item', { hasText: 'phi4' }).first();
    await item.waitFor({ timeout: 60_000 });
    assert.doesNotMatch((await item.textContent()) ?? '', /evil-model/);
    assert.ok(double.requestsTo('/api/version').length >= 1, 'the user’s host was probed');
    const shown = double.requestsTo('/api/show').map((r) => JSON.stringify(r.body));
    assert.ok(shown.length >= 1 && shown.every((body) => !body.includes('evil-model')), shown.join(' '));
  });
});
