// Skips requests that could not give a useful completion, before any prompt is built.
import { linePrefixOf, lineSuffixOf, type CompletionSnapshot } from './snapshot';

export type SkipReason = 'midWord' | 'codeAfterCursor' | 'afterAccept' | 'documentTooLarge' | 'lineTooLong' | 'binary';

export interface PrefilterOptions {
  /** Skip documents longer than this many characters (a window would be a sliver of them). */
  readonly maxDocumentLength: number;
  /** Skip lines longer than this (minified or generated code). */
  readonly maxLineLength: number;
  /** Where the last accepted completion ended, if it ended its line. */
  readonly lastAcceptEnd?: { readonly line: number; readonly character: number };
  /** True when the user asked explicitly (keybinding): only hard limits apply. */
  readonly explicit?: boolean;
}

export const DEFAULT_PREFILTER: PrefilterOptions = { maxDocumentLength: 3_000_000, maxLineLength: 1_000 };

/** Code after the cursor up to this many characters (a trailing comment aside) still gets a completion. */
const MAX_CODE_AFTER_CURSOR = 20;
const TRAILING_COMMENT = /\s(?:\/\/|#|--|\/\*).*$|^(?:\/\/|#|--|\/\*).*$/;

/** Whether what follows the cursor is short enough to complete in front of (closers, a few tokens, a comment). */
function shortRest(lineSuffix: string): boolean {
  const code = lineSuffix.replace(TRAILING_COMMENT, '').trim();
  return code.length <= MAX_CODE_AFTER_CURSOR;
}

export function skipReason(snapshot: CompletionSnapshot, options: PrefilterOptions = DEFAULT_PREFILTER): SkipReason | undefined {
  if (snapshot.documentLength > options.maxDocumentLength) return 'documentTooLarge';
  const linePrefix = linePrefixOf(snapshot);
  const lineSuffix = lineSuffixOf(snapshot);
  if (linePrefix.length + lineSuffix.length > options.maxLineLength) return 'lineTooLong';
  if (snapshot.prefix.includes('\u0000') || snapshot.suffix.includes('\u0000')) return 'binary';
  if (options.explicit) return undefined;
  const before = linePrefix.slice(-1);
  const after = lineSuffix.slice(0, 1);
  if (/\w/.test(before) && /\w/.test(after)) return 'midWord';
  if (!shortRest(lineSuffix)) return 'codeAfterCursor';
  const accept = options.lastAcceptEnd;
  if (accept && accept.line === snapshot.line && accept.character === snapshot.character && lineSuffix.trim() === '') return 'afterAccept';
  return undefined;
}
