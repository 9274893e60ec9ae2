// A commit message from a diff, in the repository's own style. Pure: the diff and the recent subjects come
// in as text, the messages for the model and the cleaned message go out.
import type { ChatMessage } from '../../platform/ollama/common/modelRequest';
import { cutToTokens, estimateTokens } from '../../platform/prompt/common/tokens';

/** One file's part of a unified diff (`diff --git a/… b/…` up to the next one). */
export interface FileDiff {
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

export interface DiffSelection {
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

const CONVENTIONAL = /^(feat|fix|docs|style|refactor|perf|test|tests|build|ci|chore|revert)(\([^)]*\))?!?: \S/;

export type CommitStyle = 'conventional' | 'plain';

/** Conventional Commits when most recent subjects use them (at least half of three or more). */
export function commitStyleOf(subjects: readonly string[]): CommitStyle {
  const real = subjects.filter((s) => s.trim() && !/^Merge /.test(s));
  if (real.length < 3) return 'plain';
  return real.filter((s) => CONVENTIONAL.test(s)).length * 2 >= real.length ? 'conventional' : 'plain';
}

const SYSTEM =
  'You write git commit messages. Reply with the commit message only: a subject line of at most 72 ' +
  'characters in the imperative mood, then, only if the change needs explaining, a blank line and a short ' +
  'body wrapped at 72 characters. No code fences, no quotes, no preamble.';

export interface CommitPromptInput {
  readonly diff: string;
  readonly subjects: readonly string[];
  readonly style: CommitStyle;
  /** Whether the diff is the staged changes (else all changes, nothing being staged). */
  readonly staged: boolean;
  readonly budgetTokens: number;
}

export function buildCommitPrompt(input: CommitPromptInput): ChatMessage[] {
  const examples = input.subjects
    .filter((s) => s.trim())
    .slice(0, 10)
    .map((s) => `- ${s.trim().slice(0, 120)}`)
    .join('\n');
  const style =
    input.style === 'conventional'
      ? 'This repository uses Conventional Commits: start the subject with a type such as feat, fix, docs, refactor, test or chore, an optional scope in parentheses, and a colon.'
      : 'Match the style of the recent subjects (capitalisation, tense, length).';
  const head = `${examples ? `Recent commit subjects in this repository:\n${examples}\n\n` : ''}${style}\n\n`;
  const which = input.staged ? 'The staged changes' : 'The changes (nothing is staged, so all changes)';
  const room = Math.max(200, input.budgetTokens - estimateTokens(SYSTEM + head) - 64);
  const diff = cutToTokens(input.diff, room);
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `${head}${which}:\n\`\`\`diff\n${diff}${diff.endsWith('\n') ? '' : '\n'}\`\`\`\n\nWrite the commit message.` },
  ];
}

/**
 * The message from the model's reply (whole, or as far as it has streamed): without a fence around it, a "Here is…" line before it, quotes around
 * it, or a `Subject:` label; trailing spaces trimmed, at most one blank line in a row.
 */
export function cleanCommitMessage(reply: string): string {
  let text = reply.replace(/\r\n/g, '\n').trim();
  const fenced = /^```[\w-]*\n([\s\S]*?)\n```/m.exec(text);
  if (fenced && (text.startsWith('```') || /^[^\n]*:\s*\n+```/.test(text))) text = fenced[1].trim();
  // Still streaming: a fence opened and not yet closed.
  else if (text.startsWith('```')) text = text.replace(/^```[\w-]*\n?/, '').trim();
  text = text.replace(/^(here(?:'s| is)[^\n]*|(?:suggested |proposed )?commit message)\s*:\s*\n+/i, '');
  text = text.replace(/^(subject|title)\s*:\s*/i, '');
  if (/^(["'`])[\s\S]*\1$/.test(text) && text.length > 1) text = text.slice(1, -1).trim();
  return text
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
