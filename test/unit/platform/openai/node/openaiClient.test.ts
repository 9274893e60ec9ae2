import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAiClient } from '../../../../../src/platform/openai/node/openaiClient';
import type { ModelBackend } from '../../../../../src/platform/backend/common/modelBackend';
import { useDouble } from '../../../../support/double-hooks';
import { collect, failureOf } from '../../../../support/streams';
import type { CompletionPrompt } from '../../../../../src/platform/backend/common/modelTypes';

const never = () => new AbortController().signal;
const MODEL = 'microsoft/phi-4';

function rawPrompt(prompt: string): CompletionPrompt {
  return { endpoint: 'generate', prompt, raw: true, stop: ['<|im_end|>', '\n```'], numPredict: 64, promptTokens: 10 };
}

describe('OpenAiClient against the double speaking the OpenAI-compatible API (as vLLM)', () => {
  const double = useDouble({ protocol: 'openai' });
  let client: OpenAiClient;

  beforeEach(() => {
    double.apiKey = undefined;
    client = new OpenAiClient({ baseUrl: `${double.url}/v1`, contextLength: 0 });
  });

  it('lists the served models with their context window, and knows phi-4 by name: ChatML hole filling', async () => {
    assert.equal(await client.version(), 'vllm');
    const models = await client.listModels();
    assert.deepEqual(
      models.map((m) => m.name),
      ['microsoft/phi-4', 'Qwen/Qwen2.5-Coder-1.5B'],
    );
    const info = await client.show(MODEL);
    assert.equal(info.contextLength, 16384, "vLLM's max_model_len");
    assert.deepEqual(info.promptFormat, { kind: 'chatml', roleSeparator: '<|im_sep|>\n' });
    assert.deepEqual(info.capabilities, ['completion'], 'no fill-in-the-middle claimed');
    assert.equal(double.requestsTo('/v1/models').length, 1, 'the list is asked once per client');
    const other = await client.show('Qwen/Qwen2.5-Coder-1.5B');
    assert.equal(other.promptFormat.kind, 'chatml');
    const missing = await failureOf(client.show('phi4'));
    assert.equal(missing.kind, 'modelMissing');
    assert.equal(missing.server, 'openai-compatible');
    assert.match(missing.detail, /serves microsoft\/phi-4, Qwen\/Qwen2\.5-Coder-1\.5B/);
  });

  it('the context window setting wins over the server', async () => {
    const fixed = new OpenAiClient({ baseUrl: `${double.url}/v1`, contextLength: 4096 });
    assert.equal((await fixed.show(MODEL)).contextLength, 4096);
  });

  it('streams a raw completion from /v1/completions with cache_prompt, max_tokens and stops; stats from usage', async () => {
    double.reply({ tokens: ['const ', 'x', ' = ', '1;'] });
    const stats: unknown[] = [];
    let text = '';
    for await (const piece of client.complete(rawPrompt('<|im_start|>user<|im_sep|>\nx'), MODEL, never(), (s) => stats.push(s)))
      text += piece;
    assert.equal(text, 'const x = 1;');
    const [request] = double.requestsTo('/v1/completions');
    const body = request.body as Record<string, unknown>;
    assert.equal(body.prompt, '<|im_start|>user<|im_sep|>\nx');
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.cache_prompt, true);
    assert.equal(body.max_tokens, 64);
    assert.deepEqual(body.stop, ['<|im_end|>', '\n```']);
    assert.equal(body.temperature, 0.2);
    assert.equal('keep_alive' in body || 'options' in body || 'num_ctx' in body, false, 'nothing of Ollama');
    assert.equal(stats.length, 1);
    assert.deepEqual(
      { ...(stats[0] as object), totalDurationMs: 0, promptEvalDurationMs: 0, evalDurationMs: 0 },
      {
        doneReason: 'stop',
        promptEvalCount: request.promptEvalCount,
        evalCount: 4,
        totalDurationMs: 0,
        promptEvalDurationMs: 0,
        evalDurationMs: 0,
      },
    );
  });

  it('streams a chat answer; a pre-filled assistant message is continued (vLLM continue_final_message)', async () => {
    double.reply({ match: { endpoint: 'chat' }, text: 'Use a Map.' });
    const { text, chunks } = await collect(client.chat({ model: MODEL, messages: [{ role: 'user', content: 'How?' }] }, never()));
    assert.equal(text, 'Use a Map.');
    assert.equal(chunks.at(-1)?.done, true);
    assert.equal(chunks.at(-1)?.stats?.evalCount, 4);
    const plain = double.requestsTo('/v1/chat/completions')[0].body as Record<string, unknown>;
    assert.equal('continue_final_message' in plain, false);

    double.reply({ match: { endpoint: 'chat' }, text: ' + 1;' });
    const prefilled = [
      { role: 'user' as const, content: 'Complete' },
      { role: 'assistant' as const, content: 'x' },
    ];
    for await (const _ of client.complete(
      { endpoint: 'chat', prompt: '', raw: false, messages: prefilled, stop: [], numPredict: 16, promptTokens: 4 },
      MODEL,
      never(),
    ));
    const continued = double.requestsTo('/v1/chat/completions')[1].body as Record<string, unknown>;
    assert.equal(continued.continue_final_message, true);
    assert.equal(continued.add_generation_prompt, false);
  });

  it('sends the API key as a bearer token and nothing of the library or the environment; a wrong key is unauthorized', async () => {
    double.apiKey = 'team-key';
    process.env.OPENAI_API_KEY = 'sk-from-env';
    process.env.OPENAI_ORG_ID = 'org-from-env';
    try {
      const keyless = await failureOf(client.listModels());
      assert.equal(keyless.kind, 'unauthorized');
      assert.equal(keyless.status, 401);
      assert.match(keyless.message, /refused the request \(401: Unauthorized\)\. Set its API key with "Phi Local: Set API Key…"\./);
      assert.equal(double.requests[0].headers.authorization, undefined, 'the environment key is never sent');
      const keyed = new OpenAiClient({ baseUrl: `${double.url}/v1`, apiKey: 'team-key', contextLength: 0 });
      assert.equal((await keyed.listModels()).length, 2);
      const headers = double.requests.at(-1)?.headers ?? {};
      assert.equal(headers.authorization, 'Bearer team-key');
      assert.deepEqual(
        Object.keys(headers).filter((name) => /^(openai-|x-stainless)/.test(name)),
        [],
        'no organization, project or client fingerprint headers',
      );
    } finally {
      delete process.env.OPENAI_API_KEY;
      delete process.env.OPENAI_ORG_ID;
    }
  });

  it('maps errors: unknown model 404, busy 429/503 with Retry-After, context too long, mid-stream error event, cut stream', async () => {
    const notServed = await failureOf(collect(client.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }, never())));
    assert.equal(notServed.kind, 'modelMissing');
    assert.match(notServed.detail, /The model `gpt-4o` does not exist/);

    double.reply({ match: { endpoint: 'chat' }, fault: { kind: 'status', status: 429, error: 'Too many requests', retryAfter: '7' } });
    const busy = await failureOf(collect(client.chat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }, never())));
    assert.equal(busy.kind, 'busy');
    assert.equal(busy.retryAfterSeconds, 7);
    assert.match(busy.message, /is busy \(429: Too many requests\)\. Try again in 7 s\./);
    assert.equal(double.requestsTo('/v1/chat/completions').length, 2, 'the client never retries by itself');

    const long = await failureOf(
      collect(
        client.chat(
          { model: MODEL, messages: [{ role: 'user', content: 'word '.repeat(14000) }], options: { num_predict: 4096 } },
          never(),
        ),
      ),
    );
    assert.equal(long.kind, 'contextTooLong');
    assert.match(long.message, /does not fit the context window of "microsoft\/phi-4".*phiLocal\.openai\.contextLength/);

    double.reply({
      match: { endpoint: 'chat' },
      text: 'one two three four',
      fault: { kind: 'errorLine', afterChunks: 2, error: 'CUDA out of memory' },
    });
    const chunks: string[] = [];
    const broken = await failureOf(
      (async () => {
        for await (const chunk of client.chat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }, never()))
          chunks.push(chunk.text);
      })(),
    );
    assert.equal(broken.kind, 'failedMidStream');
    assert.match(broken.detail, /CUDA out of memory/);
    assert.equal(chunks.join(''), 'one two', 'what came before the error was streamed');

    double.reply({ match: { endpoint: 'chat' }, text: 'one two three', fault: { kind: 'noDone', afterChunks: 1 } });
    const cut = await failureOf(collect(client.chat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }, never())));
    assert.equal(cut.kind, 'failedMidStream');

    double.reply({ match: { endpoint: 'chat' }, text: 'one two three', fault: { kind: 'reset', afterChunks: 1 } });
    const reset = await failureOf(collect(client.chat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }, never())));
    assert.equal(reset.kind, 'failedMidStream');
  });

  it('aborting while the server evaluates the prompt closes the request; stopping the iteration early closes it too', async () => {
    double.reply({ text: 'late', pacing: { ttftMs: 2000 } });
    const controller = new AbortController();
    const pending = failureOf(collect(client.chat({ model: MODEL, messages: [{ role: 'user', content: 'x' }] }, controller.signal)));
    await double.waitFor(() => double.requestsTo('/v1/chat/completions').length === 1, 5000, 'the request');
    controller.abort();
    assert.equal((await pending).kind, 'aborted');
    await double.waitFor(() => double.requestsTo('/v1/chat/completions')[0].disconnected, 5000, 'the disconnect');

    double.reply({ text: 'a b c d e f g h i j k l', pacing: { tokensPerSecond: 20 } });
    for await (const chunk of client.chat({ model: MODEL, messages: [{ role: 'user', content: 'y' }] }, never())) {
      if (chunk.text) break;
    }
    await double.waitFor(() => double.requestsTo('/v1/chat/completions')[1].disconnected, 5000, 'the early stop to close the request');
    assert.ok(double.requestsTo('/v1/chat/completions')[1].evalCount < 12);
  });

  it('is unreachable when nothing listens, and says so when something else answers', async () => {
    const down = new OpenAiClient({ baseUrl: 'http://127.0.0.1:9/v1', contextLength: 0 });
    const failure = await failureOf(down.version());
    assert.equal(failure.kind, 'unreachable');
    assert.match(
      failure.message,
      /The OpenAI-compatible server is not reachable at http:\/\/127\.0\.0\.1:9\/v1\. Start it, or fix the setting phiLocal\.openai\.baseUrl\./,
    );

    const html = http.createServer((_, res) => res.writeHead(500, { 'Content-Type': 'text/html' }).end('<h1>oops</h1>'));
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    try {
      const other = new OpenAiClient({ baseUrl: `http://127.0.0.1:${(html.address() as AddressInfo).port}/v1`, contextLength: 0 });
      const wrong = await failureOf(other.version());
      assert.equal(wrong.kind, 'unreachable');
      assert.match(wrong.detail, /answered, but not like an OpenAI-compatible server/);
    } finally {
      html.close();
    }
  });

  it('has nothing to pull or load, and says why', async () => {
    assert.deepEqual(client.capabilities, { loading: false, keepAlive: false });
    await client.warmUp();
    assert.equal((client as ModelBackend).pull, undefined, 'no pull: the server serves the models it was started with');
    assert.equal(double.requests.length, 0);
  });
});

