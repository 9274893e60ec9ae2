// "Export Chat as Markdown": the current conversation to a file the user picks (or the one given).
import * as vscode from 'vscode';
import { conversationMarkdown, exportFileName } from '../common/exportMarkdown';
import type { ChatStore } from './chatStore';

/** Writes the current conversation as Markdown to `target`, or where the user picks. Returns the file written. */
export async function exportChat(store: ChatStore, log: vscode.LogOutputChannel, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const conversation = store.current;
  if (!conversation.messages.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This chat is empty: there is nothing to export yet.'));
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, exportFileName(conversation.title)) : undefined,
      filters: { Markdown: ['md'] },
      title: vscode.l10n.t('Export Chat as Markdown'),
    }));
  if (!uri) return undefined;
  const labels = {
    you: vscode.l10n.t('You'),
    assistant: vscode.l10n.t('Phi Local'),
    context: vscode.l10n.t('Context'),
    stopped: vscode.l10n.t('Stopped.'),
    failed: vscode.l10n.t('Failed'),
  };
  const text = conversationMarkdown(conversation, labels, new Date(conversation.updatedAt).toLocaleString());
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  log.info(`chat exported to ${uri.toString(true)}`);
  return uri;
}
