// The Ollama double: an HTTP server that speaks Ollama's API as the real server does (routes, NDJSON streams,
// headers held until the first token, final stats, exact error texts and codes), scriptable
// per test (replies, pacing, faults) and recording every request and client disconnect.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { catalogue, sameModel, type DoubleModel } from './double-models';
import {
  contextLengthMessage,
  infillToOllamaBody,
  infillWire,
  modelList,
  openAiError,
  sseWire,
  toOllamaBody,
  type FinalRun,
  type Wire,
} from './openai-wire';

export interface Pacing {
  /** Time from request to first token for a loaded model (prompt evaluation), ms. */
  ttftMs: number;
  /** Generation speed. 0 = as fast as possible. */
  tokensPerSecond: number;
  /** Extra wait before the first token when the model is not loaded, ms. */
  loadMs: number;
  /** Prompt evaluation speed for tokens not in the slot's cached prefix. 0 = free. */
  promptTokensPerSecond: number;
  /** Fixed overhead per request, ms. */
  overheadMs: number;
}

export type Fault =
  | { kind: 'status'; status: number; error: string; retryAfter?: string }
  | { kind: 'reset'; afterChunks: number }
  | { kind: 'errorLine'; afterChunks: number; error?: string }
  | { kind: 'malformedLine'; afterChunks: number }
  | { kind: 'noDone'; afterChunks: number }
  /** After some chunks, `bytes` of text without a line break (a broken or hostile server). */
  | { kind: 'endlessLine'; afterChunks: number; bytes: number };

export interface ScriptedReply {
  /** Which requests take this reply. A one-token request (num_predict 1: a cache warm-up) takes only a reply with `warmUp`. */
  match?: { endpoint?: 'generate' | 'chat'; model?: string; includes?: string; warmUp?: boolean };
  /** The model's answer; split into token-like pieces. */
  text?: string;
  /** The answer as explicit pieces (one NDJSON chunk each). */
  tokens?: string[];
  pacing?: Partial<Pacing>;
  fault?: Fault;
  /** Keep this reply for every matching request instead of using it once. */
  persist?: boolean;
}

export interface RecordedRequest {
  id: number;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  receivedAt: number;
  /** The client closed the connection before the reply ended. */
  disconnected: boolean;
  disconnectedAt?: number;
  /** The reply ended normally. */
  completed: boolean;
  chunksSent: number;
  /** Tokens generated (sent) for generate/chat. */
  evalCount: number;
  promptEvalCount: number;
  /** Prompt tokens found in the emulated slot's cached prefix. */
  cachedPromptTokens: number;
  /** Simulated prompt evaluation time (tokens not in the cached prefix at promptTokensPerSecond), ms. */
  promptEvalMs: number;
  /** Prompt tokens the runner actually evaluated: all uncached ones, or the whole batches done before a close. */
  evaluatedPromptTokens: number;
  /** When the request got a runner slot (after waiting for one when slots are exclusive). */
  slotAt?: number;
}

export interface DoubleOptions {
  port?: number;
  pacing?: Partial<Pacing>;
  defaultReply?: string;
  /** Interval between pull progress lines, ms. */
  pullIntervalMs?: number;
  /**
   * OLLAMA_NUM_PARALLEL: requests wait for one of this many slots, each with its own prompt cache, and take the
   * free slot whose cache shares the longest prefix with their prompt, as Ollama's runner does. Unset: requests
   * run at once and share one cache (enough for tests that are not about scheduling).
   */
  slots?: number;
  /** Progress lines per pulled layer. */
  pullSteps?: number;
  /** Which API it speaks: Ollama's (default) or the OpenAI-compatible one, as vLLM serves it (openai-wire.ts). */
  protocol?: 'ollama' | 'openai';
  /** OpenAI protocol: the API key every request must carry as a bearer token (vLLM's --api-key). */
  apiKey?: string;
  /** OpenAI protocol: which server it plays (`owned_by`); llama.cpp's also serves /infill. */
  server?: 'vllm' | 'llamacpp';
}

const DEFAULT_PACING: Pacing = { ttftMs: 0, tokensPerSecond: 0, loadMs: 0, promptTokensPerSecond: 0, overheadMs: 0 };