describe("OpenAiClient against the double playing llama.cpp's server: fill-in-the-middle through /infill", () => {
  const double = useDouble({ protocol: 'openai', server: 'llamacpp' });
  let client: OpenAiClient;
  const CODER = 'Qwen/Qwen2.5-Coder-1.5B';

  beforeEach(() => {
    client = new OpenAiClient({ baseUrl: `${double.url}/v1`, contextLength: 0 });
  });

  it('claims insert only for a code model on llama.cpp, and fills in the middle with prefix and suffix', async () => {
    assert.equal(await client.version(), 'llamacpp');
    assert.deepEqual((await client.show(CODER)).capabilities, ['completion', 'insert']);
    assert.equal((await client.show(CODER)).promptFormat.kind, 'fim');
    assert.deepEqual((await client.show(MODEL)).capabilities, ['completion'], 'phi-4 has no FIM tokens');

    double.reply({ tokens: ['items', '.length'] });
    const stats: { doneReason?: string; evalCount?: number; promptEvalCount?: number }[] = [];
    let text = '';
    const fim: CompletionPrompt = {
      endpoint: 'generate',
      prompt: 'const n = ',
      suffix: ';\n',
      raw: false,
      stop: ['\n'],
      numPredict: 32,
      promptTokens: 5,
    };
    for await (const piece of client.complete(fim, CODER, never(), (s) => stats.push(s))) text += piece;
    assert.equal(text, 'items.length');
    const [request] = double.requestsTo('/infill');
    const body = request.body as Record<string, unknown>;
    assert.deepEqual(
      { prefix: body.input_prefix, suffix: body.input_suffix, n: body.n_predict, cache: body.cache_prompt, stream: body.stream },
      { prefix: 'const n = ', suffix: ';\n', n: 32, cache: true, stream: true },
    );
    assert.equal(double.requestsTo('/v1/completions').length, 0);
    assert.equal(stats.length, 1);
    assert.equal(stats[0].doneReason, 'stop');
    assert.equal(stats[0].evalCount, 2);
    assert.equal(stats[0].promptEvalCount, request.promptEvalCount);
  });

  it('a model without FIM tokens is refused by the server as a missing capability', async () => {
    const fim: CompletionPrompt = { endpoint: 'generate', prompt: 'x', suffix: 'y', raw: false, stop: [], numPredict: 8, promptTokens: 2 };
    const failure = await failureOf(
      (async () => {
        for await (const _ of client.complete(fim, MODEL, never()));
      })(),
    );
    assert.equal(failure.kind, 'capabilityMissing');
    assert.match(failure.detail, /Infill is not supported by this model/);
  });
});
