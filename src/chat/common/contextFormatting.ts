// Context the chat can take besides code: problems (diagnostics), a git diff, the terminal's last command.
// Pure: the editor side reads them; this file decides what the model sees, and how much.
import { cutToTokens, estimateTokens } from '../../platform/prompt/common/tokens';

/** What the user can attach with @, besides files. */
const CONTEXT_SOURCES = ['problems', 'workspaceProblems', 'diff', 'stagedDiff', 'terminal'] as const;
export type ContextSource = (typeof CONTEXT_SOURCES)[number];

export function isContextSource(value: unknown): value is ContextSource {
  return typeof value === 'string' && (CONTEXT_SOURCES as readonly string[]).includes(value);
}

export type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface Problem {
  /** Relative to the workspace. */
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly severity: ProblemSeverity;
  readonly message: string;
  /** e.g. `ts`, `eslint` */
  readonly source?: string;
  readonly code?: string;
  /** The text of the line, when the document is at hand. */
  readonly lineText?: string;
}

const SEVERITY_ORDER: Record<ProblemSeverity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
/** More than this many problems say little more; the count says the rest. */
const MAX_PROBLEMS = 50;

/**
 * Problems as the model sees them: errors first, then by file and line; each with its line of code; hints
 * only when there is nothing else. Undefined when there are none.
 */
export function formatProblems(problems: readonly Problem[], maxItems = MAX_PROBLEMS): string | undefined {
  const serious = problems.filter((p) => p.severity !== 'hint');
  const shown = [...(serious.length ? serious : problems)].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column,
  );
  if (!shown.length) return undefined;
  const lines: string[] = [];
  for (const problem of shown.slice(0, maxItems)) {
    const origin = [problem.source, problem.code].filter(Boolean).join(' ');
    const message = problem.message.replace(/\s*\n\s*/g, ' ').slice(0, 500);
    lines.push(`${problem.path}:${problem.line}:${problem.column} ${problem.severity}${origin ? ` (${origin})` : ''}: ${message}`);
    const code = problem.lineText?.trim();
    if (code) lines.push(`    ${problem.line} | ${code.slice(0, 200)}`);
  }
  if (shown.length > maxItems) lines.push(`… and ${shown.length - maxItems} more`);
  return lines.join('\n');
}

/** Escape sequences (colours, cursor moves, OSC titles and shell-integration marks) and stray control characters. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return (
    text
      .replace(ANSI, '')
      // A carriage return redraws the line (progress bars): keep what was drawn last.
      .split('\n')
      .map((line) => line.replace(/\r+$/, '').split('\r').pop() ?? '')
      .join('\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

export interface TerminalRun {
  readonly commandLine: string;
  readonly output: string;
  /** Undefined while it runs, or when the shell did not report it. */
  readonly exitCode?: number;
  readonly cwd?: string;
}

/**
 * The last command and its output, for the prompt: escape sequences removed, and of a long output its
 * beginning and its end (where errors are), within `maxTokens`.
 */
export function formatTerminalRun(run: TerminalRun, maxTokens: number): string {
  const output = stripAnsi(run.output)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const status = run.exitCode === undefined ? 'still running or exit code unknown' : `exit code ${run.exitCode}`;
  const head = `$ ${run.commandLine.trim()}\n(${status}${run.cwd ? `, in ${run.cwd}` : ''})\n`;
  const room = Math.max(50, maxTokens - estimateTokens(head));
  if (estimateTokens(output) <= room) return `${head}${output}`;
  const start = cutToTokens(output, Math.floor(room * 0.25));
  const endBudget = Math.floor(room * 0.75);
  const lines = output.split('\n');
  const tail: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const cost = estimateTokens(lines[i]) + 1;
    if (used + cost > endBudget) break;
    tail.unshift(lines[i]);
    used += cost;
  }
  return `${head}${start}\n… (output cut) …\n${tail.join('\n')}`;
}

/**
 * Paths a command line names, as written (`cat .env`, `--config=secrets/prod.yml`), so that output of a
 * command that printed an excluded file is not sent. Words that cannot be paths are skipped.
 */
export function pathsInCommand(commandLine: string): string[] {
  const words = commandLine.match(/"[^"]*"|'[^']*'|[^\s|;&<>()]+/g) ?? [];
  const out: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/^["']|["']$/g, '');
    const value = word.includes('=') && word.startsWith('-') ? word.slice(word.indexOf('=') + 1) : word;
    if (!value || value.startsWith('-') || /^[a-z]+:\/\//i.test(value)) continue;
    if (/[/.~]/.test(value) || /^[\w-]+$/.test(value)) out.push(value);
  }
  return out;
}
