import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PhiLocalApi } from '../../src/extension';
import type { RecordedRequest } from '../support/ollama-double';
import { api, commitWhenShown, openWorkspaceFile, setSetting, startDouble, waitFor, type RunningDouble } from './helpers';

const MODEL = 'microsoft/phi-4';
const KEY = 'team-key-42';
const SUM_TS =
  'interface Item {\n  price: number;\n}\n\nexport function sum(items: Item[]): number {\n  const total = items.\n  return total;\n}\n';
const ORIGINAL = 'export function total(prices) {\n  let sum = 0;\n  for (const p of prices) sum += p;\n  return sum;\n}\n';
const REWRITE = 'export function total(prices: number[]): number {\n  return prices.reduce((sum, price) => sum + price, 0);\n}';

const to = (path: string) => (requests: RecordedRequest[]) => requests.filter((r) => r.path === path);

/** Points Phi Local at the OpenAI-compatible double at `url` with these models, in the user's settings. */
async function useServer(url: string, models: { chat: string; completion: string }): Promise<void> {
  await setSetting('chat.model', models.chat);
  await setSetting('completion.model', models.completion);
  await setSetting('openai.baseUrl', url);
  await setSetting('backend', 'openai-compatible');
}

/** Back to Ollama and the default models; editors saved and closed, the double stopped. */
async function leaveServer(double: RunningDouble): Promise<void> {
  await setSetting('backend', undefined);
  await setSetting('openai.baseUrl', undefined);
  await setSetting('chat.model', undefined);
  await setSetting('completion.model', undefined);
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await double.stop();
}

/** Asks for a suggestion at the cursor and commits it once it shows. */
async function completeHere(editor: vscode.TextEditor): Promise<string> {
  const before = editor.document.getText();
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  return commitWhenShown(editor, before);
}

