// The only user of the `openai` package: the model backend for OpenAI-compatible servers (vLLM, llama.cpp's
// server, LM Studio). Every call that can take time streams and takes an AbortSignal; aborting closes that one
// HTTP request. The client never retries on its own (a stale completion must not come back later), reads
// nothing from the environment, and sends exactly the headers chosen here.
import OpenAI from 'openai';
import type {
  BackendCapabilities,
  ChatParams,
  CompletionPrompt,
  InstalledModel,
  LoadedModel,
  ModelBackend,
  ModelInfo,
  PullProgress,
  SamplingOptions,
  StreamStats,
  TextChunk,
} from '../../backend/common/modelBackend';
import { ModelFailure } from '../../backend/common/modelFailure';
import { limitReply, nextWithin, STREAM_IDLE_MS } from '../../backend/node/replyLimits';
import { failureMessage } from '../../ollama/common/failures';
import { COMPLETION_SAMPLING } from '../../ollama/common/modelRequest';
import {
  installedFrom,
  parseServedModels,
  sameServedModel,
  servedModelInfo,
  statsFromUsage,
  type ServedModel,
} from '../common/openaiReplies';
import { classifyOpenAi } from './classifyOpenAiFailure';

export interface OpenAiOptions {
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
  readonly capabilities: BackendCapabilities = { pull: false, loading: false, keepAlive: false };
  private served?: Promise<ServedModel[]>;

  constructor(readonly options: OpenAiOptions) {}

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
        const all = init?.signal ? [init.signal, ...signals] : signals;
        const response = await fetch(input, { ...init, headers, signal: all.length ? AbortSignal.any(all) : undefined });
        return limitReply(response);
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
      if (failure.kind !== 'badRequest' && failure.kind !== 'server') throw failure;
      const detail = `${this.host} answered, but not like an OpenAI-compatible server (${failure.detail})`;
      throw new ModelFailure({
        kind: 'unreachable',
        detail,
        server: 'openai-compatible',
        message: failureMessage('unreachable', { host: this.host, server: 'openai-compatible' }),
      });
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
      throw new ModelFailure({
        kind: 'modelMissing',
        model,
        detail,
        server: 'openai-compatible',
        message: failureMessage('modelMissing', { host: this.host, model, server: 'openai-compatible' }),
      });
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
   * The one place a completion prompt becomes a model call: /v1/chat/completions for chat-style prompts,
   * /v1/completions with the raw prompt otherwise (phi4's ChatML hole filling), with `cache_prompt` for
   * llama.cpp's server (vLLM's automatic prefix caching needs nothing); a FIM prompt (a suffix) goes to
   * llama.cpp's /infill.
   */
  async *complete(
    prompt: CompletionPrompt,
    model: string,
    signal: AbortSignal,
    onStats?: (stats: StreamStats) => void,
  ): AsyncGenerator<string> {
    const options: SamplingOptions = { ...COMPLETION_SAMPLING, num_predict: prompt.numPredict, stop: [...prompt.stop] };
    const chunks =
      prompt.endpoint === 'chat'
        ? this.chat({ model, messages: prompt.messages ?? [], options }, signal)
        : prompt.suffix !== undefined
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
    for await (const chunk of chunks) {
      if (chunk.text) yield chunk.text;
      if (chunk.stats) onStats?.(chunk.stats);
    }
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
        const chunks = stream[Symbol.asyncIterator]();
        for (;;) {
          const next = await nextWithin(chunks, idleMs);
          if (next === 'idle') {
            const detail = `no data from the server for ${Math.round(idleMs / 1000)} s in the middle of the answer`;
            throw new ModelFailure({
              kind: 'timedOut',
              model,
              detail,
              server: 'openai-compatible',
              message: failureMessage('timedOut', { host: this.host, model, server: 'openai-compatible' }),
            });
          }
          if (next.done) break;
          const part = read((next.value && typeof next.value === 'object' ? next.value : {}) as Record<string, unknown>);
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
        throw new ModelFailure({
          kind: 'failedMidStream',
          model,
          detail,
          server: 'openai-compatible',
          message: failureMessage('failedMidStream', { host: this.host, model, detail, server: 'openai-compatible' }),
        });
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

  // eslint-disable-next-line require-yield
  async *pull(model: string): AsyncGenerator<PullProgress> {
    const detail = 'an OpenAI-compatible server serves the models it was started with; Phi Local cannot download models there';
    throw new ModelFailure({
      kind: 'badRequest',
      model,
      detail,
      server: 'openai-compatible',
      message: failureMessage('badRequest', { detail, server: 'openai-compatible' }),
    });
  }
}

/** What one chunk of a stream says: text, the finish reason once it ends, the counts. */
interface StreamPart {
  readonly text: string;
  readonly finishReason?: string;
  readonly usage?: unknown;
}

/** A chunk of /v1/chat/completions or /v1/completions: the first choice's text and finish reason, the usage. */
function readChoice(textOf: (choice: Record<string, unknown>) => string): (part: Record<string, unknown>) => StreamPart {
  return (part) => {
    const choice = (Array.isArray(part.choices) ? part.choices[0] : undefined) as Record<string, unknown> | undefined;
    return {
      text: choice ? textOf(choice) : '',
      finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : undefined,
      usage: part.usage,
    };
  };
}

/** A chunk of llama.cpp's /infill: `content`, and `stop: true` with `stop_type` and the counts at the end. */
function readInfill(part: Record<string, unknown>): StreamPart {
  const text = typeof part.content === 'string' ? part.content : '';
  if (part.stop !== true) return { text };
  return {
    text,
    finishReason: part.stop_type === 'limit' ? 'length' : 'stop',
    usage: { prompt_tokens: part.tokens_evaluated, completion_tokens: part.tokens_predicted },
  };
}

/** The server's root for its own endpoints (llama.cpp's /infill): the base URL without its /v1. */
function serverRoot(baseUrl: string): string {
  return baseUrl.replace(/\/v1$/, '');
}

/** Ollama-style sampling options as OpenAI request fields (num_predict → max_tokens; top_k, repeat_penalty are vLLM/llama.cpp extras). */
function sampling(options: SamplingOptions | undefined): Record<string, unknown> {
  if (!options) return {};
  const out: Record<string, unknown> = {};
  if (options.temperature !== undefined) out.temperature = options.temperature;
  if (options.top_p !== undefined) out.top_p = options.top_p;
  if (options.top_k !== undefined) out.top_k = options.top_k;
  if (options.num_predict !== undefined && options.num_predict > 0) out.max_tokens = options.num_predict;
  if (options.stop?.length) out.stop = options.stop;
  if (options.seed !== undefined) out.seed = options.seed;
  if (options.repeat_penalty !== undefined) out.repetition_penalty = options.repeat_penalty;
  return out;
}
