// What a selection command works on: refuses documents that must not or cannot go to the model, finds the
// range (the selection, else the enclosing function or class, else the line), and turns it into the plain
// CodeTarget the prompts are built from.
import * as vscode from 'vscode';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import type { CodeTarget, DiagnosticInfo } from '../common/editPrompts';
import { READ_CAPS, readBounded } from '../../platform/files/vscode/boundedRead';

/** Lines before and after the target that go along as context. */
const CONTEXT_LINES = 6;
const SYMBOL_KINDS = new Set([
  vscode.SymbolKind.Function,
  vscode.SymbolKind.Method,
  vscode.SymbolKind.Constructor,
  vscode.SymbolKind.Class,
  vscode.SymbolKind.Interface,
  vscode.SymbolKind.Enum,
  vscode.SymbolKind.Struct,
]);

/** Why `document` may not go to the model, or undefined when it may. */
export async function refusalFor(document: vscode.TextDocument, exclusions: WorkspaceExclusions): Promise<string | undefined> {
  if (!(await exclusions.mayComplete(document.uri))) {
    return vscode.l10n.t(
      '{0} is excluded by phiLocal.exclude or .philocalignore: it is never sent to the model.',
      document.uri.path.split('/').pop() ?? '',
    );
  }
  const text = document.getText();
  if (!text.trim()) return vscode.l10n.t('The document is empty: there is nothing to send.');
  if (text.includes('\u0000')) return vscode.l10n.t('This looks like a binary file: Phi Local only works on text.');
  return undefined;
}

/** `range` when given, else the selection; with none, the enclosing function or class, else the line. */
export async function rangeFor(
  editor: vscode.TextEditor,
  range: vscode.Range | undefined,
  log: vscode.LogOutputChannel,
): Promise<vscode.Range> {
  if (range) return editor.document.validateRange(range);
  if (!editor.selection.isEmpty) return editor.selection;
  const position = editor.selection.active;
  try {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      editor.document.uri,
    );
    let best: vscode.DocumentSymbol | undefined;
    const visit = (list: readonly vscode.DocumentSymbol[]) => {
      for (const symbol of list) {
        if (!symbol.range.contains(position)) continue;
        if (SYMBOL_KINDS.has(symbol.kind)) best = symbol;
        visit(symbol.children ?? []);
      }
    };
    if (Array.isArray(symbols) && symbols.length && 'children' in symbols[0]) visit(symbols);
    if (best) return best.range;
  } catch (error) {
    log.debug(`document symbols unavailable: ${String(error)}`);
  }
  return editor.document.lineAt(position.line).range;
}

export function targetOf(document: vscode.TextDocument, range: vscode.Range): CodeTarget {
  const beforeStart = Math.max(0, range.start.line - CONTEXT_LINES);
  const afterEnd = Math.min(document.lineCount - 1, range.end.line + CONTEXT_LINES);
  const after =
    range.end.line < document.lineCount - 1
      ? document.getText(new vscode.Range(range.end.line + 1, 0, afterEnd, document.lineAt(afterEnd).text.length))
      : '';
  return {
    path: document.uri.scheme === 'untitled' ? document.uri.path : vscode.workspace.asRelativePath(document.uri),
    languageId: document.languageId,
    startLine: range.start.line,
    endLine: range.end.line,
    code: document.getText(range),
    before: document.getText(new vscode.Range(beforeStart, 0, range.start.line, 0)).replace(/\n$/, ''),
    after,
  };
}

/** The editor's diagnostics that touch `range`, as plain data for the Fix prompt. */
export function diagnosticsIn(document: vscode.TextDocument, range: vscode.Range): DiagnosticInfo[] {
  return vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.range.intersection(range) !== undefined)
    .map((d) => ({
      line: d.range.start.line,
      severity: (['error', 'warning', 'info', 'hint'] as const)[d.severity],
      message: d.message,
      source: d.source,
      code: typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code),
    }));
}

/** Manifests at the workspace root of `uri` (for the test framework guess). */
export async function readManifests(uri: vscode.Uri): Promise<Record<string, string>> {
  const root = vscode.workspace.getWorkspaceFolder(uri)?.uri;
  if (!root) return {};
  const out: Record<string, string> = {};
  for (const name of [
    'package.json',
    'pyproject.toml',
    'requirements.txt',
    'requirements-dev.txt',
    'setup.cfg',
    'pom.xml',
    'go.mod',
    'Cargo.toml',
  ]) {
    const bytes = await readBounded(vscode.Uri.joinPath(root, name), READ_CAPS.projectFile);
    if (bytes) out[name] = new TextDecoder().decode(bytes).slice(0, 50_000);
  }
  const csproj = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '*.csproj'), undefined, 1);
  const project = csproj[0] && (await readBounded(csproj[0], READ_CAPS.projectFile));
  if (project) out['*.csproj'] = new TextDecoder().decode(project).slice(0, 50_000);
  return out;
}
