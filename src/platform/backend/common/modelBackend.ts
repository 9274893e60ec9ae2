// The one interface every model backend implements: Ollama (platform/ollama, the default) and any
// OpenAI-compatible server (platform/openai: vLLM, llama.cpp's server, LM Studio). Features talk to this
// interface only; each backend folder is the only importer of its client library. Pure types.
import type {
  ChatMessage,
  CompletionPrompt,
  InstalledModel,
  LoadedModel,
  ModelInfo,
  PullProgress,
  SamplingOptions,
  StreamStats,
  TextChunk,
} from './modelTypes';

export type BackendKind = 'ollama' | 'openai-compatible';

export const BACKEND_KINDS: readonly BackendKind[] = ['ollama', 'openai-compatible'];

/** What a backend can do beyond chat and completions; the UI hides or explains what does not apply. */
export interface BackendCapabilities {
  /** Say which models are in memory, and load one ahead of the first request (Ollama's ps and warm-up). */
  readonly loading: boolean;
  /** Keep a model loaded for a while (keep_alive). */
  readonly keepAlive: boolean;
}

export interface ChatParams {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly options?: SamplingOptions;
}

export interface ModelBackend {
  readonly kind: BackendKind;
  /** Where requests go (Ollama's host, or the OpenAI-compatible base URL). */
  readonly host: string;
  readonly capabilities: BackendCapabilities;
  /** The server's version or name, e.g. "0.12.3" or "vllm"; throws `unreachable` when nothing answers like the server. */
  version(signal?: AbortSignal): Promise<string>;
  listModels(signal?: AbortSignal): Promise<InstalledModel[]>;
  /** Models in memory now ([] where the server does not say). */
  loadedModels(signal?: AbortSignal): Promise<LoadedModel[]>;
  /** What the extension knows about a model: capabilities, context window, prompt format. Cached per client. */
  show(model: string, signal?: AbortSignal): Promise<ModelInfo>;
  forget(model: string): void;
  /** Streams an answer; stopping the iteration early closes the HTTP request. */
  chat(params: ChatParams, signal: AbortSignal): AsyncGenerator<TextChunk>;
  /** The one place a completion prompt becomes a model call; yields text pieces, `onStats` gets the final counts. */
  complete(prompt: CompletionPrompt, model: string, signal: AbortSignal, onStats?: (stats: StreamStats) => void): AsyncGenerator<string>;
  /** Loads the model ahead of the first request (does nothing where `capabilities.loading` is false). */
  warmUp(model: string, signal?: AbortSignal): Promise<void>;
  /**
   * Downloads a model onto the server, with progress (Ollama's pull). Absent where the server serves only the
   * models it was started with: the UI offers no Pull there and says why.
   */
  pull?(model: string, signal: AbortSignal): AsyncGenerator<PullProgress>;
}
