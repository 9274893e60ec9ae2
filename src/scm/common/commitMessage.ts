// A commit message from a diff, in the repository's own style. Pure: the diff and the recent subjects come
// in as text, the messages for the model and the cleaned message go out.
import { cutToTokens, estimateTokens } from '../../platform/prompt/common/tokens';
import type { ChatMessage } from '../../platform/backend/common/modelTypes';

const CONVENTIONAL = /^(feat|fix|docs|style|refactor|perf|test|tests|build|ci|chore|revert)(\([^)]*\))?!?: \S/;

type CommitStyle = 'conventional' | 'plain';

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

interface CommitPromptInput {
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
