// Fits a finished completion into its line: what already follows the cursor is not written twice, closers the
// model rewrote are replaced rather than doubled, and an answer that only repeats the document is nothing.
import { comparable } from './blockEnd';
import { firstUnmatchedCloser, openQuote } from './codeShape';

/** What the user gets: `text` inserted at the cursor, replacing the `replace` characters after it. */
export interface Fitted {
  readonly text: string;
  readonly replace: number;
}

interface LineContext {
  /** The cursor line before the cursor. */
  readonly linePrefix: string;
  /** The cursor line after the cursor. */
  readonly lineSuffix: string;
  /** The lines after the cursor line. */
  readonly nextLines: readonly string[];
}

const NOTHING: Fitted = { text: '', replace: 0 };
/** Characters that close something: the only ones a completion may replace after the cursor. */
const CLOSING = new Set([')', ']', '}', '"', "'", '`', ';', ',', '>', ':', '.']);

/** How many brackets (and the string the text starts in) `text` closes that were opened before it. */
function closesBefore(text: string, quote: string | undefined): number {
  let count = 0;
  let rest = text;
  let inString = quote;
  for (;;) {
    const at = firstUnmatchedCloser(rest, inString);
    if (at < 0) return count;
    count++;
    rest = rest.slice(at + 1);
    inString = undefined;
  }
}

/** Trailing whitespace off every line, and trailing empty lines; the last line keeps its own when code follows it. */
function trimEnds(text: string, keepLast: boolean): string {
  const lines = text.split('\n');
  while (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.map((line, i) => (keepLast && i === lines.length - 1 ? line : line.trimEnd())).join('\n');
}

/**
 * The last touches on a finished answer. Rules, in order: nothing but whitespace is nothing; a first line
 * that is the document's next line is nothing; an answer that ends its first line with the rest of the
 * cursor line stops there, without it; closers the answer writes for brackets or a string opened before the
 * cursor take the place of the same closers after it (insert what comes before them, or replace them).
 */
export function finish(raw: string, context: LineContext): Fitted {
  const rest = context.lineSuffix;
  const restCode = rest.trim();
  let text = trimEnds(raw, restCode !== '' && !/^\s/.test(rest));
  if (text.trim() === '') return NOTHING;

  const newline = text.indexOf('\n');
  const firstLine = newline < 0 ? text : text.slice(0, newline);
  const nextDoc = context.nextLines.find((line) => line.trim() !== '');
  const full = context.linePrefix + firstLine + (newline < 0 ? rest : '');
  if (firstLine.trim() && nextDoc !== undefined && comparable(full) === comparable(nextDoc)) return NOTHING;
  if (!restCode) return { text, replace: 0 };

  const quote = openQuote(context.linePrefix);
  // The first line ends with the rest of the line, closing what the rest closes: the answer is that line.
  const ended = firstLine.trimEnd();
  if (ended.endsWith(restCode) && closesBefore(ended, quote) >= closesBefore(restCode, quote)) {
    const cut = ended.slice(0, ended.length - restCode.length);
    text = /^\s/.test(rest) ? cut.trimEnd() : cut;
    return text.trim() ? { text, replace: 0 } : NOTHING;
  }
  // A tag or type argument list closed again (`<b █>`, `Map<K, █>`): the document's `>` stays.
  const angle = /^\s*(\/?>)/.exec(rest)?.[1];
  if (angle && newline < 0 && ended.endsWith(angle) && !ended.endsWith(`=${angle}`) && !ended.endsWith(`-${angle}`)) {
    text = ended.slice(0, ended.length - angle.length).trimEnd();
    return text.trim() ? { text, replace: 0 } : NOTHING;
  }
  const closer = firstUnmatchedCloser(text, quote);
  if (closer < 0) return { text, replace: 0 };
  // Match the closers after the cursor, in order, against what the answer writes from its first closer on.
  const first = /\S/.exec(rest)?.[0];
  let covered = 0;
  let at = first === text[closer] ? closer : text.length;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (/\s/.test(ch)) continue;
    if (!CLOSING.has(ch)) break;
    const found = text.indexOf(ch, at);
    if (found < 0) break;
    at = found + 1;
    covered = i + 1;
  }
  if (covered === 0) {
    // The answer closes something the document does not close next: keep what comes before.
    const before = text.slice(0, closer).trimEnd();
    return before.trim() ? { text: before, replace: 0 } : NOTHING;
  }
  const replaced = rest.slice(0, covered);
  if (text.endsWith(replaced)) {
    const inserted = text.slice(0, text.length - replaced.length);
    return inserted.trim() ? { text: inserted, replace: 0 } : NOTHING;
  }
  return { text, replace: covered };
}
