// The only user of the `openai` package: the model backend for OpenAI-compatible servers (vLLM, llama.cpp's
// server, LM Studio). Every call that can take time streams and takes an AbortSignal; aborting closes that one
// HTTP request. The client never retries on its own (a stale completion must not come back later), reads
// nothing from the environment, and sends exactly the headers chosen here.
import OpenAI from 'openai';
import type { BackendCapabilities, ChatParams, ModelBackend } from '../../backend/common/modelBackend';
import type { ModelFailure } from '../../backend/common/modelFailure';
import { STREAM_IDLE_MS, withinIdle } from '../../backend/node/replyLimits';
import { isRedirect, serverFetch } from '../../backend/node/serverFetch';
import { completeThrough } from '../../backend/common/completionStream';
import { readChoice, readInfill, sampling, serverRoot, type StreamPart } from '../common/openaiRequests';
import {
  installedFrom,
  parseServedModels,
  sameServedModel,
  servedModelInfo,
  statsFromUsage,
  type ServedModel,
} from '../common/openaiReplies';
import { classifyOpenAi, openAiFailure } from './classifyOpenAiFailure';
import type {
  CompletionPrompt,
  InstalledModel,
  LoadedModel,
  ModelInfo,
  SamplingOptions,
  StreamStats,
  TextChunk,
} from '../../backend/common/modelTypes';

interface OpenAiOptions {
  /** Base URL ending in /v1. */
  readonly baseUrl: string;
  /** Sent as "Authorization: Bearer …" when set. */
  readonly apiKey?: string;
  /** phiLocal.openai.contextLength: 0 = as the server says. */
  readonly contextLength: number;
  /** How long a started stream may go without a chunk (STREAM_IDLE_MS unless set, e.g. by tests). */
  readonly streamIdleMs?: number;
}

/** Time-out for the model list: a hung server must not hang the UI. */
const PROBE_TIMEOUT_MS = 8000;
/** Headers the server gets; the client library's own (platform, runtime, organization…) are dropped. */
const SENT_HEADERS = new Set(['content-type', 'accept', 'content-length']);

export class OpenAiClient implements ModelBackend {
  readonly kind = 'openai-compatible';
  readonly capabilities: BackendCapabilities = { loading: false, keepAlive: false };
  private served?: Promise<ServedModel[]>;

  constructor(private readonly options: OpenAiOptions) {}

  get host(): string {
    return this.options.baseUrl;
  }

  /** An `openai` instance whose every request carries `signal` (and a time-out), with our headers only. */
  private api(signal?: AbortSignal, timeoutMs?: number, baseUrl = this.options.baseUrl): OpenAI {
    const signals = [signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => !!s);
    const key = this.options.apiKey;
    return new OpenAI({
      baseURL: baseUrl,
      apiKey: key || 'no-key',
      adminAPIKey: null,
      organization: null,
      project: null,
      webhookSecret: null,
      maxRetries: 0,
      timeout: 24 * 60 * 60_000,
      logLevel: 'off',
      fetch: async (input: string | URL | Request, init?: RequestInit) => {
        const headers = new Headers();
        new Headers(init?.headers).forEach((value, name) => {
          if (SENT_HEADERS.has(name)) headers.set(name, value);
        });
        if (key) headers.set('authorization', `Bearer ${key}`);
        return serverFetch(input, { ...init, headers }, { server: 'openai-compatible', host: this.host, signals });
      },
    });
  }

  private fail(error: unknown, model?: string, signal?: AbortSignal, streaming = false): ModelFailure {
    return classifyOpenAi(error, { host: this.host, model, signal, streaming });
  }

  /** GET /v1/models, once per client (a failure is not kept). */
  private servedModels(signal?: AbortSignal): Promise<ServedModel[]> {
    if (this.served) return this.served;
    const pending = (async () => {
      try {
        const page = await this.api(signal, PROBE_TIMEOUT_MS).models.list();
        return parseServedModels({ data: page.data });
      } catch (error) {
        throw this.fail(error, undefined, signal);
      }
    })();
    this.served = pending;
    pending.catch(() => {
      if (this.served === pending) this.served = undefined;
    });
    return pending;
  }

  /** Which server answers: its `owned_by` (vllm, llamacpp…). Anything that does not list models is not one. */
  async version(signal?: AbortSignal): Promise<string> {
    this.served = undefined;
    let models: ServedModel[];
    try {
      models = await this.servedModels(signal);
    } catch (error) {
      const failure = this.fail(error, undefined, signal);
      if ((failure.kind !== 'badRequest' && failure.kind !== 'server') || isRedirect(failure)) throw failure;
      const detail = `${this.host} answered, but not like an OpenAI-compatible server (${failure.detail})`;
      throw openAiFailure('unreachable', { host: this.host }, detail);
    }
    return models.find((m) => m.ownedBy)?.ownedBy ?? 'OpenAI-compatible';
  }

  async listModels(signal?: AbortSignal): Promise<InstalledModel[]> {
    return installedFrom(await this.servedModels(signal));
  }

  /** The API does not say which models are in memory: a served model is loaded. */
  async loadedModels(signal?: AbortSignal): Promise<LoadedModel[]> {
    return (await this.servedModels(signal)).map((m) => ({ name: m.id }));
  }

  async show(model: string, signal?: AbortSignal): Promise<ModelInfo> {
    const served = await this.servedModels(signal);
    const found = served.find((m) => sameServedModel(m.id, model));
    if (!found) {
      const detail = `the server serves ${served.map((m) => m.id).join(', ') || 'no models'}`;
      throw openAiFailure('modelMissing', { host: this.host, model }, detail);
    }
    return servedModelInfo(model, found, this.options.contextLength);
  }

