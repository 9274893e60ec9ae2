// How long a completion is, decided line by line as the answer streams: the answer itself says it. The rest
// of the cursor line; after a leading line break, the one line that follows; a whole block when the line
// opens one (or the cursor sits in an empty block), up to where it closes or dedents. The answer also ends
// where it starts repeating the document below the cursor. Returning closes the request.
import { bracketDelta, indentWidth, openCount, wantsMultiline } from './codeShape';
import type { CleanupContext, Stage } from './transforms';

const CLOSER_LINE = /^[\s)\]}]+[;,]?\s*$/;
const PROSE_LINE = /^[A-Z][a-z]+(?: [\w'’,-]+){3,}[.:!]$/;

/** A line as compared with the document's: indentation kept, trailing `;`, `,` and spaces left out. */
export function comparable(line: string): string {
  return line.replace(/[\s;,]+$/, '');
}

/** Whether `line` (a whole line of code) ends by opening a block. */
export function opensBlock(line: string): boolean {
  return line.trim() !== '' && wantsMultiline(line, '', []);
}

type Mode =
  | 'line' // one line; an Allman brace on the next line makes it a block
  | 'afterBreak' // the answer began with a line break: the next line, or the block it opens
  | 'block'; // a block: until it closes or dedents

type Verdict = 'emit' | 'emit-stop' | 'stop';

export function endOfBlock(context: CleanupContext): Stage {
  return async function* (input) {
    const nextDoc = context.nextLines.find((line) => line.trim() !== '');
    // In prose (Markdown) a colon ends a sentence, it opens no block.
    const opens = (line: string) => !context.proseIsContent && opensBlock(line);
    const nextComparable = nextDoc === undefined ? undefined : comparable(nextDoc);
    let mode: Mode = 'line';
    let baseIndent = indentWidth(context.linePrefix);
    let depth = 0;
    /** Whether the block closes when its bracket depth returns to zero (a bracket opened it). */
    let closesByDepth = false;
    /** Whether the block ends at the first line back at its opener's indentation (an opener line exists). */
    let dedentEnds = false;
    let deeperSeen = false;
    let blankBefore = false;
    let previous: string | undefined;
    let index = 0;
    let firstIndent = 0;

    /** Block mode from a line that opens a block: it ends where its brackets close or it dedents. */
    const startBlock = (openerLine: string) => {
      mode = 'block';
      baseIndent = indentWidth(openerLine);
      depth = openCount(openerLine);
      closesByDepth = depth > 0;
      dedentEnds = true;
    };

    /** After the first line: what kind of answer this is, or 'stop' when it is over already. */
    const afterFirst = (line: string): 'stop' | undefined => {
      const full = context.linePrefix + line;
      // Rule: an answer whose first line is the document's next line adds nothing.
      if (full.trim() && nextComparable !== undefined && comparable(full) === nextComparable) return 'stop';
      if (!context.multiline) return 'stop';
      firstIndent = indentWidth(full);
      if (full.trim()) previous = full.trim();
      if (
        !context.linePrefix.trim() &&
        !context.proseIsContent &&
        wantsMultiline(context.linePrefix, context.lineSuffix, context.previousLines)
      ) {
        // An empty line in a block just opened: the block's body, until the enclosing block closes.
        mode = 'block';
        depth = openCount(full);
      } else if (line.trim() === '') {
        if (opens(context.linePrefix)) startBlock(context.linePrefix);
        else mode = 'afterBreak';
      } else if (opens(full)) startBlock(full);
      return undefined;
    };

    const judge = (line: string): Verdict => {
      if (index >= context.maxLines) return 'stop';
      const trimmed = line.trim();
      const indent = indentWidth(line);
      if (mode === 'line') {
        // Allman style: the brace of a block the first line opened comes on a line of its own.
        if (!trimmed.startsWith('{') || indent !== firstIndent) return 'stop';
        mode = 'block';
        baseIndent = firstIndent;
        closesByDepth = true;
      }
      if (trimmed === '') {
        blankBefore = true;
        return 'emit';
      }
      if (blankBefore && !context.proseIsContent && PROSE_LINE.test(trimmed)) return 'stop';
      const closer = CLOSER_LINE.test(line);
      if (nextDoc !== undefined) {
        if (!closer && comparable(line) === nextComparable) return 'stop';
        // A closing line the document already has below (compared by its first closer, at the same indentation).
        if (closer && depth + bracketDelta(line) <= 0 && CLOSER_LINE.test(nextDoc) && indent === indentWidth(nextDoc)) {
          if (trimmed[0] === nextDoc.trim()[0]) return 'stop';
        }
      }
      if (previous !== undefined && trimmed === previous && !closer) return 'stop';
      const delta = bracketDelta(line);
      if (mode === 'afterBreak') {
        // The one line after the break; a block when it opens one.
        blankBefore = false;
        previous = trimmed;
        if (opens(line)) {
          startBlock(line);
          return 'emit';
        }
        return 'emit-stop';
      }
      if (indent < baseIndent && !(closer && depth > 0)) return 'stop';
      if (dedentEnds && deeperSeen && indent <= baseIndent && !closer) return 'stop';
      if (depth + delta < 0) return 'stop';
      depth += delta;
      if (indent > baseIndent) deeperSeen = true;
      blankBefore = false;
      previous = trimmed;
      if (closesByDepth && depth <= 0) return 'emit-stop';
      return 'emit';
    };

    let buffer = '';
    let firstLine = '';
    for await (const chunk of input) {
      buffer += chunk;
      if (index === 0) {
        // The rest of the cursor line streams as it comes.
        const newline = buffer.indexOf('\n');
        const piece = newline < 0 ? buffer : buffer.slice(0, newline);
        if (piece) yield piece;
        firstLine += piece;
        if (newline < 0) {
          buffer = '';
          continue;
        }
        buffer = buffer.slice(newline + 1);
        if (afterFirst(firstLine) === 'stop') return;
        index++;
      }
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const verdict = judge(line);
        if (verdict === 'stop') return;
        yield `\n${line}`;
        index++;
        if (verdict === 'emit-stop') return;
      }
    }
    if (index > 0 && buffer && judge(buffer) !== 'stop') yield `\n${buffer}`;
  };
}
