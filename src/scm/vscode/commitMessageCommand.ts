// Phi Local: Write Commit Message — the staged diff (all changes when nothing is staged) from the built-in
// Git extension, without excluded files, described in the repository's own style, streamed into the Source
// Control input box; cancellable, and a message the user typed is replaced only when they say so.
import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS } from '../../platform/commands/common/contributionIds';
import type { Config } from '../../platform/config/vscode/config';
import type { Connection } from '../../platform/connection/vscode/connection';
import { streamAnswer } from '../../platform/connection/vscode/modelStream';
import { toFailure } from '../../platform/backend/common/modelFailure';
import { showFailure } from '../../platform/connection/vscode/userActionRunner';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import { tokensFor } from '../../platform/prompt/common/budget';
import { selectDiff, splitDiff } from '../../platform/git/common/diff';
import { gitApi, repositoryFor, type GitRepository } from '../../platform/git/vscode/gitApi';
import { buildCommitPrompt, cleanCommitMessage, commitStyleOf } from '../common/commitMessage';

interface CommitMessageDeps {
  readonly connection: Connection;
  readonly config: Config;
  readonly exclusions: WorkspaceExclusions;
  readonly log: vscode.LogOutputChannel;
}

/** A commit message is short: the subject and a few lines of body. */
const MAX_MESSAGE_TOKENS = 300;

class CommitMessageCommand {
  constructor(private readonly deps: CommitMessageDeps) {}

  /** `from`: what VS Code passes from the Source Control title bar (the repository's SourceControl). */
  async run(from?: unknown): Promise<void> {
    const { log } = this.deps;
    const api = await gitApi();
    if (!api) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Phi Local needs the built-in Git extension to write commit messages, and it is not enabled.'),
      );
      return;
    }
    const repository = repositoryFor(api, from) ?? (await this.pickRepository(api.repositories));
    if (!repository) {
      if (api.repositories.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('No Git repository is open.'));
      return;
    }
    let staged = true;
    let diff = await repository.diff(true);
    if (!diff.trim()) {
      staged = false;
      diff = await repository.diff(false);
    }
    if (!diff.trim()) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There are no changes to describe.'));
      return;
    }
    const typed = repository.inputBox.value;
    if (typed.trim()) {
      const replace = vscode.l10n.t('Replace');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('The commit message box already has a message. Replace it with one written by Phi Local?'),
        { modal: true },
        replace,
      );
      if (choice !== replace) return;
    }
    const settings = this.deps.connection.settings;
    const budget = tokensFor(settings.numCtx - MAX_MESSAGE_TOKENS, 'commitDiff');
    const selection = selectDiff(
      splitDiff(diff),
      (path) => this.deps.exclusions.isExcluded(vscode.Uri.joinPath(repository.rootUri, path)),
      { maxTokens: budget, maxFileTokens: tokensFor(budget, 'commitFile') },
    );
    if (selection.excluded.length) log.info(`commit message: left out excluded files: ${selection.excluded.join(', ')}`);
    if (selection.summarized.length) log.info(`commit message: large changes summarized: ${selection.summarized.join(', ')}`);
    if (!selection.text.trim()) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Every changed file is excluded from Phi Local (phiLocal.exclude): nothing to describe.'),
      );
      return;
    }
    const subjects = await repository.log({ maxEntries: 20 }).then(
      (commits) => commits.map((c) => c.message.split('\n')[0]),
      () => [] as string[],
    );
    const style = commitStyleOf(subjects);
    const messages = buildCommitPrompt({
      diff: selection.text,
      subjects,
      style,
      staged,
      budgetTokens: settings.numCtx - MAX_MESSAGE_TOKENS - 64,
    });
    log.debug(`commit message: ${staged ? 'staged' : 'all'} changes, ${style} style, ${selection.text.length} characters of diff`);
    const written = await this.stream(repository, messages, typed, () => void this.run(from));
    if (!written) return;
    const notes: string[] = [];
    if (!staged) notes.push(vscode.l10n.t('Nothing was staged, so the message describes all changes.'));
    if (selection.excluded.length) notes.push(vscode.l10n.t('Left out {0} excluded file(s).', selection.excluded.length));
    if (selection.summarized.length)
      notes.push(vscode.l10n.t('Only the size of {0} large change(s) was described.', selection.summarized.length));
    if (notes.length) void vscode.window.showInformationMessage(notes.join(' '));
  }

  private async pickRepository(repositories: readonly GitRepository[]): Promise<GitRepository | undefined> {
    if (repositories.length < 2) return repositories[0];
    const picked = await vscode.window.showQuickPick(
      repositories.map((repository) => ({ label: vscode.workspace.asRelativePath(repository.rootUri, true), repository })),
      { placeHolder: vscode.l10n.t('Which repository?') },
    );
    return picked?.repository;
  }

  /** Streams the message into the input box; on cancel or failure the box gets back what it had. */
  private async stream(
    repository: GitRepository,
    messages: ReturnType<typeof buildCommitPrompt>,
    before: string,
    retry: () => void,
  ): Promise<boolean> {
    const { connection, config } = this.deps;
    const model = config.current.chatModel;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Phi Local: writing the commit message…'), cancellable: true },
      async (_progress, token) => {
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.writingCommitMessage, true);
        try {
          const request = { use: 'commitMessage', activity: 'edit', model, messages, maxTokens: MAX_MESSAGE_TOKENS, token } as const;
          const answer = await streamAnswer(connection, request, (_piece, reply) => {
            repository.inputBox.value = cleanCommitMessage(reply);
          });
          const message = answer.stopped === 'cancelled' ? '' : cleanCommitMessage(answer.text);
          repository.inputBox.value = message || before;
          if (!message && answer.stopped !== 'cancelled')
            void vscode.window.showWarningMessage(vscode.l10n.t('{0} answered with no commit message. Try again.', model));
          return message !== '';
        } catch (error) {
          repository.inputBox.value = before;
          const failure = toFailure(error);
          this.deps.log.warn(`commit message failed: ${failure.detail}`);
          showFailure(failure, { retry, model });
          return false;
        } finally {
          void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.writingCommitMessage, false);
        }
      },
    );
  }
}

export function registerCommitMessageCommand(context: vscode.ExtensionContext, deps: CommitMessageDeps): CommitMessageCommand {
  const command = new CommitMessageCommand(deps);
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.writeCommitMessage, (from?: unknown) => command.run(from)));
  return command;
}