/** Splits text into token-like pieces, as a tokenizer would stream them; ChatML markers are one token each, as in phi4's vocabulary. */
export function tokenize(text: string): string[] {
  return text.match(/<\|[a-z_]+\|>| ?[A-Za-z]+| ?\d{1,3}|\s+(?=\S)|\s+|[^\sA-Za-z\d]+?/g) ?? [];
}

function createdAt(): string {
  const now = new Date();
  return now.toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${String(process.hrtime()[1]).padStart(9, '0').slice(3, 9)}Z`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfter?: string,
  ) {
    super(message);
  }
}

export class OllamaDouble {
  readonly models: DoubleModel[] = catalogue();
  readonly requests: RecordedRequest[] = [];
  pacing: Pacing;
  defaultReply: string;
  pullIntervalMs: number;
  pullSteps: number;
  /** In-process only: computes the answer for a generate/chat request that no scripted reply matched. */
  replyFor?: (endpoint: 'generate' | 'chat', body: Record<string, unknown>, prompt: string) => string;
  private script: ScriptedReply[] = [];
  private server?: http.Server;
  private sockets = new Set<Socket>();
  private port: number;
  private nextId = 1;
  private slots: Slot[];
  private readonly exclusiveSlots: boolean;
  private waiters = new Set<() => void>();
  readonly protocol: 'ollama' | 'openai';
  readonly serverKind: 'vllm' | 'llamacpp';
  apiKey?: string;

  constructor(options: DoubleOptions = {}) {
    this.protocol = options.protocol ?? 'ollama';
    this.serverKind = options.server ?? 'vllm';
    this.apiKey = options.apiKey;
    this.port = options.port ?? 0;
    this.pacing = { ...DEFAULT_PACING, ...options.pacing };
    this.defaultReply = options.defaultReply ?? 'Hello from the Ollama double.';
    this.pullIntervalMs = options.pullIntervalMs ?? 20;
    this.pullSteps = options.pullSteps ?? 5;
    this.exclusiveSlots = options.slots !== undefined;
    this.slots = newSlots(options.slots ?? 1);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts listening (again, on the same port after stop()). */
  async start(): Promise<string> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this.url;
  }

  /** Stops listening and drops every connection: the port then refuses connections, like Ollama down. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Queues a reply for the next matching generate/chat request. */
  /** Writes `bytes` of 'x' with no line break, 64 KiB at a time as the client takes them; stops if it leaves. */
  private async writeEndless(res: http.ServerResponse, bytes: number): Promise<void> {
    const piece = 'x'.repeat(64 * 1024);
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    for (let sent = 0; sent < bytes && !res.destroyed; sent += piece.length) {
      if (!res.write(piece)) await Promise.race([new Promise<void>((resolve) => res.once('drain', resolve)), closed]);
    }
    if (!res.destroyed) res.end();
  }

  reply(reply: ScriptedReply): void {
    this.script.push(reply);
  }

  /** Clears scripts, records and model state back to the catalogue. */
  reset(): void {
    this.script = [];
    this.requests.length = 0;
    this.models.splice(0, this.models.length, ...catalogue());
    this.slots = newSlots(this.slots.length);
    this.pacing = { ...DEFAULT_PACING };
  }

  model(name: string): DoubleModel | undefined {
    if (this.protocol === 'openai') return this.models.find((m) => m.servedId === name || sameModel(m.name, name));
    return this.models.find((m) => sameModel(m.name, name));
  }

  setModel(name: string, patch: Partial<DoubleModel>): void {
    const found = this.model(name);
    if (!found) throw new Error(`double has no model ${name}`);
    Object.assign(found, patch);
  }

  /** Requests to a given path (e.g. '/api/generate'). */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Resolves when `predicate` holds, re-checked after every request event. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`double: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const record: RecordedRequest = {
      id: this.nextId++,
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      headers: { ...req.headers },
      body: undefined,
      receivedAt: Date.now(),
      disconnected: false,
      completed: false,
      chunksSent: 0,
      evalCount: 0,
      promptEvalCount: 0,
      cachedPromptTokens: 0,
      promptEvalMs: 0,
      evaluatedPromptTokens: 0,
    };
    this.requests.push(record);
    this.changed();
    res.on('close', () => {
      if (!res.writableFinished) {
        record.disconnected = true;
        record.disconnectedAt = Date.now();
      }
      this.changed();
    });
    try {
      await this.route(req, res, record, raw);
      record.completed = !record.disconnected;
    } catch (error) {
      if (error instanceof HttpError) {
        const payload = this.protocol === 'openai' ? openAiError(error.status, error.message) : { error: error.message };
        if (!res.headersSent && !res.destroyed) sendJson(res, error.status, payload, error.retryAfter);
        record.completed = !record.disconnected;
      } else if (!res.destroyed) {
        res.destroy();
      }
    }
    this.changed();
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse, record: RecordedRequest, raw: string): Promise<void> {
    if (this.protocol === 'openai') return this.routeOpenAi(req, res, record, raw);
    const routes: Record<string, string> = {
      '/': 'GET',
      '/api/version': 'GET',
      '/api/tags': 'GET',
      '/api/ps': 'GET',
      '/api/show': 'POST',
      '/api/pull': 'POST',
      '/api/generate': 'POST',
      '/api/chat': 'POST',
    };
    const method = routes[record.path];
    if (!method) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found');
      return;
    }
    if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
      res.writeHead(405, { 'Content-Type': 'text/plain' }).end('405 method not allowed');
      return;
    }
    if (record.path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Ollama is running');
      return;
    }
    if (record.path === '/api/version') return sendJson(res, 200, { version: '0.12.3' });
    if (record.path === '/api/tags') return sendJson(res, 200, { models: this.models.filter((m) => m.present).map(tagEntry) });
    if (record.path === '/api/ps') {
      const expires = new Date(Date.now() + 30 * 60_000).toISOString();
      return sendJson(res, 200, {
        models: this.models
          .filter((m) => m.present && m.loaded)
          .map((m) => ({ ...tagEntry(m), expires_at: expires, size_vram: m.sizeBytes, context_length: 8192 })),
      });
    }
    const body = parseBody(raw);
    record.body = body;
    if (record.path === '/api/show') return this.show(res, body);
    if (record.path === '/api/pull') return this.pull(res, body, record);
    return this.generate(res, body, record, record.path === '/api/chat' ? 'chat' : 'generate');
  }

  /** The OpenAI-compatible API, as vLLM serves it: the same models and model serving, another wire. */
  private async routeOpenAi(req: http.IncomingMessage, res: http.ServerResponse, record: RecordedRequest, raw: string): Promise<void> {
    const routes: Record<string, string> = {
      '/v1/models': 'GET',
      '/v1/chat/completions': 'POST',
      '/v1/completions': 'POST',
      ...(this.serverKind === 'llamacpp' ? { '/infill': 'POST' } : {}),
    };
    const method = routes[record.path];
    if (!method) return sendJson(res, 404, { detail: 'Not Found' });
    if (req.method !== method) return sendJson(res, 405, { detail: 'Method Not Allowed' });
    if (this.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.apiKey}`)
      return sendJson(res, 401, { error: 'Unauthorized' });
    if (record.path === '/v1/models') return sendJson(res, 200, modelList(this.models, this.serverKind));
    const body = parseBody(raw);
    record.body = body;
    if (record.path === '/infill') {
      // llama.cpp serves one model; the request may name it.
      const served = this.models.find((m) => m.present && (body.model === undefined || m.servedId === body.model));
      if (!served) throw new HttpError(404, 'model not found');
      if (!served.capabilities.includes('insert'))
        throw new HttpError(400, 'Infill is not supported by this model: prefix token is missing.');
      return this.generate(res, { ...infillToOllamaBody(body), model: served.name }, record, 'generate', infillWire());
    }
    const endpoint = record.path === '/v1/chat/completions' ? 'chat' : 'generate';
    const name = typeof body.model === 'string' ? body.model : '';
    const model = this.model(name);
    if (!model || !model.present || model.servedId !== name) throw new HttpError(404, `The model \`${name}\` does not exist.`);
    if (endpoint === 'chat' && !Array.isArray(body.messages))
      throw new HttpError(400, '[{"type":"missing","loc":["body","messages"],"msg":"Field required"}]');
    if (endpoint === 'generate' && typeof body.prompt !== 'string') throw new HttpError(400, 'prompt must be a string');
    const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    return this.generate(res, toOllamaBody(endpoint, body), record, endpoint, sseWire(endpoint, name, includeUsage));
  }

  private show(res: http.ServerResponse, body: Record<string, unknown>): void {
    const name = typeof body.model === 'string' && body.model ? body.model : typeof body.name === 'string' ? body.name : '';
    if (!name) throw new HttpError(400, 'model is required');
    const model = this.model(name);
    if (!model || !model.present) throw new HttpError(404, `model '${name}' not found`);
    sendJson(res, 200, {
      license: model.license,
      modelfile: `# Modelfile generated by "ollama show"\nFROM /root/.ollama/models/blobs/sha256-${model.digest}\nTEMPLATE """${model.template}"""\n`,
      parameters: model.parameters,
      template: model.template,
      details: details(model),
      model_info: {
        'general.architecture': model.architecture,
        'general.parameter_count': Math.round(parseFloat(model.parameterSize) * 1e9),
        [`${model.architecture}.context_length`]: model.contextLength,
      },
      capabilities: model.capabilities,
      modified_at: '2025-09-01T10:00:00.000000000Z',
    });
  }

  private async pull(res: http.ServerResponse, body: Record<string, unknown>, record: RecordedRequest): Promise<void> {
    const name = typeof body.model === 'string' && body.model ? body.model : typeof body.name === 'string' ? body.name : '';
    if (!name) throw new HttpError(400, 'model is required');
    const stream = body.stream !== false;
    const model = this.model(name);
    const lines: unknown[] = [{ status: 'pulling manifest' }];
    if (!model) {
      lines.push({ error: 'pull model manifest: file does not exist' });
    } else {
      const layers = [
        { digest: model.digest, total: model.sizeBytes },
        { digest: 'fa8235e5b48faca34e3ca98cf4f694ef08bd216d28b58071a1f85b1d50cb814d', total: 1084 },
      ];
      for (const layer of layers) {
        const status = `pulling ${layer.digest.slice(0, 12)}`;
        lines.push({ status, digest: `sha256:${layer.digest}`, total: layer.total });
        for (let step = 1; step <= this.pullSteps; step++) {
          lines.push({
            status,
            digest: `sha256:${layer.digest}`,
            total: layer.total,
            completed: Math.round((layer.total * step) / this.pullSteps),
          });
        }
      }
      lines.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' });
    }
    if (!stream) {
      const last = lines[lines.length - 1] as Record<string, unknown>;
      if (model) model.present = true;
      if ('error' in last) throw new HttpError(500, String(last.error));
      return sendJson(res, 200, last);
    }
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    for (const line of lines) {
      if (res.destroyed) return;
      if (model && (line as { status?: string }).status === 'success') model.present = true;
      res.write(`${JSON.stringify(line)}\n`);
      record.chunksSent++;
      this.changed();
      await sleep(this.pullIntervalMs);
    }
    res.end();
  }

  private takeReply(endpoint: 'generate' | 'chat', model: string, prompt: string, warmUp: boolean): ScriptedReply | undefined {
    const index = this.script.findIndex(
      (r) =>
        (r.match?.warmUp ?? false) === warmUp &&
        (!r.match?.endpoint || r.match.endpoint === endpoint) &&
        (!r.match?.model || sameModel(this.model(r.match.model)?.name ?? r.match.model, model)) &&
        (!r.match?.includes || prompt.includes(r.match.includes)),
    );
    if (index < 0) return undefined;
    const reply = this.script[index];
    if (!reply.persist) this.script.splice(index, 1);
    return reply;
  }

  private async generate(
    res: http.ServerResponse,
    body: Record<string, unknown>,
    record: RecordedRequest,
    endpoint: 'generate' | 'chat',
    openAiWire?: Wire,
  ): Promise<void> {
    const name = typeof body.model === 'string' ? body.model : '';
    if (!name) throw new HttpError(400, 'model is required');
    const model = this.model(name);
    if (!model || !model.present) throw new HttpError(404, `model '${name}' not found`);
    const wire = openAiWire ?? ndjsonWire(endpoint, name, body.raw === true);
    const options = (body.options ?? {}) as Record<string, unknown>;
    checkOptions(options);
    const fullName = `registry.ollama.ai/library/${model.name}`;
    if (endpoint === 'generate' && typeof body.suffix === 'string' && body.suffix !== '' && !model.capabilities.includes('insert')) {
      throw new HttpError(400, `${fullName} does not support insert`);
    }
    if (body.tools && !model.capabilities.includes('tools')) throw new HttpError(400, `${fullName} does not support tools`);
    if (endpoint === 'generate' && body.raw === true && (body.template || body.system || body.context)) {
      throw new HttpError(400, 'raw mode does not support template, system, or context');
    }
    const messages = Array.isArray(body.messages) ? (body.messages as { role?: string; content?: string }[]) : [];
    const prompt =
      endpoint === 'generate'
        ? `${typeof body.system === 'string' ? body.system : ''}${typeof body.prompt === 'string' ? body.prompt : ''}${typeof body.suffix === 'string' ? body.suffix : ''}`
        : messages.map((m) => `<|im_start|>${m.role ?? ''}<|im_sep|>\n${m.content ?? ''}<|im_end|>\n`).join('');
    const stream = body.stream !== false;
    const keepAlive = body.keep_alive;
    const loadOnly = !openAiWire && (endpoint === 'generate' ? !body.prompt : messages.length === 0);
    if (loadOnly) {
      const unload = keepAlive === 0 || keepAlive === '0' || keepAlive === '0s';
      if (!unload && !model.loaded) await sleep(this.pacing.loadMs);
      model.loaded = !unload;
      const final = {
        model: name,
        created_at: createdAt(),
        ...(endpoint === 'chat' ? { message: { role: 'assistant', content: '' } } : { response: '' }),
        done: true,
        done_reason: unload ? 'unload' : 'load',
      };
      return sendJson(res, 200, final);
    }

    const reply = this.takeReply(endpoint, name, prompt, options.num_predict === 1);
    const pacing = { ...this.pacing, ...reply?.pacing };
    const fault = reply?.fault;
    if (fault?.kind === 'status') {
      await sleep(pacing.overheadMs);
      throw new HttpError(fault.status, fault.error, fault.retryAfter);
    }
    let pieces = reply?.tokens ?? tokenize(reply?.text ?? this.replyFor?.(endpoint, body, prompt) ?? this.defaultReply);
    let doneReason = 'stop';
    // Stop sequences: the server ends the answer where one appears and does not send it.
    const stops = Array.isArray(options.stop)
      ? (options.stop as unknown[]).filter((s): s is string => typeof s === 'string' && s !== '')
      : [];
    if (stops.length) pieces = cutAtStop(pieces, stops);
    const numPredict = typeof options.num_predict === 'number' ? options.num_predict : -1;
    if (numPredict >= 0 && pieces.length > numPredict) {
      pieces = pieces.slice(0, numPredict);
      doneReason = 'length';
    }

    // Prompt evaluation against a slot's cached prefix, like Ollama's runner.
    const promptTokens = tokenize(prompt);
    if (openAiWire) {
      // vLLM refuses what does not fit max_model_len (its default max_tokens is what is left).
      const asked = numPredict >= 0 ? numPredict : 0;
      if (promptTokens.length + asked > model.contextLength)
        throw new HttpError(400, contextLengthMessage(model.contextLength, promptTokens.length, asked));
    }
    const slot = await this.acquireSlot(promptTokens, res);
    if (!slot) return; // closed while waiting for a slot
    record.slotAt = Date.now();
    try {
      await this.evaluateAndStream(res, record, wire, {
        name,
        model,
        pacing,
        fault,
        pieces,
        doneReason,
        promptTokens,
        slot,
        stream,
      });
    } finally {
      slot.busy = false;
      slot.usedAt = Date.now();
      this.changed();
    }
  }

  /** Waits for a free slot (exclusive slots only) and takes the one whose cache shares the most with the prompt. */
  private async acquireSlot(promptTokens: string[], res: http.ServerResponse): Promise<Slot | undefined> {
    for (;;) {
      if (res.destroyed) return undefined;
      const free = this.slots.filter((s) => !s.busy);
      if (free.length) {
        const best = free
          .map((slot) => ({ slot, common: commonPrefix(promptTokens, slot.tokens) }))
          .sort((a, b) => b.common - a.common || a.slot.usedAt - b.slot.usedAt)[0].slot;
        if (this.exclusiveSlots) best.busy = true;
        return best;
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          res.off('close', wake);
          resolve();
        };
        this.waiters.add(wake);
        res.once('close', wake);
      });
    }
  }

  private async evaluateAndStream(
    res: http.ServerResponse,
    record: RecordedRequest,
    wire: Wire,
    run: {
      name: string;
      model: DoubleModel;
      pacing: Pacing;
      fault: ScriptedReply['fault'];
      pieces: string[];
      doneReason: string;
      promptTokens: string[];
      slot: Slot;
      stream: boolean;
    },
  ): Promise<void> {
    const { name, model, pacing, fault, pieces, promptTokens, slot, stream } = run;
    const { doneReason } = run;
    const common = commonPrefix(promptTokens, slot.tokens);
    record.promptEvalCount = promptTokens.length;
    record.cachedPromptTokens = common;
    const started = Date.now();
    const loadMs = model.loaded ? 0 : pacing.loadMs;
    const uncached = promptTokens.length - common;
    const evalMs = pacing.promptTokensPerSecond > 0 ? (uncached * 1000) / pacing.promptTokensPerSecond : 0;
    record.promptEvalMs = evalMs;
    // The runner notices a closed request between batches: the slot is free again at once.
    await sleepUnlessClosed(pacing.overheadMs + loadMs + pacing.ttftMs + evalMs, res);
    model.loaded = true;
    if (res.destroyed) {
      // Closed during prompt evaluation: the batches evaluated before the close stay in the slot's cache.
      const evaluatingMs = (record.disconnectedAt ?? Date.now()) - started - pacing.overheadMs - loadMs - pacing.ttftMs;
      const evaluated = Math.max(0, Math.floor((evaluatingMs * pacing.promptTokensPerSecond) / 1000 / PROMPT_BATCH) * PROMPT_BATCH);
      record.evaluatedPromptTokens = Math.min(evaluated, uncached);
      if (pacing.promptTokensPerSecond > 0) slot.tokens = promptTokens.slice(0, common + record.evaluatedPromptTokens);
      return;
    }
    record.evaluatedPromptTokens = uncached;
    slot.tokens = promptTokens;
    const timing = { started, loadMs, evalMs };
    const final = (): FinalRun & typeof timing => ({
      model: name,
      doneReason,
      // (The slot's cache grows with the answer: the prompt's count was taken before.)
      promptTokens: record.promptEvalCount,
      cachedTokens: common,
      completionTokens: record.evalCount,
      ...timing,
    });
    const perTokenMs = pacing.tokensPerSecond > 0 ? 1000 / pacing.tokensPerSecond : 0;

    if (!stream) {
      if (perTokenMs) await sleep(perTokenMs * pieces.length);
      record.evalCount = pieces.length;
      slot.tokens = promptTokens.concat(pieces);
      return sendJson(res, 200, wire.whole(pieces.join(''), final()));
    }

    res.writeHead(200, { 'Content-Type': wire.contentType });
    for (let i = 0; i < pieces.length; i++) {
      if (fault && 'afterChunks' in fault && i === fault.afterChunks) {
        if (fault.kind === 'reset') {
          // Let the client read what was sent, then drop the connection as a crashing server would.
          await sleep(30);
          res.socket?.resetAndDestroy();
          return;
        }
        if (fault.kind === 'errorLine') {
          res.end(wire.error(fault.error ?? 'an error was encountered while running the model: unexpected EOF'));
          return;
        }
        if (fault.kind === 'noDone') {
          res.end();
          return;
        }
        if (fault.kind === 'malformedLine') res.write('{"model":"broken",\n');
        if (fault.kind === 'endlessLine') return void (await this.writeEndless(res, fault.bytes));
      }
      if (res.destroyed) return;
      await new Promise<void>((resolve) => res.write(wire.chunk(pieces[i]), () => resolve()));
      record.chunksSent++;
      record.evalCount++;
      slot.tokens.push(pieces[i]);
      this.changed();
      if (perTokenMs) await sleep(perTokenMs);
      else if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
    }
    if (res.destroyed) return;
    if (fault && 'afterChunks' in fault && fault.afterChunks >= pieces.length) {
      if (fault.kind === 'errorLine')
        return void res.end(wire.error(fault.error ?? 'an error was encountered while running the model: unexpected EOF'));
      if (fault.kind === 'noDone') return void res.end();
      if (fault.kind === 'reset') return void res.socket?.resetAndDestroy();
      if (fault.kind === 'endlessLine') return void (await this.writeEndless(res, fault.bytes));
    }
    res.end(wire.final(final()));
  }
}

