// The only user of the `ollama` package. One client per settings snapshot; every call that can take time
// streams and takes an AbortSignal, and aborting closes that one HTTP request (Ollama then stops generating).
import { Ollama } from 'ollama';
import { parseModelInfo, type ShowReply } from '../common/modelInfo';
import { parseInstalledModels, parseLoadedModels, PullTally, statsOf } from '../common/ollamaReplies';
import { completeThrough } from '../../backend/common/completionStream';
import { modelFailure, type ModelFailure } from '../../backend/common/modelFailure';
import { busyFailure } from '../../backend/node/busyReply';
import { isRedirect, serverFetch } from '../../backend/node/serverFetch';
import type { BackendCapabilities, ChatParams, ModelBackend } from '../../backend/common/modelBackend';
import { classify } from './classifyFailure';
import { STREAM_IDLE_MS, WARM_UP_TIMEOUT_MS, withinIdle } from '../../backend/node/replyLimits';
import {
  type CompletionPrompt,
  type InstalledModel,
  type LoadedModel,
  type ModelInfo,
  type PullProgress,
  sameModelName,
  type SamplingOptions,
  type StreamStats,
  type TextChunk,
} from '../../backend/common/modelTypes';

interface ConnectionOptions {
  readonly host: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly keepAlive: string | number;
  readonly numCtx: number;
  /** How long a started stream may go without a chunk (STREAM_IDLE_MS unless set, e.g. by tests). */
  readonly streamIdleMs?: number;
}

interface GenerateParams {
  model: string;
  prompt: string;
  suffix?: string;
  raw?: boolean;
  system?: string;
  options?: SamplingOptions;
}

/** Time-out for the small non-streamed calls (version, tags, ps, show): a hung host must not hang the UI. */
const PROBE_TIMEOUT_MS = 8000;

export class OllamaClient implements ModelBackend {
  readonly kind = 'ollama';
  readonly capabilities: BackendCapabilities = { loading: true, keepAlive: true };
  private readonly showCache = new Map<string, Promise<ModelInfo>>();

  constructor(private readonly options: ConnectionOptions) {}

  get host(): string {
    return this.options.host;
  }

  /**
   * An `ollama` instance whose every request carries `signal`. The library's own `.abort()` exists only once
   * the reply's headers arrived; Ollama holds the headers until the first token, so a stale request must be
   * cancellable before that, through fetch's signal.
   */
  private instance(signal?: AbortSignal, timeoutMs?: number): Ollama {
    const signals = [signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => !!s);
    return new Ollama({
      host: this.options.host,
      headers: { ...this.options.headers },
      fetch: async (input, init) => {
        const response = await serverFetch(input, init, { server: 'ollama', host: this.host, signals });
        // The library drops a busy reply's Retry-After: read it here.
        if (response.status === 429 || response.status === 503) throw await busyFailure(response, 'ollama', this.host);
        return response;
      },
    });
  }

  private fail(error: unknown, model?: string, signal?: AbortSignal, streaming = false): ModelFailure {
    return classify(error, { host: this.options.host, model, signal, streaming });
  }

  async version(signal?: AbortSignal): Promise<string> {
    try {
      const reply = (await this.instance(signal, PROBE_TIMEOUT_MS).version()) as unknown as Record<string, unknown>;
      if (typeof reply?.version !== 'string') throw new Error('reply has no version');
      return reply.version;
    } catch (error) {
      const failure = this.fail(error, undefined, signal);
      if (failure.kind === 'aborted' || failure.kind === 'unreachable' || isRedirect(failure)) throw failure;
      // Something answered HTTP, but not like Ollama.
      const detail = `${this.options.host} answered, but not like an Ollama server (${failure.detail})`;
      throw modelFailure('unreachable', { detail, host: this.options.host, server: 'ollama' });
    }
  }

  async listModels(signal?: AbortSignal): Promise<InstalledModel[]> {
    try {
      const reply = (await this.instance(signal, PROBE_TIMEOUT_MS).list()) as unknown as { models?: unknown };
      return parseInstalledModels(reply);
    } catch (error) {
      throw this.fail(error, undefined, signal);
    }
  }

  async loadedModels(signal?: AbortSignal): Promise<LoadedModel[]> {
    try {
      const reply = (await this.instance(signal, PROBE_TIMEOUT_MS).ps()) as unknown as { models?: unknown };
      return parseLoadedModels(reply);
    } catch (error) {
      throw this.fail(error, undefined, signal);
    }
  }

  /** Model facts from /api/show, cached per model for the life of this client (a failure is not cached). */
  show(model: string, signal?: AbortSignal): Promise<ModelInfo> {
    const cached = this.showCache.get(model);
    if (cached) return cached;
    const pending = (async () => {
      try {
        const reply = (await this.instance(signal, PROBE_TIMEOUT_MS).show({ model })) as unknown as ShowReply;
        return parseModelInfo(model, reply ?? {});
      } catch (error) {
        throw this.fail(error, model, signal);
      }
    })();
    this.showCache.set(model, pending);
    pending.catch(() => this.showCache.delete(model));
    return pending;
  }

  forget(model: string): void {
    for (const key of this.showCache.keys()) if (sameModelName(key, model)) this.showCache.delete(key);
  }

