// The OpenAI-compatible protocol of the double, as vLLM speaks it: /v1/models with max_model_len,
// /v1/chat/completions and /v1/completions streamed as SSE `data:` lines ending in `data: [DONE]`, the usage
// in a last chunk without choices (stream_options.include_usage), errors as {"error": {message, type, param,
// code}}, "Unauthorized" without the API key, and vLLM's context-length message. The model serving itself
// (pacing, slots, prompt cache, faults, recording) is the Ollama double's, shared.
import { randomBytes } from 'node:crypto';
import type { DoubleModel } from './double-models';

/** How a streamed answer is written on the wire: Ollama's NDJSON or OpenAI's SSE. */
export interface Wire {
  readonly contentType: string;
  chunk(piece: string): string;
  /** The last chunk(s): finish reason, final counts (and [DONE]). */
  final(run: FinalRun): string;
  /** A mid-stream error as the server writes it. */
  error(message: string): string;
  /** A whole reply for stream: false. */
  whole(text: string, run: FinalRun): unknown;
}

export interface FinalRun {
  readonly model: string;
  readonly doneReason: string;
  readonly promptTokens: number;
  readonly cachedTokens: number;
  readonly completionTokens: number;
}

/** vLLM's error body for a status. */
export function openAiError(status: number, message: string): { error: { message: string; type: string; param: null; code: number } } {
  const types: Record<number, string> = {
    400: 'BadRequestError',
    401: 'AuthenticationError',
    404: 'NotFoundError',
    429: 'RateLimitError',
    500: 'InternalServerError',
    503: 'ServiceUnavailableError',
  };
  return { error: { message, type: types[status] ?? 'APIError', param: null, code: status } };
}

export function modelList(models: readonly DoubleModel[], ownedBy: string): unknown {
  return {
    object: 'list',
    data: models
      .filter((m) => m.present)
      .map((m) => ({
        id: m.servedId,
        object: 'model',
        created: 1_764_000_000,
        owned_by: ownedBy,
        root: m.servedId,
        parent: null,
        max_model_len: m.contextLength,
        permission: [],
      })),
  };
}

/** An OpenAI request as the double's generate path takes it: endpoint, Ollama-style body and options. */
export function toOllamaBody(endpoint: 'generate' | 'chat', body: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (typeof body.max_tokens === 'number') options.num_predict = body.max_tokens;
  if (typeof body.max_completion_tokens === 'number') options.num_predict = body.max_completion_tokens;
  if (typeof body.temperature === 'number') options.temperature = body.temperature;
  if (typeof body.top_p === 'number') options.top_p = body.top_p;
  if (typeof body.seed === 'number') options.seed = body.seed;
  if (typeof body.stop === 'string') options.stop = [body.stop];
  else if (Array.isArray(body.stop)) options.stop = body.stop;
  const common = { model: body.model, options, stream: body.stream === true };
  return endpoint === 'chat' ? { ...common, messages: body.messages } : { ...common, prompt: body.prompt, raw: true };
}

export function sseWire(endpoint: 'generate' | 'chat', model: string, includeUsage: boolean): Wire {
  const id = `${endpoint === 'chat' ? 'chatcmpl' : 'cmpl'}-${randomBytes(12).toString('hex')}`;
  const created = Math.floor(Date.now() / 1000);
  const object = endpoint === 'chat' ? 'chat.completion.chunk' : 'text_completion';
  let first = true;
  const choice = (text: string, finish: string | null) =>
    endpoint === 'chat'
      ? { index: 0, delta: first ? { role: 'assistant', content: text } : { content: text }, logprobs: null, finish_reason: finish }
      : { index: 0, text, logprobs: null, finish_reason: finish, stop_reason: null };
  const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
  const usage = (run: FinalRun) => ({
    prompt_tokens: run.promptTokens,
    total_tokens: run.promptTokens + run.completionTokens,
    completion_tokens: run.completionTokens,
    prompt_tokens_details: { cached_tokens: run.cachedTokens },
  });
  const finishReason = (run: FinalRun) => (run.doneReason === 'length' ? 'length' : 'stop');
  return {
    contentType: 'text/event-stream; charset=utf-8',
    chunk(piece) {
      const line = data({ id, object, created, model, choices: [choice(piece, null)] });
      first = false;
      return line;
    },
    final(run) {
      const last = data({ id, object, created, model, choices: [choice('', finishReason(run))] });
      const counts = includeUsage ? data({ id, object, created, model, choices: [], usage: usage(run) }) : '';
      return `${last}${counts}data: [DONE]\n\n`;
    },
    error(message) {
      return `${data(openAiError(500, message))}data: [DONE]\n\n`;
    },
    whole(text, run) {
      const choices =
        endpoint === 'chat'
          ? [{ index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: finishReason(run) }]
          : [{ index: 0, text, logprobs: null, finish_reason: finishReason(run) }];
      return { id, object: endpoint === 'chat' ? 'chat.completion' : 'text_completion', created, model, choices, usage: usage(run) };
    },
  };
}

/** llama.cpp's /infill request as the double's generate path takes it: the prefix as prompt, the suffix. */
export function infillToOllamaBody(body: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (typeof body.n_predict === 'number' && body.n_predict >= 0) options.num_predict = body.n_predict;
  if (typeof body.temperature === 'number') options.temperature = body.temperature;
  if (typeof body.top_p === 'number') options.top_p = body.top_p;
  if (Array.isArray(body.stop)) options.stop = body.stop;
  return { model: body.model, prompt: body.input_prefix, suffix: body.input_suffix, options, stream: body.stream === true };
}

/** llama.cpp's own SSE for /infill: `content` pieces, then `stop: true` with the counts; no [DONE]. */
export function infillWire(): Wire {
  const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
  const last = (run: FinalRun) => ({
    index: 0,
    content: '',
    tokens: [],
    stop: true,
    id_slot: 0,
    stop_type: run.doneReason === 'length' ? 'limit' : 'eos',
    tokens_predicted: run.completionTokens,
    tokens_evaluated: run.promptTokens,
    tokens_cached: run.cachedTokens,
    truncated: false,
  });
  return {
    contentType: 'text/event-stream',
    chunk: (piece) => data({ index: 0, content: piece, tokens: [], stop: false, id_slot: 0 }),
    final: (run) => data(last(run)),
    error: (message) => data({ error: { code: 500, message, type: 'server_error' } }),
    whole: (text, run) => ({ ...last(run), content: text }),
  };
}

/** vLLM's 400 when the prompt and the answer do not fit max_model_len. */
export function contextLengthMessage(limit: number, promptTokens: number, completionTokens: number): string {
  return (
    `This model's maximum context length is ${limit} tokens. However, you requested ${promptTokens + completionTokens} tokens ` +
    `(${promptTokens} in the messages, ${completionTokens} in the completion). Please reduce the length of the messages or completion.`
  );
}
