// One table of situations, run against both model clients over real HTTP (the double speaking Ollama's API,
// then the OpenAI-compatible one): the same situation is the same failure kind, with the server's Retry-After
// where it gave one, and a message that names the server and the setting of the backend in use.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModelBackend } from '../../../../../src/platform/backend/common/modelBackend';
import type { FailureKind } from '../../../../../src/platform/backend/common/modelFailure';
import { OllamaClient } from '../../../../../src/platform/ollama/node/ollamaClient';
import { OpenAiClient } from '../../../../../src/platform/openai/node/openaiClient';
import type { OllamaDouble, ScriptedReply } from '../../../../support/ollama-double';
import { useDouble } from '../../../../support/double-hooks';
import { collect, failureOf } from '../../../../support/streams';

interface Situation {
  readonly name: string;
  /** What the server does (none: the request as it is). */
  readonly reply?: ScriptedReply;
  /** Which model is asked for (the served phi4 by default). */
  readonly model?: string;
  /** Stop the request ourselves after it was sent. */
  readonly abort?: boolean;
  readonly kind: FailureKind;
  readonly retryAfterSeconds?: number;
  /** Words the user's message has, for Ollama and for the OpenAI-compatible server. */
  readonly says?: { readonly ollama: RegExp; readonly openai: RegExp };
}

const SITUATIONS: readonly Situation[] = [
  {
    name: 'the server refuses the key (401)',
    reply: { fault: { kind: 'status', status: 401, error: 'Unauthorized' } },
    kind: 'unauthorized',
    says: { ollama: /Ollama at .* refused the request/, openai: /OpenAI-compatible server at .* refused the request/ },
  },
  {
    name: 'a proxy forbids it (403)',
    reply: { fault: { kind: 'status', status: 403, error: 'Forbidden' } },
    kind: 'unauthorized',
  },
  {
    name: 'the model is not on the server (404)',
    model: 'no-such-model',
    kind: 'modelMissing',
    says: { ollama: /not installed in Ollama\. Pull it/, openai: /does not serve the model "no-such-model"/ },
  },
  {
    name: 'the server is busy (503) and says when to come back',
    reply: { fault: { kind: 'status', status: 503, error: 'server busy, please try again', retryAfter: '5' } },
    kind: 'busy',
    retryAfterSeconds: 5,
    says: { ollama: /Try again in 5 s/, openai: /Try again in 5 s/ },
  },
  {
    name: 'too many requests (429) with Retry-After',
    reply: { fault: { kind: 'status', status: 429, error: 'Too many requests', retryAfter: '9' } },
    kind: 'busy',
    retryAfterSeconds: 9,
  },
  {
    name: 'the prompt does not fit the served window (400)',
    reply: {
      fault: {
        kind: 'status',
        status: 400,
        error: "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.",
      },
    },
    kind: 'contextTooLong',
    says: { ollama: /phiLocal\.ollama\.numCtx/, openai: /phiLocal\.openai\.contextLength/ },
  },
  {
    name: 'an error in the middle of the stream',
    reply: { text: 'one two three', fault: { kind: 'errorLine', afterChunks: 1, error: 'CUDA out of memory' } },
    kind: 'failedMidStream',
    says: { ollama: /^Ollama stopped in the middle/, openai: /^The OpenAI-compatible server stopped in the middle/ },
  },
  {
    name: 'the connection resets in the middle (the server restarts)',
    reply: { text: 'one two three', fault: { kind: 'reset', afterChunks: 1 } },
    kind: 'failedMidStream',
  },
  {
    name: 'the stream ends without its end',
    reply: { text: 'one two three', fault: { kind: 'noDone', afterChunks: 1 } },
    kind: 'failedMidStream',
  },
  {
    name: 'the stream stalls in the middle',
    reply: { tokens: ['one', ' two', ' three'], pacing: { tokensPerSecond: 1 } },
    kind: 'timedOut',
  },
  {
    name: 'we stop it while the server evaluates the prompt',
    reply: { text: 'late', pacing: { ttftMs: 3000 } },
    abort: true,
    kind: 'aborted',
  },
];

