// The shape of code around the cursor, read without parsing: bracket depth, indentation, whether a line
// opens a block. Good enough for any brace or indentation language; strings and line comments are skipped.

const STRINGS = /(["'`])(?:\\.|(?!\1)[^\\])*\1/g;

/** Opening minus closing brackets, strings and line comments left out. */
export function bracketDelta(text: string): number {
  const code = text.replace(STRINGS, '""').replace(/\/\/.*$|#.*$/g, '');
  let delta = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') delta++;
    else if (ch === ')' || ch === ']' || ch === '}') delta--;
  }
  return delta;
}

/** Index of the first closing bracket that closes something opened before the text, or -1. */
export function firstUnmatchedCloser(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth < 0) return i;
    }
  }
  return -1;
}

function width(indent: string): number {
  let columns = 0;
  for (const ch of indent) columns += ch === '\t' ? 4 : 1;
  return columns;
}

export function indentWidth(line: string): number {
  return width(/^[ \t]*/.exec(line)?.[0] ?? '');
}

/** True when the cursor line opens a block or sits, empty, on the line after one. */
export function wantsMultiline(linePrefix: string, lineSuffix: string, previousLines: readonly string[]): boolean {
  if (!/^[\s)\]}'"`;,]*$/.test(lineSuffix)) return false;
  const opens = (line: string) => /(?:[{([:]|=>|\bthen|\bdo)\s*$/.test(line.replace(/\/\/.*$|#.*$/, '').trimEnd());
  if (linePrefix.trim()) return opens(linePrefix);
  const previous = [...previousLines].reverse().find((line) => line.trim() !== '');
  return previous !== undefined && opens(previous);
}