describe('OpenAI-compatible backend in a real VS Code (the double speaking as vLLM, with an API key)', () => {
  let double: RunningDouble;
  let phi: PhiLocalApi;
  let baseUrl: string;

  before(async () => {
    double = await startDouble(['--openai', '--api-key', KEY]);
    baseUrl = `${double.url}/v1`;
    phi = await api();
    await useServer(double.url, { chat: MODEL, completion: MODEL });
  });

  after(async () => {
    await vscode.commands.executeCommand('phiLocal.setApiKey', '');
    await leaveServer(double);
  });

  it('without the key the server refuses, and the status says so with Set API Key; with it Phi Local is ready', async () => {
    await waitFor(() => phi.connection.client.host === baseUrl, 'the client to follow the backend settings');
    await waitFor(
      () => {
        const state = phi.connection.state;
        return state.kind === 'unreachable' && state.failure.kind === 'unauthorized';
      },
      `the refusal (state: ${JSON.stringify(phi.connection.state)})`,
    );
    assert.equal(phi.statusBar.view.actions[0], 'setApiKey');
    assert.match(phi.statusBar.view.tooltip, /refused the request \(401: Unauthorized\)/);

    const before = (await double.client.requests()).length;
    assert.equal(await vscode.commands.executeCommand('phiLocal.setApiKey', KEY), true);
    await waitFor(() => phi.connection.state.kind === 'ready', `ready (state: ${phi.connection.state.kind})`);
    // The server's window is the connection's state, not a settings write-back that starts a second probe.
    const states: string[] = [];
    const listening = phi.connection.onDidChange(() => states.push(phi.connection.state.kind));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    listening.dispose();
    assert.deepEqual(
      [...new Set(states)].filter((kind) => kind !== 'ready'),
      [],
      'the status stays ready',
    );
    const requests = await double.client.requests();
    assert.equal(to('/v1/models')(requests.slice(before)).length, 1, 'one probe after the key: one look at the served models');
    assert.equal(requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(
      requests.filter((r) => r.path.startsWith('/api/')),
      [],
      'nothing of Ollama is asked',
    );
    assert.match(phi.statusBar.view.tooltip, new RegExp(`OpenAI-compatible server \\(vllm\\) at ${baseUrl.replace(/[.]/g, '\\.')}`));
    assert.equal(phi.connection.settings.numCtx, 16384, "the prompts plan with the server's max_model_len");
    assert.equal(phi.config.current.numCtx, 8192, 'the settings are not written back');
  });

  it('completes with the phi4 hole-filling prompt through /v1/completions, with cache_prompt', async () => {
    await double.client.reset();
    await double.client.reply({ match: { endpoint: 'generate' }, text: 'reduce((sum, item) => sum + item.price, 0);<|im_end|>' });
    const editor = await openWorkspaceFile('team.ts', SUM_TS, new vscode.Selection(5, 22, 5, 22));
    const text = await completeHere(editor);
    assert.equal(text, SUM_TS.replace('items.\n', 'items.reduce((sum, item) => sum + item.price, 0);\n'));
    const completions = to('/v1/completions')(await double.client.requests()).filter(
      (r) => (r.body as { max_tokens?: number }).max_tokens !== 1,
    );
    assert.ok(completions.length >= 1);
    const body = completions[0].body as Record<string, unknown>;
    assert.equal(body.model, MODEL);
    assert.equal(body.cache_prompt, true);
    assert.match(
      String(body.prompt),
      /^<\|im_start\|>system<\|im_sep\|>\n[\s\S]*<FILL_HERE>[\s\S]*<\|im_start\|>assistant<\|im_sep\|>\n```typescript\n {2}const total = items\.$/,
    );
    assert.equal(completions[0].headers.authorization, `Bearer ${KEY}`);
  });

  it('answers in the chat through /v1/chat/completions', async () => {
    await double.client.reset();
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'Use **reduce**.' });
    await vscode.commands.executeCommand('phiLocal.newChat');
    await phi.chatView.receive({ type: 'chat/send', text: 'How do I sum prices?' });
    await waitFor(() => phi.openChatStore().current.messages.at(-1)?.status === 'done', 'the answer');
    const answer = phi.openChatStore().current.messages.at(-1);
    assert.equal(answer?.content, 'Use **reduce**.');
    assert.ok(answer?.stats?.promptTokens, 'prompt tokens from the usage chunk');
    const [request] = to('/v1/chat/completions')(await double.client.requests());
    const body = request.body as { model: string; messages: { role: string; content: string }[]; stream: boolean };
    assert.equal(body.model, MODEL);
    assert.equal(body.stream, true);
    assert.equal(body.messages.at(-1)?.content, 'How do I sum prices?');
  });

  it('refactors a selection: the proposal streams into a diff and Accept applies it', async () => {
    await double.client.reset();
    const editor = await openWorkspaceFile('team-refactor.ts', ORIGINAL, new vscode.Selection(0, 0, 4, 1));
    await double.client.reply({ match: { endpoint: 'chat' }, text: `\`\`\`ts\n${REWRITE}\n\`\`\`` });
    assert.equal(await vscode.commands.executeCommand('phiLocal.refactorSelection', { instruction: 'Add types' }), 'ready');
    const proposal = vscode.window.activeTextEditor?.document;
    assert.equal(proposal?.uri.scheme, 'phi-local-proposal');
    await waitFor(() => proposal?.getText() === `${REWRITE}\n`, 'the whole proposal');
    assert.equal(await vscode.commands.executeCommand('phiLocal.acceptProposal'), true);
    assert.equal(editor.document.getText(), `${REWRITE}\n`);
  });

  it("offers the server's model in vscode.lm and streams its answer", async () => {
    await double.client.reset();
    await double.client.reply({ match: { endpoint: 'chat' }, text: 'A closure keeps its scope alive.' });
    const models = await waitFor(async () => {
      const found = await vscode.lm.selectChatModels({ vendor: 'phi-local' });
      return found.some((m) => m.id === MODEL) && found;
    }, 'the served model in vscode.lm');
    const model = models.find((m) => m.id === MODEL);
    assert.ok(model);
    assert.equal(model.maxInputTokens > 0, true);
    const response = await model.sendRequest(
      [vscode.LanguageModelChatMessage.User('What is a closure?')],
      {},
      new vscode.CancellationTokenSource().token,
    );
    let text = '';
    for await (const piece of response.text) text += piece;
    assert.equal(text, 'A closure keeps its scope alive.');
    assert.equal(to('/v1/chat/completions')(await double.client.requests()).length, 1);
  });

  it('Pull Model does not apply and sends nothing; a model the server does not serve is named in the status', async () => {
    await double.client.reset();
    assert.equal(await vscode.commands.executeCommand('phiLocal.pullModel', 'phi4'), false);
    assert.deepEqual(await double.client.requests(), []);
    await setSetting('chat.model', 'phi4');
    try {
      await waitFor(() => phi.connection.state.kind === 'modelMissing', 'the missing model');
      assert.match(phi.statusBar.view.text, /phi4 not served/);
      assert.deepEqual(phi.statusBar.view.actions.includes('pullModel'), false);
      assert.match(phi.statusBar.view.tooltip, /does not serve the model phi4/);
    } finally {
      await setSetting('chat.model', MODEL);
    }
    await waitFor(() => phi.connection.state.kind === 'ready', 'ready again');
  });
});

describe("OpenAI-compatible backend in a real VS Code: a code model on llama.cpp's server fills in the middle", () => {
  const CODER = 'Qwen/Qwen2.5-Coder-1.5B';
  let double: RunningDouble;
  let phi: PhiLocalApi;

  before(async () => {
    double = await startDouble(['--openai', '--server', 'llamacpp']);
    phi = await api();
    await useServer(`${double.url}/v1`, { chat: MODEL, completion: CODER });
    await waitFor(() => phi.connection.client.host === `${double.url}/v1` && phi.connection.state.kind === 'ready', 'ready at llama.cpp');
  });

  after(() => leaveServer(double));

  it('sends the code before and after the cursor to /infill and shows the answer', async () => {
    await double.client.reply({ match: { endpoint: 'generate' }, text: 'reduce((sum, item) => sum + item.price, 0);' });
    const editor = await openWorkspaceFile('infill.ts', SUM_TS, new vscode.Selection(5, 22, 5, 22));
    const text = await completeHere(editor);
    assert.equal(text, SUM_TS.replace('items.\n', 'items.reduce((sum, item) => sum + item.price, 0);\n'));
    const infills = to('/infill')(await double.client.requests()).filter((r) => (r.body as { n_predict?: number }).n_predict !== 1);
    assert.ok(infills.length >= 1);
    const body = infills[0].body as { input_prefix: string; input_suffix: string; cache_prompt: boolean };
    assert.match(body.input_prefix, / {2}const total = items\.$/);
    assert.match(body.input_suffix, /^\n {2}return total;/);
    assert.equal(body.cache_prompt, true);
    assert.equal(to('/v1/completions')(await double.client.requests()).length, 0);
  });
});
