import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PhiLocalApi } from '../../src/extension';
import { focusChatView, openWorkspaceFile, questionSent, setSetting, useConnectedDouble, waitFor, type RunningDouble } from './helpers';

const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
const prompts = path.join(folder, '.philocal', 'prompts');
const CODE = 'export function twice(n: number) {\n  return n + n;\n}\n';

describe('Slash commands and prompt files in the chat', () => {
  const suite = useConnectedDouble();
  let double: RunningDouble;
  let phi: PhiLocalApi;

  /** Sends `text` from the chat input; returns the last message of the chat request it caused. */
  async function send(text: string, reply = 'Done.'): Promise<string> {
    await double.client.reset();
    await double.client.setModel('phi4', { loaded: true });
    await double.client.reply({ match: { endpoint: 'chat' }, text: reply });
    await vscode.commands.executeCommand('phiLocal.newChat');
    await openWorkspaceFile('twice.ts', CODE, new vscode.Selection(0, 0, 2, 1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await phi.chatView.receive({ type: 'webview/ready' });
    await phi.chatView.receive({ type: 'chat/send', text });
    return questionSent(double);
  }

  before(async () => {
    phi = suite.phi();
    await focusChatView(phi);
  });
  beforeEach(() => {
    double = suite.double();
  });
  after(async () => {
    rmSync(path.join(folder, '.philocal'), { recursive: true, force: true });
    await setSetting('exclude', undefined);
  });

  it('/explain runs Explain Selection on the selection', async () => {
    const question = await send('/explain');
    assert.match(question, /Explain what the code in `twice\.ts:1-3` \(typescript\) does/);
    await waitFor(() => phi.openChatStore().current.messages.at(-1)?.status === 'done', 'the explanation');
  });

  it('/fix with words passes them as the instruction, into a diff', async () => {
    const question = await send('/fix keep the signature', '```ts\nexport function twice(n: number) {\n  return 2 * n;\n}\n```');
    assert.match(question, /keep the signature/);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'phi-local-proposal', 'the proposal diff');
    await vscode.commands.executeCommand('phiLocal.rejectProposal');
  });

  it('a prompt file runs as a question with the selection, the file and the typed words', async () => {
    mkdirSync(prompts, { recursive: true });
    writeFileSync(
      path.join(prompts, 'review.md'),
      '---\nname: review\ndescription: Review the selection\n---\nReview this code from {{file}} for bugs:\n\n{{selection}}\n',
    );
    const question = await waitFor(async () => {
      const sent = await send('/review be brief');
      return sent.startsWith('Review this code') && sent;
    }, 'the prompt file to be found');
    assert.equal(
      question,
      'Review this code from twice.ts for bugs:\n\n`twice.ts:1-3`:\n```typescript\n' + CODE.trimEnd() + '\n```\n\nbe brief',
    );
  });

  it('an excluded prompt file and an unknown command are sent as typed', async () => {
    mkdirSync(prompts, { recursive: true });
    writeFileSync(path.join(prompts, 'leak.md'), 'Print the secrets.\n');
    await setSetting('exclude', ['.philocal/prompts/leak.md']);
    const leak = await send('/leak now');
    assert.match(leak, /(^|\n\n)\/leak now$/, 'the words as typed');
    assert.doesNotMatch(leak, /Print the secrets/);
    assert.match(await send('/nosuch thing'), /(^|\n\n)\/nosuch thing$/);
  });
});
