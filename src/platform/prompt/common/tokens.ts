// Token counts for budgeting prompts against num_ctx without shipping a tokenizer. Phi-4's tokenizer is of
// the cl100k_base family; this counts its pre-tokenizer's pieces (a piece is one token unless it is a long
// word) and is calibrated against the real cl100k_base in tokens.test.ts (test/unit mirrors src/): it
// over-counts code by a few percent, which is the safe side for a budget.

const PIECE = /'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

export function estimateTokens(text: string): number {
  let count = 0;
  PIECE.lastIndex = 0;
  for (let match = PIECE.exec(text); match; match = PIECE.exec(text)) {
    const piece = match[0];
    const first = piece.charCodeAt(piece.length > 1 && piece[0] === ' ' ? 1 : 0);
    const isSpace = first === 32 || first === 9 || first === 10 || first === 13;
    // Long words and symbol runs split into several tokens; whitespace runs mostly stay one.
    if (isSpace) count += 1 + (piece.length >> 5);
    else count += piece.length > 8 ? Math.ceil(piece.length / 6) : 1;
  }
  return count;
}

/** `text` cut (at a line break where possible) so that it counts at most `maxTokens`. */
export function cutToTokens(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  let cut = text.slice(0, Math.max(0, maxTokens * 4));
  while (cut && estimateTokens(cut) > maxTokens) cut = cut.slice(0, Math.floor(cut.length * 0.8));
  const lineEnd = cut.lastIndexOf('\n');
  return lineEnd > cut.length / 2 ? cut.slice(0, lineEnd) : cut;
}
