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

/**
 * Decides, one line at a time, whether the answer goes on: the first line says what kind of answer it is
 * (the rest of the line, the line after a break, a block), each later line is emitted, emitted as the last,
 * or refused. Its fields are the state the decision needs; one judge per answer.
 */
class BlockJudge {
  private mode: Mode = 'line';
  private baseIndent: number;
  private depth = 0;
  /** The block closes when its bracket depth returns to zero (a bracket opened it). */
  private closesByDepth = false;
  /** The block ends at the first line back at its opener's indentation (an opener line exists). */
  private dedentEnds = false;
  private deeperSeen = false;
  private blankBefore = false;
  private previous?: string;
  /** Lines accepted so far (the first line counts). */
  private lines = 0;
  private firstIndent = 0;
  private readonly nextDoc?: string;
  private readonly nextComparable?: string;

  constructor(private readonly context: CleanupContext) {
    this.baseIndent = indentWidth(context.linePrefix);
    this.nextDoc = context.nextLines.find((line) => line.trim() !== '');
    this.nextComparable = this.nextDoc === undefined ? undefined : comparable(this.nextDoc);
  }

  /** In prose (Markdown) a colon ends a sentence, it opens no block. */
  private opens(line: string): boolean {
    return !this.context.proseIsContent && opensBlock(line);
  }

  /** Block mode from a line that opens a block: it ends where its brackets close or it dedents. */
  private startBlock(openerLine: string): void {
    this.mode = 'block';
    this.baseIndent = indentWidth(openerLine);
    this.depth = openCount(openerLine);
    this.closesByDepth = this.depth > 0;
    this.dedentEnds = true;
  }

  /** The first line (the rest of the cursor line) is complete: what kind of answer this is, or 'stop'. */
  first(line: string): 'stop' | undefined {
    const { context } = this;
    const full = context.linePrefix + line;
    // Rule: an answer whose first line is the document's next line adds nothing.
    if (full.trim() && this.nextComparable !== undefined && comparable(full) === this.nextComparable) return 'stop';
    if (!context.multiline) return 'stop';
    this.lines = 1;
    this.firstIndent = indentWidth(full);
    if (full.trim()) this.previous = full.trim();
    if (
      !context.linePrefix.trim() &&
      !context.proseIsContent &&
      wantsMultiline(context.linePrefix, context.lineSuffix, context.previousLines)
    ) {
      // An empty line in a block just opened: the block's body, until the enclosing block closes.
      this.mode = 'block';
      this.depth = openCount(full);
    } else if (line.trim() === '') {
      if (this.opens(context.linePrefix)) this.startBlock(context.linePrefix);
      else this.mode = 'afterBreak';
    } else if (this.opens(full)) this.startBlock(full);
    return undefined;
  }

  /** A later line: emit it, emit it as the last, or stop before it. */
  judge(line: string): Verdict {
    const verdict = this.verdictFor(line);
    if (verdict !== 'stop') this.lines++;
    return verdict;
  }

  private verdictFor(line: string): Verdict {
    const { context, nextDoc } = this;
    if (this.lines >= context.maxLines) return 'stop';
    const trimmed = line.trim();
    const indent = indentWidth(line);
    if (this.mode === 'line') {
      // Allman style: the brace of a block the first line opened comes on a line of its own.
      if (!trimmed.startsWith('{') || indent !== this.firstIndent) return 'stop';
      this.mode = 'block';
      this.baseIndent = this.firstIndent;
      this.closesByDepth = true;
    }
    if (trimmed === '') {
      this.blankBefore = true;
      return 'emit';
    }
    if (this.blankBefore && !context.proseIsContent && PROSE_LINE.test(trimmed)) return 'stop';
    const closer = CLOSER_LINE.test(line);
    if (nextDoc !== undefined) {
      if (!closer && comparable(line) === this.nextComparable) return 'stop';
      // A closing line the document already has below (compared by its first closer, at the same indentation).
      if (closer && this.depth + bracketDelta(line) <= 0 && CLOSER_LINE.test(nextDoc) && indent === indentWidth(nextDoc)) {
        if (trimmed[0] === nextDoc.trim()[0]) return 'stop';
      }
    }
    if (this.previous !== undefined && trimmed === this.previous && !closer) return 'stop';
    const delta = bracketDelta(line);
    if (this.mode === 'afterBreak') {
      // The one line after the break; a block when it opens one.
      this.blankBefore = false;
      this.previous = trimmed;
      if (this.opens(line)) {
        this.startBlock(line);
        return 'emit';
      }
      return 'emit-stop';
    }
    if (indent < this.baseIndent && !(closer && this.depth > 0)) return 'stop';
    if (this.dedentEnds && this.deeperSeen && indent <= this.baseIndent && !closer) return 'stop';
    if (this.depth + delta < 0) return 'stop';
    this.depth += delta;
    if (indent > this.baseIndent) this.deeperSeen = true;
    this.blankBefore = false;
    this.previous = trimmed;
    if (this.closesByDepth && this.depth <= 0) return 'emit-stop';
    return 'emit';
  }
}

/** The stage: the rest of the cursor line streams as it comes; later lines pass whole, as the judge decides. */
export function endOfBlock(context: CleanupContext): Stage {
  return async function* (input) {
    const judge = new BlockJudge(context);
    let started = false;
    let buffer = '';
    let firstLine = '';
    for await (const chunk of input) {
      buffer += chunk;
      if (!started) {
        const newline = buffer.indexOf('\n');
        const piece = newline < 0 ? buffer : buffer.slice(0, newline);
        if (piece) yield piece;
        firstLine += piece;
        if (newline < 0) {
          buffer = '';
          continue;
        }
        buffer = buffer.slice(newline + 1);
        if (judge.first(firstLine) === 'stop') return;
        started = true;
      }
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const verdict = judge.judge(line);
        if (verdict === 'stop') return;
        yield `\n${line}`;
        if (verdict === 'emit-stop') return;
      }
    }
    if (started && buffer && judge.judge(buffer) !== 'stop') yield `\n${buffer}`;
  };
}
