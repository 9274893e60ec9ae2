// The chat view's registration and its commands: New Chat, Stop Answer, Focus Chat Input, Export Chat.
import * as vscode from 'vscode';
import { CHAT_VIEW_FOCUS, CHAT_VIEW_ID, COMMANDS } from '../../platform/commands/common/contributionIds';
import { ChatViewProvider, type ChatDeps } from './chatViewProvider';
import { exportChat } from './exportChat';

/** Registers the chat view and its commands. */
export function registerChatView(context: vscode.ExtensionContext, deps: ChatDeps): ChatViewProvider {
  const chatView = new ChatViewProvider(deps);
  context.subscriptions.push(
    chatView,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, chatView),
    vscode.commands.registerCommand(COMMANDS.newChat, async () => {
      await vscode.commands.executeCommand(CHAT_VIEW_FOCUS);
      await chatView.newChat();
    }),
    vscode.commands.registerCommand(COMMANDS.stopAnswer, () => chatView.stopAnswer()),
    vscode.commands.registerCommand(COMMANDS.focusChat, () => chatView.focusInput()),
    vscode.commands.registerCommand(COMMANDS.exportChat, (target?: vscode.Uri) => exportChat(deps.store, deps.log, target)),
  );
  return chatView;
}
