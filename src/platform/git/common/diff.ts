// Unified diffs from git: split by file, and the part a model may see (excluded files left out, large
// changes summarized, within a token budget). Pure.
import { estimateTokens } from '../../prompt/common/tokens';

/** One file's part of a unified diff (`diff --git …` up to the next one). */
interface FileDiff {
  /** The name to show: the path after the change, or before it for a deletion ('' when none could be read). */
  readonly path: string;
  /**
   * Every name the section gives the file, both sides of a rename or copy, each with and without what may be
   * a prefix (`a/`, `b/`, mnemonic `c/ i/ w/ o/`, or none with diff.noprefix): the file is left out when any
   * of them is excluded, and when there is none (fail closed).
   */
  readonly paths: readonly string[];
  readonly text: string;
}

/** Splits `git diff` output by file. Text before the first file header (none from git) is dropped. */
export function splitDiff(diff: string): FileDiff[] {
  const files: FileDiff[] = [];
  const starts = [...diff.matchAll(/^diff --git /gm)].map((m) => m.index ?? 0);
  starts.forEach((start, i) => {
    const text = diff.slice(start, starts[i + 1] ?? diff.length);
    const named = namesOf(text);
    const paths = [...new Set(named.flatMap(withoutPrefix))];
    files.push({ path: named.at(-1) ? stripPrefix(named.at(-1) as string) : '', paths, text: text.endsWith('\n') ? text : `${text}\n` });
  });
  return files;
}

/** The names a section gives its file, old side first, as written (prefixes kept). */
function namesOf(section: string): string[] {
  const names: string[] = [];
  const header = section.slice(0, Math.max(0, section.search(/^@@/m)) || section.length);
  for (const line of header.split('\n')) {
    const side = /^(?:---|\+\+\+) (.+)$/.exec(line);
    if (side) {
      const name = unquote(side[1].replace(/\t.*$/, ''));
      if (name !== '/dev/null') names.push(name);
      continue;
    }
    const moved = /^(?:rename|copy) (?:from|to) (.+)$/.exec(line);
    if (moved) names.push(unquote(moved[1]));
    const binary = /^Binary files (.+) and (.+) differ$/.exec(line);
    if (binary) names.push(...[binary[1], binary[2]].map(unquote).filter((name) => name !== '/dev/null'));
  }
  const first = /^diff --git (.+)$/m.exec(section);
  if (first) names.unshift(...headerNames(first[1]));
  return names;
}

/** The two names of `diff --git A B`: quoted ones, or two halves that name the same file (mode changes). */
function headerNames(rest: string): string[] {
  const quoted = [...rest.matchAll(/"((?:\\.|[^"\\])*)"|(\S+)/g)];
  if (rest.includes('"') && quoted.length === 2) return quoted.map((m) => (m[1] !== undefined ? unquote(`"${m[1]}"`) : m[2]));
  // Unquoted names may hold spaces: the split is where both halves name the same path.
  for (let cut = rest.indexOf(' '); cut >= 0; cut = rest.indexOf(' ', cut + 1)) {
    const [left, right] = [rest.slice(0, cut), rest.slice(cut + 1)];
    if (stripPrefix(left) === stripPrefix(right) || left === right) return [left, right];
  }
  return [];
}

const PREFIX = /^[abciwo12]\//;

function stripPrefix(name: string): string {
  return name.replace(PREFIX, '');
}

/** The name as written and without what may be git's prefix: both are checked, so neither reading leaks. */
function withoutPrefix(name: string): string[] {
  return PREFIX.test(name) ? [name, stripPrefix(name)] : [name];
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** A name as git writes it: in C-style quotes, with octal bytes of UTF-8, when it has unusual characters. */
function unquote(name: string): string {
  if (!(name.length >= 2 && name.startsWith('"') && name.endsWith('"'))) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char !== '\\') {
      bytes.push(...new TextEncoder().encode(char));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[body[i + 1]] ?? body.charCodeAt(i + 1));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
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
    // Fail closed: a file whose name could not be read, or any of whose names is excluded, stays out.
    if (!file.paths.length || file.paths.some(isExcluded)) {
      excluded.push(file.path || '(a file whose name could not be read)');
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
