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

/**
 * Index of the first closing bracket that closes something opened before the text, or -1. With `quote`
 * (the text starts inside a string opened before it), the quote that ends that string counts as closing too.
 */
export function firstUnmatchedCloser(text: string, quote?: string): number {
  let depth = 0;
  let inside: string | undefined = quote;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inside) {
      if (ch === '\\') i++;
      else if (ch === inside) {
        if (inside === quote && depth === 0 && quote !== undefined) return i;
        inside = undefined;
      }
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') inside = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth < 0) return i;
    }
  }
  return -1;
}

/**
 * The quote of the string the cursor is in, reading the cursor line's text before it; undefined in code,
 * in a comment, or inside an interpolation (`${…}`, an f-string's or C#'s `{…}`), which is code again.
 */
export function openQuote(line: string): string | undefined {
  // Strings and interpolations, innermost last; an interpolation counts its own braces.
  const stack: ({ quote: string; interpolates: boolean } | { braces: number })[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    const top = stack[stack.length - 1];
    if (top && 'quote' in top) {
      if (ch === '\\') i++;
      else if (ch === top.quote) stack.pop();
      else if (top.quote === '`' && ch === '$' && line[i + 1] === '{') {
        i++;
        stack.push({ braces: 0 });
      } else if (top.interpolates && ch === '{') {
        if (line[i + 1] === '{') i++;
        else stack.push({ braces: 0 });
      }
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      // f"…" (Python) and $"…" (C#) interpolate with braces.
      stack.push({ quote: ch, interpolates: ch !== '`' && /[fF$]/.test(line[i - 1] ?? '') });
    } else if (top && ch === '{') top.braces++;
    else if (top && ch === '}') {
      if (top.braces === 0) stack.pop();
      else top.braces--;
    } else if (!top && ((ch === '/' && line[i + 1] === '/') || ch === '#')) return undefined;
  }
  const top = stack[stack.length - 1];
  return top && 'quote' in top ? top.quote : undefined;
}

/** Opening brackets left open at the end of `line`; closers of brackets opened on earlier lines are ignored. */
export function openCount(line: string): number {
  const code = line.replace(STRINGS, '""').replace(/\/\/.*$|#.*$/g, '');
  let open = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') open++;
    else if ((ch === ')' || ch === ']' || ch === '}') && open > 0) open--;
  }
  return open;
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
