// Slash commands typed in the chat: /explain, /fix, /doc, /tests and /commit run the same commands as the
// palette on the current selection; /<name> runs a prompt file from .philocal/prompts/ as a question, with
// {{selection}}, {{file}} and {{input}} filled in. Prompt files are read only when they may be read (not
// excluded, inside the workspace) and are re-listed when they change.
import * as vscode from 'vscode';
import { COMMANDS } from '../../platform/commands/common/contributionIds';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import { Disposable, Emitter } from '../../platform/lifecycle/common/lifecycle';
import {
  BUILT_IN_COMMANDS,
  fillPrompt,
  parsePromptFile,
  parseSlash,
  type BuiltInCommand,
  type PromptFile,
  type SlashEntry,
} from '../common/slashParsing';
import { READ_CAPS, readBounded } from '../../platform/files/vscode/boundedRead';

const PROMPTS_DIR = '.philocal/prompts';
const PROMPTS_GLOB = `${PROMPTS_DIR}/*.md`;
const MAX_PROMPT_FILES = 100;

const COMMAND_OF: Record<BuiltInCommand, string> = {
  explain: COMMANDS.explainSelection,
  fix: COMMANDS.fixSelection,
  doc: COMMANDS.documentSelection,
  tests: COMMANDS.generateTests,
  commit: COMMANDS.writeCommitMessage,
};

export class SlashCommands extends Disposable {
  private prompts?: Promise<{ prompt: PromptFile; uri: vscode.Uri }[]>;
  private readonly changed = this._register(new Emitter<void>());
  /** The list of entries may be different now. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly exclusions: WorkspaceExclusions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${PROMPTS_GLOB}`));
    const invalidate = () => {
      this.prompts = undefined;
      this.changed.fire();
    };
    this._register(watcher.onDidCreate(invalidate));
    this._register(watcher.onDidChange(invalidate));
    this._register(watcher.onDidDelete(invalidate));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(invalidate));
  }

  /** What `/` offers: the built-in commands, then the project's prompts. */
  async entries(): Promise<SlashEntry[]> {
    const descriptions: Record<BuiltInCommand, string> = {
      explain: vscode.l10n.t('Explain the selection'),
      fix: vscode.l10n.t('Fix the problems in the selection'),
      doc: vscode.l10n.t('Document the selection'),
      tests: vscode.l10n.t('Write tests for the selection'),
      commit: vscode.l10n.t('Write the commit message'),
    };
    const commands = BUILT_IN_COMMANDS.map((name) => ({ name, description: descriptions[name], kind: 'command' as const }));
    const prompts = (await this.promptFiles()).map((p) => ({ name: p.name, description: p.description, kind: 'prompt' as const }));
    return [...commands, ...prompts];
  }

  /**
   * Runs `text` when it is a known slash command or prompt. Returns the question to ask for a prompt file,
   * true when a command ran, or undefined when `text` is not one (it is then an ordinary question).
   */
  async run(
    text: string,
    values: { selection: string; file: string },
  ): Promise<{ kind: 'command' } | { kind: 'question'; text: string; placesSelection: boolean } | undefined> {
    const slash = parseSlash(text);
    if (!slash) return undefined;
    if ((BUILT_IN_COMMANDS as readonly string[]).includes(slash.name)) {
      const name = slash.name as BuiltInCommand;
      const args = slash.rest && (name === 'fix' || name === 'doc') ? { instruction: slash.rest } : undefined;
      await vscode.commands.executeCommand(COMMAND_OF[name], args);
      return { kind: 'command' };
    }
    let prompt = (await this.promptFiles()).find((p) => p.name === slash.name);
    if (!prompt) {
      // A prompt file created a moment ago: the watcher may not have reported it yet.
      this.prompts = undefined;
      prompt = (await this.promptFiles()).find((p) => p.name === slash.name);
    }
    if (!prompt) return undefined;
    return {
      kind: 'question',
      text: fillPrompt(prompt.body, { ...values, input: slash.rest }),
      placesSelection: /\{\{\s*selection\s*\}\}/.test(prompt.body) && !!values.selection,
    };
  }

  /** The prompt files that may be used now (the exclusions may have changed since they were read). */
  private async promptFiles(): Promise<PromptFile[]> {
    this.prompts ??= this.readPromptFiles().catch((error: unknown) => {
      this.log.warn(`prompt files could not be read: ${String(error)}`);
      return [];
    });
    const usable: PromptFile[] = [];
    for (const { prompt, uri } of await this.prompts) if (await this.exclusions.mayRead(uri)) usable.push(prompt);
    return usable;
  }

  private async readPromptFiles(): Promise<{ prompt: PromptFile; uri: vscode.Uri }[]> {
    // Read the folder directly: search exclusions (files.exclude, .gitignore) must not hide the project's prompts.
    const found: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const dir = vscode.Uri.joinPath(folder.uri, PROMPTS_DIR);
      const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(dir)).catch(() => [] as [string, vscode.FileType][]);
      for (const [name, type] of entries) {
        if (type === vscode.FileType.File && name.toLowerCase().endsWith('.md')) found.push(vscode.Uri.joinPath(dir, name));
      }
    }
    const prompts: { prompt: PromptFile; uri: vscode.Uri }[] = [];
    for (const uri of found.sort((a, b) => a.path.localeCompare(b.path)).slice(0, MAX_PROMPT_FILES)) {
      if (!(await this.exclusions.mayRead(uri))) continue;
      const bytes = await readBounded(uri, READ_CAPS.projectFile);
      if (!bytes || bytes.includes(0)) continue;
      const prompt = parsePromptFile(uri.path.split('/').pop() ?? '', new TextDecoder().decode(bytes));
      if (!prompt) {
        this.log.info(`prompt file ${vscode.workspace.asRelativePath(uri)} has no body, no usable name or is too large; not offered`);
        continue;
      }
      if (!prompts.some((p) => p.prompt.name === prompt.name)) prompts.push({ prompt, uri });
    }
    return prompts;
  }
}
