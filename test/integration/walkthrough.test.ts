import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE } from '../../src/welcome/common/milestones';
import { openWorkspaceFile, useConnectedDouble, waitFor } from './helpers';

describe('Getting started walkthrough in a real VS Code', () => {
  const { double, phi } = useConnectedDouble();

  it('completes its steps from real events: Ollama and phi4 there, a suggestion accepted, a question sent, a proposal applied', async () => {
    await vscode.commands.executeCommand('phiLocal.resetGettingStarted');
    assert.ok(!phi().walkthrough.reached.includes('chatSent'), 'the steps start over');
    await vscode.commands.executeCommand('phiLocal.retry');
    await waitFor(() => phi().walkthrough.reached.includes('modelPresent'), 'the model step');
    assert.ok(phi().walkthrough.reached.includes('ollamaRunning'));
    assert.ok(!phi().walkthrough.reached.includes('completionAccepted'));

    // The sample file: the cursor where a suggestion comes; the suggestion is accepted with Tab's command.
    await double().client.reply({
      match: { endpoint: 'generate' },
      text: 'items.reduce((sum, item) => sum + item.price * item.quantity, 0);\n```<|im_end|>',
    });
    const editor = (await vscode.commands.executeCommand('phiLocal.openSample')) as vscode.TextEditor;
    assert.equal(editor.document.getText(), SAMPLE.text);
    assert.deepEqual(editor.selection.active, editor.document.lineAt(editor.document.lineCount - 1).range.end);
    await waitFor(
      async () => {
        await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
        return editor.document.getText() !== SAMPLE.text;
      },
      'the sample suggestion to be accepted',
      20_000,
    );
    assert.match(editor.document.getText(), /return items\.reduce\(\(sum, item\) => sum \+ item\.price \* item\.quantity, 0\);/);
    await waitFor(() => phi().walkthrough.reached.includes('completionAccepted'), 'the completion step');
    // An untitled file would ask where to save it when the suite closes its editors.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await double().client.reply({ match: { endpoint: 'chat' }, text: 'A sum over the cart.' });
    await phi().chatView.receive({ type: 'chat/send', text: 'What does cartTotal do?' });
    await waitFor(() => phi().walkthrough.reached.includes('chatSent'), 'the chat step');

    const code = 'function add(a, b) {\n  return a + b;\n}\n';
    await openWorkspaceFile('walkthrough.js', code, new vscode.Selection(0, 0, 2, 1));
    await double().client.reply({ match: { endpoint: 'chat' }, text: '```js\nconst add = (a, b) => a + b;\n```' });
    assert.equal(await vscode.commands.executeCommand('phiLocal.refactorSelection', { instruction: 'Simplify' }), 'ready');
    await waitFor(() => vscode.window.activeTextEditor?.document.getText().includes('const add'), 'the proposal');
    await waitFor(async () => (await vscode.commands.executeCommand('phiLocal.acceptProposal')) === true, 'the proposal to be accepted');
    await waitFor(() => phi().walkthrough.reached.includes('proposalAccepted'), 'the refactor step');
    assert.deepEqual([...phi().walkthrough.reached].sort(), [
      'chatSent',
      'completionAccepted',
      'modelPresent',
      'ollamaRunning',
      'proposalAccepted',
    ]);
  });

  it('Get Started opens the walkthrough', async () => {
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('phiLocal.getStarted');
    const label = await waitFor(() => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return tab && !(tab.input instanceof vscode.TabInputText) ? tab.label : undefined;
    }, 'the walkthrough tab');
    assert.match(label, /Welcome|Walkthrough|Get started/i);
  });
});
