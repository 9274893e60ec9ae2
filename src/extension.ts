import * as vscode from 'vscode';
import { ChatStore } from './vscode/chatStore';
import { ChatView, CHAT_VIEW_ID } from './vscode/chatView';
import { CompletionContext } from './vscode/completionContext';
import { registerEditCommands, type EditCommands } from './vscode/editCommands';
import { Exclusions } from './vscode/exclusions';
import { registerInlineCompletions, type InlineProvider } from './vscode/inlineProvider';
import { registerCommands } from './vscode/commands';
import { CompletionSwitch } from './vscode/completionSwitch';
import { Config } from './vscode/config';
import { Connection } from './vscode/connection';
import { createLog } from './vscode/log';
import { Proposals } from './vscode/proposals';
import { StatusBar } from './vscode/statusBar';

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
