// The shapes every backend shares and every feature uses: what is asked (chat messages, a completion prompt,
// sampling), what comes back (text chunks, final stats, model lists, pull progress) and what a model is
// (`ModelInfo`, in the words the features need). Each backend builds them from what its server reports. Pure.

/** One message of a conversation with the model (chat, edits, tests, chat-style completions). */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
  /** Base64 PNG/JPEG images, for models with the `vision` capability. */
  readonly images?: readonly string[];
}

/** A completion request as the completion feature builds it; the backend turns it into its server's call. */
export interface CompletionPrompt {
  readonly endpoint: 'generate' | 'chat';
  readonly prompt: string;
  readonly suffix?: string;
  readonly raw: boolean;
  readonly messages?: readonly ChatMessage[];
  readonly stop: readonly string[];
  readonly numPredict: number;
  /** Estimated prompt tokens (calibrated to over-count slightly). */
  readonly promptTokens: number;
}

/** Sampling options a feature may set; load-time options (num_ctx) are the client's and never vary. */
export interface SamplingOptions {
  temperature?: number;
  top_p?: number;
  top_k?: number;
  num_predict?: number;
  stop?: string[];
  seed?: number;
  repeat_penalty?: number;
}

/** The final counts of a stream (Ollama's last chunk, or an OpenAI-compatible server's usage). */
export interface StreamStats {
  doneReason?: string;
  promptEvalCount?: number;
  evalCount?: number;
  totalDurationMs?: number;
  loadDurationMs?: number;
  promptEvalDurationMs?: number;
  evalDurationMs?: number;
}

export interface TextChunk {
  text: string;
  done: boolean;
  stats?: StreamStats;
}

export interface InstalledModel {
  name: string;
  sizeBytes: number;
  parameterSize?: string;
  quantization?: string;
}

export interface LoadedModel {
  name: string;
  expiresAt?: string;
}

export interface PullProgress {
  status: string;
  /** Bytes done and total over all layers seen so far. */
  completed: number;
  total: number;
}

/**
 * How a completion is asked of a model, decided by its backend from what the server reports:
 *   fim    — the server fills in the middle (Ollama's `suffix` for models with `insert`, llama.cpp's /infill);
 *   chatml — a chat model with ChatML turns that takes a raw prompt: phi4 (`<|im_sep|>` then a line break
 *            after the role) or Qwen-style ChatML (a line break after the role);
 *   chat   — any other chat model: chat messages, the answer pre-filled as a last assistant message.
 */
export type PromptFormat =
  { readonly kind: 'fim' } | { readonly kind: 'chatml'; readonly roleSeparator: string } | { readonly kind: 'chat' };

/** phi4's ChatML: the role, `<|im_sep|>`, a line break. */
export const PHI4_FORMAT: PromptFormat = { kind: 'chatml', roleSeparator: '<|im_sep|>\n' };
/** Qwen-style ChatML: the role on its own line. */
export const CHATML_FORMAT: PromptFormat = { kind: 'chatml', roleSeparator: '\n' };

/** What the extension knows about a model, in the words the features need. */
export interface ModelInfo {
  /** The name as the user wrote it (e.g. `phi4`). */
  readonly name: string;
  /** Ollama's capability words (`completion`, `insert`, `tools`, `vision`, `thinking`…). */
  readonly capabilities: readonly string[];
  /** The context window: the model's trained length, or the window the server runs it with, when known. */
  readonly contextLength?: number;
  readonly promptFormat: PromptFormat;
  /** Stop sequences from the model's parameters. */
  readonly stop: readonly string[];
  readonly family?: string;
  readonly parameterSize?: string;
  readonly quantization?: string;
}

/** Ollama lists `phi4` as `phi4:latest`: compare names the way it resolves them. */
export function sameModelName(a: string, b: string): boolean {
  const full = (name: string) => (name.includes(':') ? name : `${name}:latest`);
  return full(a.trim()) === full(b.trim());
}

/** "9.1 GB" style size, as Ollama prints it. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
