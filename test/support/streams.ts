// Helpers for tests of the model clients and the completion pipeline: read a stream whole, and the ModelFailure
// a call ends with.
import * as assert from 'node:assert/strict';
import { ModelFailure } from '../../src/platform/backend/common/modelFailure';
import type { TextChunk } from '../../src/platform/backend/common/modelTypes';

export async function collect(iterable: AsyncIterable<TextChunk>): Promise<{ text: string; chunks: TextChunk[] }> {
  const chunks: TextChunk[] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return { text: chunks.map((c) => c.text).join(''), chunks };
}

export async function failureOf(promise: Promise<unknown>): Promise<ModelFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ModelFailure, `expected ModelFailure, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

/** The whole text of a stream of text pieces (the completion pipeline's stages). */
export async function collectText(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of stream) text += piece;
  return text;
}