  /** Streams a completion from /api/generate. Stopping the iteration early aborts the HTTP request. */
  async *generate(params: GenerateParams, signal: AbortSignal): AsyncGenerator<TextChunk> {
    yield* this.stream(
      params.model,
      signal,
      (client) =>
        client.generate({
          model: params.model,
          prompt: params.prompt,
          ...(params.suffix !== undefined ? { suffix: params.suffix } : {}),
          ...(params.raw ? { raw: true } : {}),
          ...(params.system !== undefined ? { system: params.system } : {}),
          stream: true,
          keep_alive: this.options.keepAlive,
          options: { ...params.options, num_ctx: this.options.numCtx },
        }),
      (part) => (typeof part.response === 'string' ? part.response : ''),
    );
  }

  /** Streams an answer from /api/chat. Stopping the iteration early aborts the HTTP request. */
  async *chat(params: ChatParams, signal: AbortSignal): AsyncGenerator<TextChunk> {
    yield* this.stream(
      params.model,
      signal,
      (client) =>
        client.chat({
          model: params.model,
          messages: params.messages.map((m) => ({
            role: m.role,
            content: m.content,
            ...(m.images?.length ? { images: [...m.images] } : {}),
          })),
          stream: true,
          keep_alive: this.options.keepAlive,
          options: { ...params.options, num_ctx: this.options.numCtx },
        }),
      (part) => {
        const message = part.message as Record<string, unknown> | undefined;
        return typeof message?.content === 'string' ? message.content : '';
      },
    );
  }

  /**
   * Completions (through completeThrough, the one place a prompt becomes a call): /api/chat for chat-style
   * prompts, /api/generate (raw or with a FIM suffix) otherwise, with the completion sampling options. Yields
   * the text pieces; `onStats` gets the final counts and durations.
   */
  complete(prompt: CompletionPrompt, model: string, signal: AbortSignal, onStats?: (stats: StreamStats) => void): AsyncGenerator<string> {
    const generate = (options: SamplingOptions) =>
      this.generate({ model, prompt: prompt.prompt, suffix: prompt.suffix, raw: prompt.raw || undefined, options }, signal);
    return completeThrough({ chat: (params, s) => this.chat(params, s), generate }, prompt, model, signal, onStats);
  }

  private async *stream(
    model: string,
    signal: AbortSignal,
    start: (client: Ollama) => Promise<{ abort(): void } & AsyncIterable<unknown>>,
    textOf: (part: Record<string, unknown>) => string,
  ): AsyncGenerator<TextChunk> {
    if (signal.aborted) throw this.fail(new Error('aborted'), model, signal);
    let iterator: { abort(): void } & AsyncIterable<unknown>;
    try {
      iterator = await start(this.instance(signal));
    } catch (error) {
      throw this.fail(error, model, signal);
    }
    let finished = false;
    const idleMs = this.options.streamIdleMs ?? STREAM_IDLE_MS;
    try {
      const stalled = () =>
        modelFailure('timedOut', {
          model,
          detail: `no data from Ollama for ${Math.round(idleMs / 1000)} s in the middle of the answer`,
          host: this.host,
          server: 'ollama',
        });
      for await (const raw of withinIdle(iterator, idleMs, stalled)) {
        const part = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
        const done = part.done === true;
        if (done) finished = true;
        yield { text: textOf(part), done, stats: done ? statsOf(part) : undefined };
        if (done) return;
      }
      finished = true;
    } catch (error) {
      throw this.fail(error, model, signal, true);
    } finally {
      // The consumer stopped early (or an error): close the HTTP request so Ollama stops generating.
      if (!finished) iterator.abort();
    }
  }

  /** Loads the model into memory (an empty prompt), with the same num_ctx and keep_alive as every request. */
  async warmUp(model: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.instance(signal, WARM_UP_TIMEOUT_MS).generate({
        model,
        prompt: '',
        stream: false,
        keep_alive: this.options.keepAlive,
        options: { num_ctx: this.options.numCtx },
      });
    } catch (error) {
      const failure = this.fail(error, model, signal);
      if (failure.kind === 'unreachable' && /timed out/.test(failure.detail)) {
        throw modelFailure('timedOut', { model, detail: `${WARM_UP_TIMEOUT_MS / 1000}`, host: this.options.host, server: 'ollama' });
      }
      throw failure;
    }
  }

  /** Pulls a model, yielding progress summed over its layers. */
  async *pull(model: string, signal: AbortSignal): AsyncGenerator<PullProgress> {
    let iterator: { abort(): void } & AsyncIterable<unknown>;
    try {
      iterator = await this.instance(signal).pull({ model, stream: true });
    } catch (error) {
      throw this.fail(error, model, signal);
    }
    const tally = new PullTally();
    let finished = false;
    try {
      for await (const raw of iterator) {
        const progress = tally.add(raw);
        if (progress.status === 'success') finished = true;
        yield progress;
      }
      finished = true;
    } catch (error) {
      const failure = this.fail(error, model, signal, true);
      if (failure.kind === 'failedMidStream' && /file does not exist|manifest/i.test(failure.detail)) {
        // Not a missing local model: the name is not in the library (modelCommands says so when pulling).
        throw modelFailure('modelMissing', {
          model,
          detail: `not in the Ollama library: ${failure.detail}`,
          host: this.host,
          server: 'ollama',
        });
      }
      throw failure;
    } finally {
      if (!finished) iterator.abort();
    }
    this.forget(model);
  }
}
