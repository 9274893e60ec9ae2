// What the buttons on a code block of an answer do: Copy to the clipboard, Insert at the cursor of the
// editor the user came from, Apply as a diff proposal (of the selection, or of the whole file when the
// block is one) that the user accepts or rejects.
import * as vscode from 'vscode';
import { looksLikeWholeFile } from '../../edit/common/codeExtraction';
import type { Proposals } from '../../edit/vscode/proposals';

export class CodeBlockActions {
  constructor(
    /** The editor the user worked in last (the chat view has the focus when a button is clicked). */
    private readonly lastEditor: () => vscode.TextEditor | undefined,
    private readonly proposals: Proposals,
  ) {}

  async copy(code: string): Promise<void> {
    await vscode.env.clipboard.writeText(code);
  }

  async insert(code: string): Promise<void> {
    const editor = this.lastEditor();
    if (!editor || editor.document.isClosed) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and place the cursor where the code should go.'));
      return;
    }
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, code);
    });
  }

  async apply(code: string): Promise<void> {
    const editor = this.lastEditor();
    if (!editor || editor.document.isClosed) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the file to change, select the code to replace, then Apply.'));
      return;
    }
    const document = editor.document;
    let range: vscode.Range;
    if (!editor.selection.isEmpty) {
      const { start, end } = editor.selection;
      range = new vscode.Range(start.with(undefined, 0), end.character === 0 ? end : document.lineAt(end.line).range.end);
    } else if (looksLikeWholeFile(code, document.getText())) {
      range = new vscode.Range(0, 0, document.lineCount, 0);
    } else {
      const insert = vscode.l10n.t('Insert at Cursor');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Select the code this block should replace, then Apply again.'),
        insert,
      );
      if (choice === insert) await this.insert(code);
      return;
    }
    await this.proposals.open(document, document.validateRange(range), code, vscode.l10n.t('Phi Local: Apply'));
  }
}
