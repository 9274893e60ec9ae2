import * as vscode from 'vscode';

/** The extension's one log channel. Prompts and replies go to `trace` only. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Phi Local', { log: true });
}
