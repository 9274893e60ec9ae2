import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../src/platform/config/common/settings';
import { api, connectTo, EXTENSION_ID, setSetting, startDouble, waitFor, type RunningDouble } from './helpers';

describe('Foundation in a real VS Code', () => {
  let double: RunningDouble;

  before(async () => {
    double = await startDouble();
  });
  after(async () => {
    await double.stop();
  });
  beforeEach(async () => {
    await double.client.reset();
  });

  it('activates without errors and reports its activation time', async () => {
    const phi = await api();
    assert.equal(typeof phi.activationMs, 'number');
    console.log(`      activation took ${phi.activationMs} ms in ${vscode.env.appName} ${vscode.version}`);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('registers every contributed command', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string; title: string; category: string }[] };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands;
    assert.ok(contributed.length >= 10);
    for (const command of contributed) {
      assert.ok(registered.has(command.command), `${command.command} is not registered`);
      assert.equal(command.category, 'Phi Local');
    }
  });

  it('declares the same defaults in package.json as in code', () => {
    const configuration = vscode.workspace.getConfiguration('phiLocal');
    for (const [field, key] of Object.entries(SETTING_KEYS)) {
      assert.deepEqual(
        configuration.inspect(key)?.defaultValue,
        DEFAULT_SETTINGS[field as keyof typeof DEFAULT_SETTINGS],
        `default of phiLocal.${key}`,
      );
    }
  });

  it('reaches ready against Ollama, warming the chat model up first', async () => {
    const phi = await api();
    const states: string[] = [];
    const subscription = phi.connection.onDidChange(() => states.push(phi.connection.state.kind));
    await double.client.setPacing({ loadMs: 300 });
    try {
      await connectTo(double.url);
    } finally {
      subscription.dispose();
    }
    assert.ok(states.includes('loading'), `states seen: ${states.join(' → ')}`);
    const warmUp = (await double.client.requestsTo('/api/generate')).find((r) => (r.body as { prompt?: string }).prompt === '');
    assert.ok(warmUp, 'a load-only request was sent');
    assert.deepEqual((warmUp.body as { options: unknown }).options, { num_ctx: 8192 });
    assert.match(phi.statusBar.view.text, /phi4/);
    assert.equal(phi.statusBar.view.severity, 'normal');
  });

  it('shows a missing model, pulls it with progress and ends ready', async () => {
    const phi = await connectTo(double.url);
    await double.client.setModel('phi4', { present: false });
    await phi.connection.probe('test');
    assert.deepEqual(phi.connection.state, { kind: 'modelMissing', model: 'phi4' });
    assert.match(phi.statusBar.view.text, /phi4 not pulled/);
    assert.ok(phi.statusBar.view.actions.includes('pullModel'));
    const percents: number[] = [];
    const subscription = phi.connection.onDidChange(() => {
      const state = phi.connection.state;
      if (state.kind === 'pulling' && state.percent !== undefined) percents.push(state.percent);
    });
    try {
      const pulled = await vscode.commands.executeCommand<boolean>('phiLocal.pullModel');
      assert.equal(pulled, true);
    } finally {
      subscription.dispose();
    }
    await waitFor(() => phi.connection.state.kind === 'ready', 'ready after the pull');
    assert.ok(percents.length >= 3, `progress seen: ${percents.join(', ')}`);
    assert.equal(percents.at(-1), 100);
    const pull = await double.client.requestsTo('/api/pull');
    assert.equal(pull.length, 1);
    assert.equal((pull[0].body as { name: string }).name, 'phi4');
  });

  it('shows Ollama down as unreachable (the notification is a UI test), then recovers on retry', async () => {
    const phi = await connectTo(double.url);
    await double.client.stop();
    await phi.connection.probe('test 1');
    await phi.connection.probe('test 2');
    assert.equal(phi.connection.state.kind, 'unreachable');
    assert.match(phi.statusBar.view.text, /Ollama not reachable/);
    assert.equal(phi.statusBar.view.severity, 'error');
    assert.deepEqual(phi.statusBar.view.actions.slice(0, 2), ['retry', 'installOllama']);
    assert.match(phi.statusBar.view.tooltip, new RegExp(`not reachable at ${double.url.replace(/\./g, '\\.')}`));
    await double.client.start();
    await vscode.commands.executeCommand('phiLocal.retry');
    await waitFor(() => phi.connection.state.kind === 'ready', 'ready after retry');
  });

  it('re-probes when phiLocal.ollama.host changes at runtime', async () => {
    const phi = await connectTo(double.url);
    const second = await startDouble();
    try {
      await connectTo(second.url);
      const seen = await second.client.requests();
      assert.ok(
        seen.some((r) => r.path === '/api/version'),
        'the new host was probed',
      );
      assert.ok(
        seen.some((r) => r.path === '/api/show'),
        'capabilities were read from the new host',
      );
      assert.equal(phi.connection.client.host, second.url);
    } finally {
      await setSetting('ollama.host', double.url);
      await second.stop();
    }
  });

  it('warns about a malformed setting and falls back without crashing', async () => {
    const phi = await connectTo(double.url);
    await setSetting('ollama.numCtx', 12);
    try {
      await waitFor(() => phi.config.current.numCtx === 8192 && phi.connection.state.kind === 'ready', 'fallback numCtx');
    } finally {
      await setSetting('ollama.numCtx', undefined);
    }
  });

  it('resolves the chat view', async () => {
    const phi = await api();
    await vscode.commands.executeCommand('phiLocal.chat.focus');
    await waitFor(() => phi.chatView.resolved, 'the chat view to resolve');
  });
});
