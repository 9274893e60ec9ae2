// Light bulb entries: Fix with Phi Local on a diagnostic, Explain / Refactor / Fix on a selection. Offering
// them calls no model; the chosen one runs its command.
import * as vscode from 'vscode';
import { COMMANDS } from '../../platform/commands/common/contributionIds';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import type { EditArgs } from './editCommands';

export class EditCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [
    vscode.CodeActionKind.QuickFix,
    vscode.CodeActionKind.RefactorRewrite,
    vscode.CodeActionKind.Empty.append('phiLocal'),
  ];

  constructor(private readonly exclusions: WorkspaceExclusions) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (this.exclusions.isExcluded(document.uri) || !['file', 'untitled'].includes(document.uri.scheme)) return [];
    const actions: vscode.CodeAction[] = [];
    const make = (title: string, kind: vscode.CodeActionKind, command: string, args: EditArgs, diagnostics?: vscode.Diagnostic[]) => {
      const action = new vscode.CodeAction(title, kind);
      action.command = { command, title, arguments: [args] };
      if (diagnostics) action.diagnostics = diagnostics;
      actions.push(action);
    };
    for (const diagnostic of context.diagnostics) {
      const title = vscode.l10n.t('Fix with Phi Local: {0}', diagnostic.message.split('\n')[0].slice(0, 60));
      const lineRange = document.lineAt(diagnostic.range.start.line).range.union(diagnostic.range);
      make(title, vscode.CodeActionKind.QuickFix, COMMANDS.fixSelection, { range: lineRange }, [diagnostic]);
    }
    if (!range.isEmpty) {
      make(
        vscode.l10n.t('Explain with Phi Local'),
        vscode.CodeActionKind.Empty.append('phiLocal').append('explain'),
        COMMANDS.explainSelection,
        { range },
      );
      make(
        vscode.l10n.t('Refactor with Phi Local…'),
        vscode.CodeActionKind.RefactorRewrite.append('phiLocal'),
        COMMANDS.refactorSelection,
        { range },
      );
      if (!context.diagnostics.length)
        make(vscode.l10n.t('Fix with Phi Local'), vscode.CodeActionKind.QuickFix, COMMANDS.fixSelection, { range });
    }
    return actions;
  }
}