const BACKENDS = [
  {
    server: 'ollama' as const,
    protocol: 'ollama' as const,
    model: 'phi4',
    client: (double: OllamaDouble, host = double.url): ModelBackend =>
      new OllamaClient({ host, headers: {}, keepAlive: '30m', numCtx: 8192, streamIdleMs: 400 }),
  },
  {
    server: 'openai' as const,
    protocol: 'openai' as const,
    model: 'microsoft/phi-4',
    client: (double: OllamaDouble, host = `${double.url}/v1`): ModelBackend =>
      new OpenAiClient({ baseUrl: host, contextLength: 0, streamIdleMs: 400 }),
  },
];

for (const backend of BACKENDS) {
  describe(`failure mapping, one table of situations: ${backend.server === 'ollama' ? 'Ollama' : 'OpenAI-compatible server'}`, () => {
    const double = useDouble({ protocol: backend.protocol });

    for (const situation of SITUATIONS) {
      it(`${situation.name}: ${situation.kind}`, async () => {
        if (situation.reply) double.reply({ match: { endpoint: 'chat' }, ...situation.reply });
        const controller = new AbortController();
        const client = backend.client(double);
        const messages = [{ role: 'user' as const, content: 'Say something.' }];
        const running = collect(client.chat({ model: situation.model ?? backend.model, messages }, controller.signal));
        if (situation.abort) setTimeout(() => controller.abort(), 200);
        const failure = await failureOf(running);
        assert.equal(failure.kind, situation.kind, `${failure.kind}: ${failure.detail}`);
        assert.equal(failure.server ?? 'ollama', backend.server === 'ollama' ? 'ollama' : 'openai-compatible');
        if (situation.retryAfterSeconds !== undefined) assert.equal(failure.retryAfterSeconds, situation.retryAfterSeconds);
        if (situation.says) assert.match(failure.message, situation.says[backend.server]);
        if (situation.kind !== 'aborted') assert.ok(failure.host, 'the failure says where the request went');
      });
    }

    it('nothing listens: unreachable, naming the setting that says where the server is', async () => {
      const client = backend.client(double, backend.server === 'ollama' ? 'http://127.0.0.1:9' : 'http://127.0.0.1:9/v1');
      const failure = await failureOf(client.version());
      assert.equal(failure.kind, 'unreachable');
      assert.match(failure.message, backend.server === 'ollama' ? /phiLocal\.ollama\.host/ : /phiLocal\.openai\.baseUrl/);
    });

    for (const status of [302, 307, 308]) {
      it(`a redirect (${status}) is refused and named: the other origin gets no header and no body`, async () => {
        // A proxy in front of the server that sends every request to the double on another port.
        const target = backend.server === 'ollama' ? double.url : `${double.url}/v1`;
        const proxy = http.createServer((req, res) => {
          req.resume();
          res.writeHead(status, { location: `${target}${(req.url ?? '/').replace(/^\/v1/, '')}` }).end();
        });
        await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
        try {
          const port = (proxy.address() as AddressInfo).port;
          const client = backend.client(double, backend.server === 'ollama' ? `http://127.0.0.1:${port}` : `http://127.0.0.1:${port}/v1`);
          const messages = [{ role: 'user' as const, content: 'secret code' }];
          const failure = await failureOf(collect(client.chat({ model: backend.model, messages }, new AbortController().signal)));
          assert.equal(failure.kind, 'badRequest');
          assert.match(failure.message, new RegExp(`redirects \\(${status}\\) to ${double.url.replace(/[.]/g, '\\.')}`));
          const probe = await failureOf(client.version());
          assert.match(probe.message, /redirects/, 'the probe says so too');
          assert.equal(double.requests.length, 0, 'nothing reached the other origin');
        } finally {
          await new Promise((resolve) => proxy.close(resolve));
        }
      });
    }

    it('pulling is a capability the backend has or says it lacks', () => {
      const client = backend.client(double);
      assert.equal(typeof client.pull, backend.server === 'ollama' ? 'function' : 'undefined');
    });
  });
}