interface Slot {
  tokens: string[];
  busy: boolean;
  usedAt: number;
}

function newSlots(count: number): Slot[] {
  return Array.from({ length: Math.max(1, count) }, () => ({ tokens: [], busy: false, usedAt: 0 }));
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common;
}

function sleepUnlessClosed(ms: number, res: http.ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}

/** Tokens Ollama's runner evaluates per batch (num_batch): a closed request keeps whole batches. */
const PROMPT_BATCH = 512;

type Timed = FinalRun & { started: number; loadMs: number; evalMs: number };

/** Ollama's NDJSON: one JSON object per line, a last one with done: true and the counts. */
function ndjsonWire(endpoint: 'generate' | 'chat', name: string, raw: boolean): Wire {
  const chunk = (piece: string) =>
    endpoint === 'chat'
      ? { model: name, created_at: createdAt(), message: { role: 'assistant', content: piece }, done: false }
      : { model: name, created_at: createdAt(), response: piece, done: false };
  return {
    contentType: 'application/x-ndjson',
    chunk: (piece) => `${JSON.stringify(chunk(piece))}\n`,
    final: (run) => `${JSON.stringify(finalChunk(endpoint, '', run as Timed, raw))}\n`,
    error: (message) => `${JSON.stringify({ error: message })}\n`,
    whole: (text, run) => finalChunk(endpoint, text, run as Timed, raw),
  };
}

