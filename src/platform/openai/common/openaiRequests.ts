import type { SamplingOptions } from '../../backend/common/modelTypes';
// The OpenAI-compatible requests and stream chunks as plain data: sampling options as request fields, what one
// chunk of each kind of stream says, where llama.cpp's own endpoints live. Pure.

/** What one chunk of a stream says: text, the finish reason once it ends, the counts. */
export interface StreamPart {
  readonly text: string;
  readonly finishReason?: string;
  readonly usage?: unknown;
}

/** A chunk of /v1/chat/completions or /v1/completions: the first choice's text and finish reason, the usage. */
export function readChoice(textOf: (choice: Record<string, unknown>) => string): (part: Record<string, unknown>) => StreamPart {
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
export function readInfill(part: Record<string, unknown>): StreamPart {
  const text = typeof part.content === 'string' ? part.content : '';
  if (part.stop !== true) return { text };
  return {
    text,
    finishReason: part.stop_type === 'limit' ? 'length' : 'stop',
    usage: { prompt_tokens: part.tokens_evaluated, completion_tokens: part.tokens_predicted },
  };
}

/** The server's root for its own endpoints (llama.cpp's /infill): the base URL without its /v1. */
export function serverRoot(baseUrl: string): string {
  return baseUrl.replace(/\/v1$/, '');
}

/** Ollama-style sampling options as OpenAI request fields (num_predict → max_tokens; top_k, repeat_penalty are vLLM/llama.cpp extras). */
export function sampling(options: SamplingOptions | undefined): Record<string, unknown> {
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