  forget(): void {
    this.served = undefined;
  }

  /** Streams an answer from /v1/chat/completions; a last assistant message is continued, not answered. */
  async *chat(params: ChatParams, signal: AbortSignal): AsyncGenerator<TextChunk> {
    const prefilled = params.messages.at(-1)?.role === 'assistant';
    const body = {
      model: params.model,
      messages: params.messages.map((m) => ({ role: m.role, content: m.content })),
      ...sampling(params.options),
      stream: true,
      stream_options: { include_usage: true },
      // vLLM continues a pre-filled answer only when told; llama.cpp and LM Studio do it on their own.
      ...(prefilled ? { continue_final_message: true, add_generation_prompt: false } : {}),
    };
    yield* this.stream(
      params.model,
      signal,
      (api, s) => api.chat.completions.create(body as never, { signal: s }),
      readChoice((choice) => {
        const delta = choice.delta as Record<string, unknown> | undefined;
        return typeof delta?.content === 'string' ? delta.content : '';
      }),
    );
  }

  /**
   * Completions (through completeThrough, the one place a prompt becomes a call): /v1/chat/completions for
   * chat-style prompts, /v1/completions with the raw prompt otherwise (phi4's ChatML hole filling), with
   * `cache_prompt` for llama.cpp's server (vLLM's automatic prefix caching needs nothing); a FIM prompt (a
   * suffix) goes to llama.cpp's /infill.
   */
  complete(prompt: CompletionPrompt, model: string, signal: AbortSignal, onStats?: (stats: StreamStats) => void): AsyncGenerator<string> {
    const generate = (options: SamplingOptions) =>
      prompt.suffix !== undefined
        ? this.infill(prompt.prompt, prompt.suffix, model, options, signal)
        : this.stream(
            model,
            signal,
            (api, s) =>
              api.completions.create(
                {
                  model,
                  prompt: prompt.prompt,
                  ...sampling(options),
                  stream: true,
                  stream_options: { include_usage: true },
                  cache_prompt: true,
                } as never,
                { signal: s },
              ),
            readChoice((choice) => (typeof choice.text === 'string' ? choice.text : '')),
          );
    return completeThrough({ chat: (params, s) => this.chat(params, s), generate }, prompt, model, signal, onStats);
  }

  /**
   * Fill-in-the-middle through llama.cpp's /infill (beside /v1, at the server's root), for the code models it
   * serves with FIM tokens (`insert` in servedModelInfo); its stream is SSE without choices.
   */
  private infill(prefix: string, suffix: string, model: string, options: SamplingOptions, signal: AbortSignal): AsyncGenerator<TextChunk> {
    const { max_tokens: maxTokens, ...rest } = sampling(options);
    const body = { model, input_prefix: prefix, input_suffix: suffix, ...rest, n_predict: maxTokens, stream: true, cache_prompt: true };
    return this.stream(
      model,
      signal,
      (api, s) => api.post('/infill', { body, stream: true, signal: s }),
      readInfill,
      serverRoot(this.host),
    );
  }

  private async *stream(
    model: string,
    signal: AbortSignal,
    start: (api: OpenAI, signal: AbortSignal) => Promise<unknown>,
    read: (part: Record<string, unknown>) => StreamPart,
    baseUrl?: string,
  ): AsyncGenerator<TextChunk> {
    if (signal.aborted) throw this.fail(new Error('aborted'), model, signal);
    const sentAt = Date.now();
    // Our own controller: leaving the loop early closes the request even where the library would not.
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let finished = false;
    try {
      let stream: AsyncIterable<unknown>;
      try {
        stream = (await start(this.api(controller.signal, undefined, baseUrl), controller.signal)) as AsyncIterable<unknown>;
      } catch (error) {
        throw this.fail(error, model, signal);
      }
      let finishReason: string | undefined;
      let usage: unknown;
      let firstTokenMs: number | undefined;
      const idleMs = this.options.streamIdleMs ?? STREAM_IDLE_MS;
      try {
        const stalled = () =>
          openAiFailure(
            'timedOut',
            { host: this.host, model },
            `no data from the server for ${Math.round(idleMs / 1000)} s in the middle of the answer`,
          );
        for await (const raw of withinIdle(stream, idleMs, stalled)) {
          const part = read((raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>);
          if (part.usage) usage = part.usage;
          if (part.text) {
            firstTokenMs ??= Date.now() - sentAt;
            yield { text: part.text, done: false };
          }
          if (part.finishReason !== undefined) finishReason = part.finishReason;
        }
      } catch (error) {
        throw this.fail(error, model, signal, true);
      }
      // The library ends the iteration quietly when its request is aborted.
      if (signal.aborted) throw this.fail(new Error('aborted'), model, signal);
      if (finishReason === undefined) {
        const detail = 'the stream ended without a finish reason';
        throw openAiFailure('failedMidStream', { host: this.host, model }, detail);
      }
      finished = true;
      yield { text: '', done: true, stats: statsFromUsage(usage, finishReason, Date.now() - sentAt, firstTokenMs) };
    } finally {
      signal.removeEventListener('abort', onAbort);
      // The consumer stopped early (or an error): close the HTTP request so the server stops generating.
      if (!finished) controller.abort();
    }
  }

  /** Nothing to load ahead: the server loaded its models when it started. */
  async warmUp(): Promise<void> {}
}
