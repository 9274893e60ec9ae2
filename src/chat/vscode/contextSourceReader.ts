// Reads the chat's non-file context when the user attaches it (@ → Problems, Changes, Terminal) and again
// when a question goes out, so it is current: diagnostics through vscode.languages, diffs through the
// built-in Git extension, the terminal's last command through shell integration. Excluded files and files
// outside the workspace are left out of each; each stays within its share of the context budget.
import * as vscode from 'vscode';
import type { Connection } from '../../platform/connection/vscode/connection';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import { selectDiff, splitDiff } from '../../platform/git/common/diff';
import { gitApi, repositoryFor } from '../../platform/git/vscode/gitApi';
import { tokensFor } from '../../platform/prompt/common/budget';
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import {
  formatProblems,
  formatTerminalRun,
  pathsInCommand,
  type ContextSource,
  type Problem,
  type ProblemSeverity,
} from '../common/contextFormatting';
import type { TerminalHistory } from './terminalHistory';

/** A source read now: what goes into the prompt, or why nothing does (said to the user). */
type SourceReading = { readonly block: ContextBlock; readonly chipLabel: string } | { readonly unavailable: string };

const SEVERITY: Record<vscode.DiagnosticSeverity, ProblemSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** Files whose diagnostics are looked at for the workspace's problems. */
const MAX_PROBLEM_FILES = 200;

export class ContextSourceReader {
  constructor(
    private readonly exclusions: WorkspaceExclusions,
    /** The settings prompts plan with (the context window). */
    private readonly connection: Pick<Connection, 'settings'>,
    private readonly terminals: TerminalHistory,
  ) {}

  async read(source: ContextSource, editor: vscode.TextEditor | undefined): Promise<SourceReading> {
    switch (source) {
      case 'problems':
        return this.fileProblems(editor);
      case 'workspaceProblems':
        return this.workspaceProblems();
      case 'diff':
      case 'stagedDiff':
        return this.diff(source === 'stagedDiff', editor);
      case 'terminal':
        return this.terminal();
    }
  }

  private async fileProblems(editor: vscode.TextEditor | undefined): Promise<SourceReading> {
    const document = editor?.document;
    if (!document) return { unavailable: vscode.l10n.t('Open a file first: its problems are what @problems attaches.') };
    const name = vscode.workspace.asRelativePath(document.uri);
    if (!(await this.exclusions.mayRead(document.uri))) {
      return { unavailable: vscode.l10n.t('{0} is outside the workspace or excluded, so its problems are not sent.', name) };
    }
    const text = formatProblems(this.problemsOf(document.uri, vscode.languages.getDiagnostics(document.uri), document));
    if (!text) return { unavailable: vscode.l10n.t('{0} has no problems.', name) };
    return { block: { label: `problems in ${name}`, language: '', text }, chipLabel: vscode.l10n.t('Problems: {0}', name) };
  }

  private async workspaceProblems(): Promise<SourceReading> {
    const problems: Problem[] = [];
    const files = vscode.languages
      .getDiagnostics()
      .filter(([uri, diagnostics]) => diagnostics.length && uri.scheme === 'file' && !this.exclusions.isExcluded(uri))
      .slice(0, MAX_PROBLEM_FILES);
    for (const [uri, diagnostics] of files) {
      if (!(await this.exclusions.mayRead(uri))) continue;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      problems.push(...this.problemsOf(uri, diagnostics, open));
    }
    const text = formatProblems(problems);
    if (!text) return { unavailable: vscode.l10n.t('The workspace has no problems.') };
    return { block: { label: 'problems in the workspace', language: '', text }, chipLabel: vscode.l10n.t('Problems: workspace') };
  }

  private problemsOf(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[], document?: vscode.TextDocument): Problem[] {
    const path = vscode.workspace.asRelativePath(uri);
    return diagnostics.map((d) => ({
      path,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: SEVERITY[d.severity],
      message: d.message,
      source: d.source,
      code: typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code),
      lineText: document && d.range.start.line < document.lineCount ? document.lineAt(d.range.start.line).text : undefined,
    }));
  }

  private async diff(staged: boolean, editor: vscode.TextEditor | undefined): Promise<SourceReading> {
    const api = await gitApi();
    if (!api) return { unavailable: vscode.l10n.t('The built-in Git extension is not enabled, so there is no diff to attach.') };
    const repository = (editor && api.getRepository(editor.document.uri)) || repositoryFor(api, undefined) || api.repositories[0];
    if (!repository) return { unavailable: vscode.l10n.t('No Git repository is open.') };
    const raw = await repository.diff(staged);
    const budget = tokensFor(this.connection.settings.numCtx, 'chatContext');
    const selection = selectDiff(
      splitDiff(raw),
      (path) => {
        const uri = vscode.Uri.joinPath(repository.rootUri, path);
        // A repository around the workspace has files outside it: those stay out like excluded ones.
        return this.exclusions.isExcluded(uri) || !vscode.workspace.getWorkspaceFolder(uri);
      },
      { maxTokens: budget, maxFileTokens: tokensFor(budget, 'chatDiffFile') },
    );
    if (!selection.text.trim()) {
      if (!raw.trim()) {
        return { unavailable: staged ? vscode.l10n.t('Nothing is staged.') : vscode.l10n.t('There are no unstaged changes.') };
      }
      return { unavailable: vscode.l10n.t('Every changed file is excluded or outside the workspace: no diff to attach.') };
    }
    const note = selection.excluded.length ? `\n(${selection.excluded.length} excluded file(s) left out)` : '';
    return {
      block: {
        label: staged ? 'staged changes (git diff --cached)' : 'unstaged changes (git diff)',
        language: 'diff',
        text: selection.text + note,
      },
      chipLabel: staged ? vscode.l10n.t('Changes: staged') : vscode.l10n.t('Changes: unstaged'),
    };
  }

  private terminal(): SourceReading {
    const last = this.terminals.lastRun();
    if ('problem' in last) {
      const reasons = {
        noTerminal: vscode.l10n.t('No terminal is open.'),
        noShellIntegration: vscode.l10n.t(
          "The terminal has no shell integration, so Phi Local can't see its commands (terminal.integrated.shellIntegration.enabled, a supported shell).",
        ),
        noCommand: vscode.l10n.t('No command has run in the terminal since Phi Local started; run it again, then attach it.'),
      };
      return { unavailable: reasons[last.problem] };
    }
    const { run } = last;
    const base = run.cwd ? vscode.Uri.file(run.cwd) : vscode.workspace.workspaceFolders?.[0]?.uri;
    const secret = pathsInCommand(run.commandLine).find((path) => {
      const uri = path.startsWith('/') || !base ? vscode.Uri.file(path) : vscode.Uri.joinPath(base, path);
      return this.exclusions.isExcluded(uri);
    });
    if (secret) {
      return { unavailable: vscode.l10n.t('The last command names {0}, which is excluded: its output is not sent.', secret) };
    }
    const text = formatTerminalRun(run, tokensFor(tokensFor(this.connection.settings.numCtx, 'chatContext'), 'chatTerminal'));
    const short = run.commandLine.trim().length > 30 ? `${run.commandLine.trim().slice(0, 29)}…` : run.commandLine.trim();
    return { block: { label: `terminal: ${last.terminal}`, language: 'console', text }, chipLabel: vscode.l10n.t('Terminal: {0}', short) };
  }
}
