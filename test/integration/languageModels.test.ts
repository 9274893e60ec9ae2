import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { chatRequests, useConnectedDouble, waitFor } from './helpers';

/** Phi Local's models as VS Code's language-model API offers them to any extension. */
async function phiModels(): Promise<vscode.LanguageModelChat[]> {
  return waitFor(
    async () => {
      const models = await vscode.lm.selectChatModels({ vendor: 'phi-local' });
      return models.length > 0 ? models : undefined;
    },
    'Phi Local models in vscode.lm',
    15_000,
  );
}

async function textOf(response: vscode.LanguageModelChatResponse): Promise<string> {
  let text = '';
  for await (const piece of response.text) text += piece;
  return text;
}

describe('Language models in VS Code (vscode.lm)', () => {
  const { double } = useConnectedDouble();

  it('offers every chat model installed in Ollama, with the window Phi Local gives it', async () => {
    const models = await phiModels();
    const ids = models.map((m) => m.id).sort();
    // The double has phi4 and qwen2.5-coder installed (phi4-mini is not pulled).
    assert.deepEqual(ids, ['phi4:latest', 'qwen2.5-coder:1.5b']);
    const phi4 = models.find((m) => m.id === 'phi4:latest');
    assert.equal(phi4?.vendor, 'phi-local');
    assert.equal(phi4?.family, 'phi3');
    // num_ctx 8192 (the default) less the answer's share.
    assert.ok(phi4 && phi4.maxInputTokens > 1000 && phi4.maxInputTokens < 8192, String(phi4?.maxInputTokens));
    assert.ok((await phi4!.countTokens('function add(a, b) { return a + b; }')) > 5);
  });

  it('streams an answer from Ollama through the same client as the chat', async () => {
    await double().client.reply({ match: { endpoint: 'chat', model: 'phi4' }, text: 'A closure keeps its scope alive.' });
    const [phi4] = (await phiModels()).filter((m) => m.id === 'phi4:latest');
    const response = await phi4.sendRequest(
      [vscode.LanguageModelChatMessage.User('What is a closure? One sentence.')],
      { modelOptions: { temperature: 0.1, num_ctx: 999_999 } },
      new vscode.CancellationTokenSource().token,
    );
    assert.equal(await textOf(response), 'A closure keeps its scope alive.');
    const [request] = await chatRequests(double());
    const body = request.body as { model: string; messages: { role: string; content: string }[]; options: Record<string, number> };
    assert.equal(body.model, 'phi4:latest');
    assert.deepEqual(body.messages, [{ role: 'user', content: 'What is a closure? One sentence.' }]);
    assert.equal(body.options.temperature, 0.1);
    // A caller cannot change how the model is loaded.
    assert.equal(body.options.num_ctx, 8192);
  });

  it('cancelling the request closes it, so Ollama stops generating', async () => {
    await double().client.reply({ match: { endpoint: 'chat' }, text: 'word '.repeat(400), pacing: { tokensPerSecond: 20 } });
    const [phi4] = (await phiModels()).filter((m) => m.id === 'phi4:latest');
    const cancel = new vscode.CancellationTokenSource();
    const response = await phi4.sendRequest([vscode.LanguageModelChatMessage.User('Talk.')], {}, cancel.token);
    let received = '';
    const reading = (async () => {
      try {
        for await (const piece of response.text) {
          received += piece;
          if (received.length > 20) cancel.cancel();
        }
      } catch {
        // A cancelled stream may end with an error; what matters is the request.
      }
    })();
    await reading;
    const [request] = await waitFor(async () => {
      const requests = await chatRequests(double());
      return requests[0]?.disconnected ? requests : undefined;
    }, 'the request to be closed');
    assert.equal(request.completed, false);
    assert.ok(received.length < 'word '.repeat(400).length);
  });

  it('declares no tool calling: a request that requires a tool is refused before anything is sent', async () => {
    const [phi4] = (await phiModels()).filter((m) => m.id === 'phi4:latest');
    await assert.rejects(async () => {
      const response = await phi4.sendRequest(
        [vscode.LanguageModelChatMessage.User('Search the web.')],
        {
          tools: [{ name: 'search', description: 'Search the web', inputSchema: { type: 'object', properties: {} } }],
          toolMode: vscode.LanguageModelChatToolMode.Required,
        },
        new vscode.CancellationTokenSource().token,
      );
      await textOf(response);
    }, /cannot call tools/);
    assert.deepEqual(await chatRequests(double()), []);
  });

  it('a model that is not installed fails with a message that says how to get it', async () => {
    await double().client.reply({
      match: { endpoint: 'chat' },
      fault: { kind: 'status', status: 404, error: 'model "phi4" not found, try pulling it first' },
    });
    const [phi4] = (await phiModels()).filter((m) => m.id === 'phi4:latest');
    await assert.rejects(async () => {
      const response = await phi4.sendRequest([vscode.LanguageModelChatMessage.User('Hi')], {}, new vscode.CancellationTokenSource().token);
      await textOf(response);
    }, /ollama pull phi4/);
  });
});
