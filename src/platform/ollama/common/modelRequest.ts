// The plain shapes every feature hands to the model backend: one chat message type, and a completion prompt
// that says which endpoint it is meant for. Pure, so the features' common/ code builds them.

/** One message of a conversation with the model (chat, edits, tests, chat-style completions). */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
  /** Base64 PNG/JPEG images, for models with the `vision` capability. */
  readonly images?: readonly string[];
}

/** A completion request as the completion feature builds it; platform/ollama turns it into the client call. */
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

/** Sampling of inline completions: focused, little variety. */
export const COMPLETION_SAMPLING = { temperature: 0.2, top_p: 0.9 } as const;

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
