import * as vscode from 'vscode';
import { ChatStore } from './chat/vscode/chatStore';
import { ChatView, CHAT_VIEW_ID } from './chat/vscode/chatViewProvider';
import { CompletionContext } from './completion/vscode/relatedFilesContext';
import { registerEditCommands, type EditCommands } from './edit/vscode/editCommands';
import { Exclusions } from './platform/exclusions/vscode/workspaceExclusions';
import { registerInlineCompletions, type InlineProvider } from './completion/vscode/inlineProvider';
import { registerCommands } from './vscode/commands';
import { CompletionSwitch } from './completion/vscode/completionSwitch';
import { Config } from './platform/config/vscode/config';
import { Connection } from './platform/connection/vscode/connection';
import { createLog } from './platform/log/vscode/log';
import { Proposals } from './edit/vscode/proposals';
import { StatusBar } from './platform/status/vscode/statusBar';

/** What activate() returns: the integration tests' only way in. */
export interface PhiLocalApi {
  readonly connection: Connection;
  readonly config: Config;
  readonly completions: CompletionSwitch;
  readonly statusBar: StatusBar;
  readonly chatView: ChatView;
  readonly proposals: Proposals;
  /** A fresh view of the stored chat history, as a reloaded window would read it. */
  readonly openChatStore: () => ChatStore;
  readonly inline: InlineProvider;
  readonly edits: EditCommands;
  readonly exclusions: Exclusions;
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): PhiLocalApi {
  const started = performance.now();
  const log = createLog();
  const config = new Config(log);
  const connection = new Connection(config, log);
  const completions = new CompletionSwitch(config);
  const exclusions = new Exclusions(config);
  context.subscriptions.push(log, config, connection, completions, exclusions);
  const inline = registerInlineCompletions(context, { connection, config, completions, exclusions, context: new CompletionContext(exclusions), log });
  const statusBar = new StatusBar(connection, completions, () => [inline.engine.stats.summary()]);
  const proposals = new Proposals(log);
  const chatView = new ChatView({ extensionUri: context.extensionUri, connection, config, exclusions, proposals, store: new ChatStore(context.workspaceState), log });
  context.subscriptions.push(statusBar, proposals, chatView, vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chatView));
  registerCommands(context, { connection, config, completions, statusBar, log, inline, chatView, proposals });
  const edits = registerEditCommands(context, { connection, config, exclusions, proposals, chatView, log });
  void connection.probe('activation');
  const activationMs = Math.round(performance.now() - started);
  log.info(`Phi Local ${String(context.extension.packageJSON.version)} activated in ${activationMs} ms (VS Code ${vscode.version}, ${vscode.env.appName})`);
  return { connection, config, completions, statusBar, chatView, proposals, openChatStore: () => new ChatStore(context.workspaceState), inline, edits, exclusions, activationMs };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
