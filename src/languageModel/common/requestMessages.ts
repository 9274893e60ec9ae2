// A request from VS Code's language-model API, in plain shapes, turned into the messages and options Ollama
// takes. Pure: vscode/ reads the API's part classes into these shapes.
import { SAMPLING } from '../../platform/backend/common/sampling';
import { estimateTokens } from '../../platform/prompt/common/tokens';
import type { ChatMessage, SamplingOptions } from '../../platform/backend/common/modelTypes';

export type LmPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'image'; readonly mimeType: string; readonly base64: string }
  | { readonly kind: 'toolResult'; readonly text: string }
  | { readonly kind: 'other'; readonly what: string };

export interface LmMessage {
  readonly role: 'user' | 'assistant' | 'system';
  readonly parts: readonly LmPart[];
}

interface ConvertedRequest {
  readonly messages: ChatMessage[];
  /** Parts the model cannot take (images for a model without vision, tool calls…), named for the log. */
  readonly dropped: string[];
}

/** Ollama's images: PNG and JPEG (base64, without a data: prefix). */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg']);

export function toChatMessages(input: readonly LmMessage[], capabilities: { readonly imageInput: boolean }): ConvertedRequest {
  const messages: ChatMessage[] = [];
  const dropped: string[] = [];
  for (const message of input) {
    let content = '';
    const images: string[] = [];
    for (const part of message.parts) {
      if (part.kind === 'text') content += part.text;
      else if (part.kind === 'toolResult') content += part.text;
      else if (part.kind === 'image' && capabilities.imageInput && IMAGE_TYPES.has(part.mimeType.toLowerCase())) images.push(part.base64);
      else dropped.push(part.kind === 'image' ? `image (${part.mimeType})` : part.what);
    }
    if (!content && images.length === 0) continue;
    const previous = messages.at(-1);
    // Two turns of one role in a row (a text and a tool result, say) are one turn to the model.
    if (previous && previous.role === message.role && images.length === 0 && !previous.images?.length) {
      messages[messages.length - 1] = { role: message.role, content: `${previous.content}\n\n${content}` };
      continue;
    }
    messages.push(images.length ? { role: message.role, content, images } : { role: message.role, content });
  }
  return { messages, dropped };
}

/** Tokens of a message as the project's estimator counts them (over-counts slightly, like the chat budget). */
export function tokensOf(input: string | LmMessage): number {
  if (typeof input === 'string') return estimateTokens(input);
  let tokens = 4;
  for (const part of input.parts) {
    if (part.kind === 'text' || part.kind === 'toolResult') tokens += estimateTokens(part.text);
    // Vision models take an image as a few hundred tokens; count a fixed share rather than its bytes.
    else if (part.kind === 'image') tokens += 768;
  }
  return tokens;
}

const NUMBER_OPTIONS: Record<string, { key: keyof SamplingOptions; min: number; max: number; integer?: boolean }> = {
  temperature: { key: 'temperature', min: 0, max: 2 },
  top_p: { key: 'top_p', min: 0, max: 1 },
  topP: { key: 'top_p', min: 0, max: 1 },
  top_k: { key: 'top_k', min: 1, max: 1000, integer: true },
  topK: { key: 'top_k', min: 1, max: 1000, integer: true },
  seed: { key: 'seed', min: 0, max: 2 ** 31 - 1, integer: true },
  max_tokens: { key: 'num_predict', min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
  maxTokens: { key: 'num_predict', min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
  num_predict: { key: 'num_predict', min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
  repeat_penalty: { key: 'repeat_penalty', min: 0, max: 5 },
};

/**
 * The sampling options a caller may set through `modelOptions` (numbers in range only; anything else is
 * ignored), with the answer capped at `maxOutputTokens`. Load-time options such as num_ctx are never taken.
 */
export function samplingFrom(modelOptions: { readonly [name: string]: unknown } | undefined, maxOutputTokens: number): SamplingOptions {
  const options = { ...SAMPLING.languageModel } as Record<string, number>;
  for (const [name, value] of Object.entries(modelOptions ?? {})) {
    const rule = NUMBER_OPTIONS[name];
    if (!rule || typeof value !== 'number' || !Number.isFinite(value) || value < rule.min || value > rule.max) continue;
    if (rule.integer && !Number.isInteger(value)) continue;
    options[rule.key] = value;
  }
  options.num_predict = Math.min(options.num_predict ?? maxOutputTokens, maxOutputTokens);
  return options as SamplingOptions;
}
