// Registers the contributed commands. Features of later versions say so instead of doing nothing.
import * as vscode from 'vscode';
import type { CompletionSwitch } from '../completion/vscode/completionSwitch';
import type { Config } from '../platform/config/vscode/config';
import type { Connection } from '../platform/connection/vscode/connection';
import type { ChatView } from '../chat/vscode/chatViewProvider';
import type { InlineProvider } from '../completion/vscode/inlineProvider';
import type { Proposals } from '../edit/vscode/proposals';
import { pullModel, selectModel, type SelectModelArgs } from '../platform/connection/vscode/modelCommands';
import type { StatusBar } from '../platform/status/vscode/statusBar';

export interface CommandDeps {
  connection: Connection;
  config: Config;
  completions: CompletionSwitch;
  statusBar: StatusBar;
  log: vscode.LogOutputChannel;
  inline: InlineProvider;
  chatView: ChatView;
  proposals: Proposals;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const { connection, config, completions, statusBar, log, inline, chatView, proposals } = deps;
  const register = (id: string, run: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('phiLocal.showLog', () => log.show());
  register('phiLocal.retry', () => connection.probe('user retry', { userAsked: true }));
  register('phiLocal.statusMenu', () => statusBar.showMenu());
  register('phiLocal.selectModel', (args?: unknown) => selectModel(connection, config, (args && typeof args === 'object' ? args : {}) as SelectModelArgs));
  register('phiLocal.pullModel', (model?: unknown) => pullModel(connection, log, typeof model === 'string' ? model : undefined));
  register('phiLocal.toggleCompletions', async () => {
    const enabled = await completions.toggle();
    void vscode.window.setStatusBarMessage(enabled ? vscode.l10n.t('Phi Local: inline completions on') : vscode.l10n.t('Phi Local: inline completions off'), 3000);
    return enabled;
  });
  register('phiLocal.showCompletionStats', () => {
    const summary = inline.engine.stats.summary();
    log.info(summary);
    void vscode.window.showInformationMessage(summary, vscode.l10n.t('Show Log')).then((choice) => choice && log.show());
    return inline.engine.stats.snapshot();
  });
  register('phiLocal.newChat', async () => {
    await vscode.commands.executeCommand('phiLocal.chat.focus');
    await chatView.newChat();
  });
  register('phiLocal.acceptProposal', () => proposals.accept());
  register('phiLocal.rejectProposal', () => proposals.reject());
}
