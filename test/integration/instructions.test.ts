import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { chatRequests, focusChatView, openWorkspaceFile, setSetting, useConnectedDouble, waitFor, type RunningDouble } from './helpers';
import type { PhiLocalApi } from '../../src/extension';

const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
const agents = path.join(folder, 'AGENTS.md');
const own = path.join(folder, '.philocal', 'instructions.md');

describe('Project instructions (AGENTS.md…) in a real VS Code', () => {
  const suite = useConnectedDouble();
  let double: RunningDouble;
  let phi: PhiLocalApi;

  /** The system prompt of the next chat question. */
  async function systemPrompt(): Promise<string> {
    await double.client.reset();
    await double.client.setModel('phi4', { loaded: true });
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'Noted.' });
    await vscode.commands.executeCommand('phiLocal.newChat');
    assert.equal(await phi.chatView.receive({ type: 'chat/send', text: 'How should I name things?' }), true);
    const [request] = await chatRequests(double);
    return (request.body as { messages: { role: string; content: string }[] }).messages[0].content;
  }
  /** Waits until the next question's system prompt passes `check` (the file watcher reports changes a little later). */
  function promptWhere(check: (system: string) => boolean, what: string): Promise<string> {
    return waitFor(async () => {
      const system = await systemPrompt();
      return check(system) && system;
    }, what);
  }

  before(async () => {
    double = suite.double();
    phi = suite.phi();
    await focusChatView(phi);
  });
  beforeEach(() => {
    double = suite.double();
  });
  afterEach(async () => {
    rmSync(agents, { force: true });
    rmSync(path.join(folder, '.philocal'), { recursive: true, force: true });
    await setSetting('chat.projectInstructions', undefined);
    await setSetting('exclude', undefined);
  });

  it('sends AGENTS.md with every chat question, and stops when the chip is removed until the file changes', async () => {
    writeFileSync(agents, '# Conventions\n\nName booleans isSomething. Never use default exports.\n');
    const system = await promptWhere((s) => s.includes('<project-instructions>'), 'AGENTS.md in the system prompt');
    assert.match(system, /from `AGENTS\.md`/);
    assert.match(system, /Name booleans isSomething\. Never use default exports\./);

    await phi.chatView.receive({ type: 'context/remove', id: 'instructions' });
    assert.doesNotMatch(await systemPrompt(), /project-instructions/, 'removed from the chat');

    writeFileSync(agents, '# Conventions\n\nName booleans hasSomething.\n');
    await promptWhere((s) => s.includes('Name booleans hasSomething.'), 'the changed file to be used again');
  });

  it('goes into selection commands too', async () => {
    writeFileSync(agents, 'Prefer early returns.\n');
    await promptWhere((s) => s.includes('Prefer early returns.'), 'AGENTS.md in the chat');
    await openWorkspaceFile(
      'instructed.ts',
      'export function f(a: number) {\n  if (a) {\n    return 1;\n  }\n  return 2;\n}\n',
      new vscode.Selection(0, 0, 5, 1),
    );
    await double.client.reset();
    await double.client.setModel('phi4', { loaded: true });
    await double.client.reply({ match: { endpoint: 'chat' }, text: '```ts\nexport function f(a: number) {\n  return a ? 1 : 2;\n}\n```' });
    assert.equal(await vscode.commands.executeCommand('phiLocal.refactorSelection', { instruction: 'Simplify' }), 'ready');
    await waitFor(async () => (await chatRequests(double)).length > 0, 'the refactor request');
    const [request] = await chatRequests(double);
    const system = (request.body as { messages: { content: string }[] }).messages[0].content;
    assert.match(system, /exactly one fenced code block[\s\S]*<project-instructions>\nPrefer early returns\.\n<\/project-instructions>/);
    await vscode.commands.executeCommand('phiLocal.rejectProposal');
  });

  it('follows the setting: another file chosen, or none', async () => {
    writeFileSync(agents, 'From AGENTS.\n');
    mkdirSync(path.dirname(own), { recursive: true });
    writeFileSync(own, 'From Phi Local’s own file.\n');
    await promptWhere((s) => s.includes('From AGENTS.'), 'AGENTS.md first with auto');
    await setSetting('chat.projectInstructions', '.philocal/instructions.md');
    const chosen = await promptWhere((s) => s.includes('From Phi Local’s own file.'), 'the chosen file');
    assert.doesNotMatch(chosen, /From AGENTS\./);
    await setSetting('chat.projectInstructions', 'off');
    await promptWhere((s) => !s.includes('project-instructions'), 'no instructions when off');
  });

  it('never uses an excluded file or one that leads outside the workspace', async () => {
    writeFileSync(agents, 'Excluded instructions.\n');
    await promptWhere((s) => s.includes('Excluded instructions.'), 'AGENTS.md used before it is excluded');
    await setSetting('exclude', ['AGENTS.md']);
    await promptWhere((s) => !s.includes('project-instructions'), 'the excluded file left out');
    await setSetting('exclude', undefined);

    const outside = mkdtempSync(path.join(os.tmpdir(), 'phi-outside-'));
    try {
      writeFileSync(path.join(outside, 'notes.md'), 'OUTSIDE SECRET NOTES\n');
      rmSync(agents, { force: true });
      symlinkSync(path.join(outside, 'notes.md'), agents);
      await setSetting('chat.projectInstructions', 'AGENTS.md');
      const system = await promptWhere((s) => !s.includes('Excluded instructions.'), 'the deleted file forgotten');
      assert.doesNotMatch(system, /OUTSIDE SECRET NOTES|project-instructions/);
      // The reader still works: a real file in its place is used.
      rmSync(agents, { force: true });
      writeFileSync(agents, 'Inside again.\n');
      await promptWhere((s) => s.includes('Inside again.'), 'a real AGENTS.md in place of the link');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
