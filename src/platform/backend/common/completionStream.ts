// `complete` for every backend: the one place a completion prompt becomes a model call. A chat-style prompt
// goes through the backend's chat, a raw or FIM prompt through the endpoint the backend names; the sampling is
// the completion's, the stream becomes text pieces and the final counts go to `onStats`. Pure.
import type { ChatParams } from './modelBackend';
import type { CompletionPrompt, SamplingOptions, StreamStats, TextChunk } from './modelTypes';
import { SAMPLING } from './sampling';

interface CompletionEndpoints {
  chat(params: ChatParams, signal: AbortSignal): AsyncIterable<TextChunk>;
  /** The raw (or, with a suffix, fill-in-the-middle) completion endpoint of the server. */
  generate(options: SamplingOptions): AsyncIterable<TextChunk>;
}

export function completeThrough(
  endpoints: CompletionEndpoints,
  prompt: CompletionPrompt,
  model: string,
  signal: AbortSignal,
  onStats?: (stats: StreamStats) => void,
): AsyncGenerator<string> {
  const options = completionSampling(prompt);
  const chunks =
    prompt.endpoint === 'chat' ? endpoints.chat({ model, messages: prompt.messages ?? [], options }, signal) : endpoints.generate(options);
  return textPieces(chunks, onStats);
}

/** Sampling of an inline completion: focused, the prompt's answer length and stops. */
function completionSampling(prompt: CompletionPrompt): SamplingOptions {
  return { ...SAMPLING.completion, num_predict: prompt.numPredict, stop: [...prompt.stop] };
}

/** The text of each chunk; the final stats go to `onStats`. */
async function* textPieces(chunks: AsyncIterable<TextChunk>, onStats?: (stats: StreamStats) => void): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    if (chunk.text) yield chunk.text;
    if (chunk.stats) onStats?.(chunk.stats);
  }
}