function finalChunk(endpoint: 'generate' | 'chat', text: string, run: Timed, raw: boolean) {
  const ns = (ms: number) => Math.round(ms * 1e6);
  const total = Date.now() - run.started;
  return {
    model: run.model,
    created_at: createdAt(),
    ...(endpoint === 'chat' ? { message: { role: 'assistant', content: text } } : { response: text }),
    done: true,
    done_reason: run.doneReason,
    ...(endpoint === 'generate' && !raw
      ? { context: Array.from({ length: Math.min(run.promptTokens + run.completionTokens, 64) }, (_, i) => 100 + i) }
      : {}),
    total_duration: ns(total),
    load_duration: ns(run.loadMs),
    prompt_eval_count: run.promptTokens,
    prompt_eval_duration: ns(run.evalMs),
    eval_count: run.completionTokens,
    eval_duration: ns(Math.max(total - run.loadMs - run.evalMs, 0)),
  };
}

function cutAtStop(pieces: string[], stops: string[]): string[] {
  const text = pieces.join('');
  let cut = text.length;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (at >= 0 && at < cut) cut = at;
  }
  if (cut === text.length) return pieces;
  const out: string[] = [];
  let used = 0;
  for (const piece of pieces) {
    if (used + piece.length <= cut) {
      out.push(piece);
      used += piece.length;
    } else {
      if (cut > used) out.push(piece.slice(0, cut - used));
      break;
    }
  }
  return out;
}

