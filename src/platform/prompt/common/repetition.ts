// Small models sometimes loop: the same line, or the same few lines, again and again until the token limit.
// This finds where a reply started looping, so the caller can stop the request and keep the text before it.
// Pure; looks at whole lines only, and only at the end of the text (call it as lines arrive).

interface RepetitionLimits {
  /** The same single line this many times in a row. */
  readonly sameLine: number;
  /** A block of 2..maxBlock lines this many times in a row. */
  readonly blockRepeats: number;
  readonly maxBlock: number;
}

const REPETITION_LIMITS: RepetitionLimits = { sameLine: 12, blockRepeats: 6, maxBlock: 8 };

/** Lines looked at from the end: enough for the longest loop the limits can see. */
const WINDOW = 200;

/**
 * The length of `text` to keep when its end is a loop (through the loop's first round), or undefined when it
 * is not. Blank lines and lines of punctuation alone never make a loop (code has runs of `}` and blanks).
 */
export function repetitionCut(text: string, limits: RepetitionLimits = REPETITION_LIMITS): number | undefined {
  const end = text.lastIndexOf('\n');
  if (end < 0) return undefined;
  // Only the last WINDOW complete lines are looked at: find where they start without splitting the whole
  // text, so a long answer costs the same per chunk as a short one.
  let windowStart = 0;
  for (let i = end - 1, seen = 0; i >= 0; i--) {
    if (text.charCodeAt(i) === 10 && ++seen === WINDOW) {
      windowStart = i + 1;
      break;
    }
  }
  const raw = text.slice(windowStart, end).split('\n');
  const lines = raw.map((line) => line.trim());
  const n = lines.length;
  for (let size = 1; size <= limits.maxBlock; size++) {
    const needed = size === 1 ? limits.sameLine : limits.blockRepeats;
    if (n < size * needed) continue;
    const block = lines.slice(n - size);
    if (block.join('').replace(/[\s\p{P}]/gu, '').length < 3) continue;
    let repeats = 1;
    while (n - size * (repeats + 1) >= 0) {
      const start = n - size * (repeats + 1);
      if (!block.every((line, i) => lines[start + i] === line)) break;
      repeats++;
    }
    if (repeats < needed) continue;
    // Keep everything before the loop and its first round.
    const keepLines = n - size * repeats + size;
    return raw.slice(0, keepLines).reduce((length, line) => length + line.length + 1, windowStart);
  }
  return undefined;
}
