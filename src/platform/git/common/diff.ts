// Unified diffs from git: split by file, and the part a model may see (excluded files left out, large
// changes summarized, within a token budget). Pure.
import { estimateTokens } from '../../prompt/common/tokens';

/** One file's part of a unified diff (`diff --git a/… b/…` up to the next one). */
interface FileDiff {
  /** The path after the change (`b/` side), or before it for a deletion. */
  readonly path: string;
  readonly text: string;
}

/** Splits `git diff` output by file. Text before the first file header (none from git) is dropped. */
export function splitDiff(diff: string): FileDiff[] {
  const files: FileDiff[] = [];
  const starts = [...diff.matchAll(/^diff --git /gm)].map((m) => m.index ?? 0);
  starts.forEach((start, i) => {
    const text = diff.slice(start, starts[i + 1] ?? diff.length);
    files.push({ path: pathOf(text), text: text.endsWith('\n') ? text : `${text}\n` });
  });
  return files;
}

function pathOf(section: string): string {
  const plus = /^\+\+\+ b\/(.+)$/m.exec(section);
  if (plus) return unquote(plus[1]);
  const minus = /^--- a\/(.+)$/m.exec(section);
  if (minus) return unquote(minus[1]);
  // Binary files, renames and mode changes have no ---/+++ lines: the header names both sides.
  const header = /^diff --git a\/(.+?) b\/(.+)$/m.exec(section);
  return header ? unquote(header[2]) : '';
}

function unquote(path: string): string {
  const trimmed = path.replace(/\t.*$/, '');
  return trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

interface DiffSelection {
  readonly text: string;
  /** Files left out because the exclusions cover them. */
  readonly excluded: string[];
  /** Files whose change was too large: only their header is kept. */
  readonly summarized: string[];
}

/**
 * The diff the model sees: excluded files are left out entirely (not even their name), a file whose change
 * exceeds `maxFileTokens` keeps its header and a line saying how large it was, and the whole fits `maxTokens`.
 */
export function selectDiff(
  files: readonly FileDiff[],
  isExcluded: (path: string) => boolean,
  limits: { readonly maxTokens: number; readonly maxFileTokens: number },
): DiffSelection {
  const excluded: string[] = [];
  const summarized: string[] = [];
  let text = '';
  let used = 0;
  for (const file of files) {
    if (isExcluded(file.path)) {
      excluded.push(file.path);
      continue;
    }
    let part = file.text;
    const tokens = estimateTokens(part);
    if (tokens > limits.maxFileTokens || used + tokens > limits.maxTokens) {
      const lines = part.split('\n');
      const added = lines.filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
      const removed = lines.filter((l) => l.startsWith('-') && !l.startsWith('---')).length;
      part = `${headerOf(part)}(large change left out: +${added} −${removed} lines)\n`;
      summarized.push(file.path);
    }
    used += estimateTokens(part);
    if (used > limits.maxTokens) {
      summarized.push(...files.slice(files.indexOf(file) + 1).map((f) => f.path));
      break;
    }
    text += part;
  }
  return { text, excluded, summarized };
}

function headerOf(section: string): string {
  const hunk = section.search(/^@@/m);
  return hunk < 0 ? section : section.slice(0, hunk);
}
