// The plain-data view of "where the cursor is" that the completion pipeline works on, and the line window
// around it. The window's top moves in fixed blocks of lines, not with every keystroke, so consecutive
// prompts share their beginning and Ollama can reuse its cached prompt prefix.

export interface CompletionSnapshot {
  /** Text from the window's first line up to the cursor. */
  readonly prefix: string;
  /** Text from the cursor to the window's last line. */
  readonly suffix: string;
  readonly languageId: string;
  /** Path shown to the model, relative to the workspace when possible. */
  readonly relativePath: string;
  /** Zero-based line and character of the cursor. */
  readonly line: number;
  readonly character: number;
  /** The document's first line that the prefix starts at. */
  readonly windowStartLine: number;
  /** Whole document length in characters (for prefilters). */
  readonly documentLength: number;
}

interface WindowPlan {
  readonly startLine: number;
  /** Last line included (inclusive). */
  readonly endLine: number;
}

/** Lines of prefix kept at most, lines of suffix, and the block size the window start snaps to. */
interface WindowLimits {
  readonly prefixLines: number;
  readonly suffixLines: number;
  readonly block: number;
}

export const DEFAULT_WINDOW: WindowLimits = { prefixLines: 160, suffixLines: 15, block: 32 };

/**
 * Start: the cursor line minus prefixLines, rounded down to a multiple of `block`, so it stays put while the
 * user types within a block. End: cursor line plus suffixLines.
 */
export function planWindow(cursorLine: number, lineCount: number, limits: WindowLimits = DEFAULT_WINDOW): WindowPlan {
  const earliest = Math.max(0, cursorLine - limits.prefixLines);
  const startLine = Math.min(cursorLine, Math.floor(earliest / limits.block) * limits.block);
  const endLine = Math.min(lineCount - 1, cursorLine + limits.suffixLines);
  return { startLine, endLine };
}

/** The cursor line's text before the cursor. */
export function linePrefixOf(snapshot: Pick<CompletionSnapshot, 'prefix'>): string {
  const at = snapshot.prefix.lastIndexOf('\n');
  return snapshot.prefix.slice(at + 1);
}

/** The cursor line's text after the cursor. */
export function lineSuffixOf(snapshot: Pick<CompletionSnapshot, 'suffix'>): string {
  const at = snapshot.suffix.indexOf('\n');
  return at < 0 ? snapshot.suffix : snapshot.suffix.slice(0, at);
}