const FLOAT_OPTIONS = ['temperature', 'top_p', 'min_p', 'typical_p', 'repeat_penalty', 'presence_penalty', 'frequency_penalty'];
const INT_OPTIONS = [
  'num_ctx',
  'num_batch',
  'num_gpu',
  'main_gpu',
  'num_thread',
  'num_keep',
  'seed',
  'num_predict',
  'top_k',
  'repeat_last_n',
];

function checkOptions(options: Record<string, unknown>): void {
  for (const key of FLOAT_OPTIONS) {
    if (key in options && typeof options[key] !== 'number') throw new HttpError(500, `option "${key}" must be of type float32`);
  }
  for (const key of INT_OPTIONS) {
    if (key in options && (typeof options[key] !== 'number' || !Number.isInteger(options[key]))) {
      throw new HttpError(500, `option "${key}" must be of type integer`);
    }
  }
  if ('stop' in options && !Array.isArray(options.stop)) throw new HttpError(500, 'option "stop" must be of type array');
}

function details(model: DoubleModel) {
  return {
    parent_model: '',
    format: 'gguf',
    family: model.family,
    families: [model.family],
    parameter_size: model.parameterSize,
    quantization_level: model.quantization,
  };
}

function tagEntry(model: DoubleModel) {
  return {
    name: model.name,
    model: model.name,
    modified_at: '2025-09-01T10:00:00.000000000Z',
    size: model.sizeBytes,
    digest: model.digest,
    details: details(model),
  };
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, retryAfter?: string): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
  res.writeHead(status, headers).end(JSON.stringify(value));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

function parseBody(raw: string): Record<string, unknown> {
  if (!raw.trim()) throw new HttpError(400, 'missing request body');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    const first = raw.trim()[0];
    throw new HttpError(400, `invalid character '${first}' looking for beginning of value`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new HttpError(400, 'json: cannot unmarshal into Go value of type api.Request');
  return value as Record<string, unknown>;
}
