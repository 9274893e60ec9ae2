// What every backend's `complete` does with a stream once it has picked the endpoint: the completion sampling
// for the prompt, and the text pieces out of the chunks, the final counts to `onStats`. Pure.
import type { CompletionPrompt, SamplingOptions, StreamStats, TextChunk } from './modelTypes';
import { SAMPLING } from './sampling';

/** Sampling of an inline completion: focused, the prompt's answer length and stops. */
export function completionSampling(prompt: CompletionPrompt): SamplingOptions {
  return { ...SAMPLING.completion, num_predict: prompt.numPredict, stop: [...prompt.stop] };
}

/** The text of each chunk; the final stats go to `onStats`. */
export async function* textPieces(chunks: AsyncIterable<TextChunk>, onStats?: (stats: StreamStats) => void): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    if (chunk.text) yield chunk.text;
    if (chunk.stats) onStats?.(chunk.stats);
  }
}
