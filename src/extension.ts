// activate(): builds the platform (config, log, connection, exclusions, status), then registers each feature
// (completions, chat, edits). Everything it creates is disposed through context.subscriptions.
import * as vscode from 'vscode';
import { InputHistoryStore } from './chat/vscode/inputHistoryStore';
import { ChatStore } from './chat/vscode/chatStore';
import type { ChatViewProvider } from './chat/vscode/chatViewProvider';
import { registerChatView } from './chat/vscode/registerChatView';
import { CompletionSwitch } from './completion/vscode/completionSwitch';
import { registerInlineCompletions, type InlineProvider } from './completion/vscode/inlineProvider';
import { completionDetails } from './completion/vscode/completionStatsView';
import { RelatedFilesGatherer } from './completion/vscode/relatedFilesGatherer';
import { registerEditCommands, type EditCommands } from './edit/vscode/editCommands';
import { ProjectInstructionsReader } from './platform/prompt/vscode/projectInstructionsReader';
import { registerCommitMessageCommand } from './scm/vscode/commitMessageCommand';
import { LM_VENDOR } from './languageModel/common/modelCatalog';
import { LanguageModelProvider } from './languageModel/vscode/languageModelProvider';
import { Proposals } from './edit/vscode/proposals';
import { Config } from './platform/config/vscode/config';
import { ApiKey, registerApiKeyCommand } from './platform/connection/vscode/apiKey';
import { Connection } from './platform/connection/vscode/connection';
import { registerConnectionCommands } from './platform/connection/vscode/modelCommands';
import { WorkspaceExclusions } from './platform/exclusions/vscode/workspaceExclusions';
import { createLog } from './platform/log/vscode/log';
import { StatusBar } from './platform/status/vscode/statusBar';
import { registerWalkthrough, type Walkthrough } from './welcome/vscode/walkthrough';

/** What activate() returns to this extension's own tests (ExtensionMode.Test) and to nobody else: their only way in. */
export interface PhiLocalApi {
  readonly connection: Connection;
  readonly config: Config;
  readonly completions: CompletionSwitch;
  readonly statusBar: StatusBar;
  readonly chatView: ChatViewProvider;
  readonly proposals: Proposals;
  /** A fresh view of the stored chat history, as a reloaded window would read it. */
  readonly openChatStore: () => ChatStore;
  readonly inline: InlineProvider;
  readonly edits: EditCommands;
  readonly exclusions: WorkspaceExclusions;
  readonly walkthrough: Walkthrough;
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): PhiLocalApi | undefined {
  const started = performance.now();
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  // The platform.
  const log = own(createLog());
  const config = own(new Config(log));
  const apiKey = own(new ApiKey(context.secrets));
  const connection = own(new Connection(config, log, apiKey));
  const exclusions = own(new WorkspaceExclusions(config));
  registerConnectionCommands(context, connection, config, log);
  registerApiKeyCommand(context, apiKey, config, log);

  // Inline completions.
  const completions = own(new CompletionSwitch(config));
  const relatedFiles = new RelatedFilesGatherer(exclusions);
  const inline = registerInlineCompletions(context, { connection, config, completions, exclusions, relatedFiles, log });
  const statusBar = own(new StatusBar(connection, completions, () => completionDetails(inline.engine.stats.snapshot())));

  // Chat and edits, with the project's instructions (AGENTS.md…).
  const projectInstructions = own(new ProjectInstructionsReader(config, exclusions, log));
  const proposals = own(new Proposals(log));
  const store = new ChatStore(context.workspaceState, log);
  const chatView = registerChatView(context, {
    extensionUri: context.extensionUri,
    connection,
    config,
    exclusions,
    proposals,
    store,
    inputHistory: new InputHistoryStore(context.globalState),
    log,
    projectInstructions,
  });
  const ask = (question: string, blocks: Parameters<ChatViewProvider['ask']>[1]) => chatView.ask(question, blocks);
  const edits = registerEditCommands(context, { connection, config, exclusions, proposals, ask, log, projectInstructions });

  // Source control: commit messages.
  registerCommitMessageCommand(context, { connection, config, exclusions, log });

  // Phi Local's models in VS Code's language-model API.
  const languageModels = own(new LanguageModelProvider({ connection, config, log }));
  own(vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, languageModels));

  // Getting started: the walkthrough's steps complete from these events.
  const walkthrough = registerWalkthrough(context, {
    connection,
    completionAccepted: inline.onDidAccept,
    chatSent: chatView.onDidSend,
    proposalAccepted: proposals.onDidAccept,
    log,
  });

  void connection.probe('activation');
  const activationMs = Math.round(performance.now() - started);
  const version = String(context.extension.packageJSON.version);
  log.info(`Phi Local ${version} activated in ${activationMs} ms (VS Code ${vscode.version}, ${vscode.env.appName})`);
  const openChatStore = () => new ChatStore(context.workspaceState);
  // Other extensions get nothing: the internals (the client and its key, the exclusions, the proposals) are
  // handed out only to this extension's own tests.
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    connection,
    config,
    completions,
    statusBar,
    chatView,
    proposals,
    openChatStore,
    inline,
    edits,
    exclusions,
    walkthrough,
    activationMs,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
