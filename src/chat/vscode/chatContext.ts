// Context chips of the chat: the current selection (attached automatically, removable), the current file,
// files, problems, changes and the terminal's last command picked with @. Excluded files are never offered,
// never read.
import * as vscode from 'vscode';
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import { Disposable } from '../../platform/lifecycle/common/lifecycle';
import { cutToTokens, estimateTokens } from '../../platform/prompt/common/tokens';
import type { ContextChip } from '../common/chatProtocol';
import type { Connection } from '../../platform/connection/vscode/connection';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import { tokensFor } from '../../platform/prompt/common/budget';
import type { ProjectInstructions } from '../../platform/prompt/common/projectInstructions';
import type { ProjectInstructionsReader } from '../../platform/prompt/vscode/projectInstructionsReader';
import type { ContextSource } from '../common/contextFormatting';
import type { ContextSourceReader } from './contextSourceReader';
import { READ_CAPS, readBounded } from '../../platform/files/vscode/boundedRead';

interface Entry {
  chip: ContextChip;
  read(): Promise<ContextBlock | undefined>;
}

export class ChatContext extends Disposable {
  private files: Entry[] = [];
  private selection?: Entry;
  /** The selection the user removed: not offered again until it changes. */
  private dismissed?: string;
  private timer?: ReturnType<typeof setTimeout>;
  lastEditor?: vscode.TextEditor;
  /** The project's instructions, shown as a chip while they go into prompts. */
  private instructionsValue?: ProjectInstructions;
  /** Instructions the user removed from the chat: not used again until they change. */
  private dismissedInstructions?: string;

  constructor(
    private readonly exclusions: WorkspaceExclusions,
    /** The settings prompts plan with (the context window). */
    private readonly connection: Pick<Connection, 'settings'>,
    private readonly changed: () => void,
    private readonly projectInstructions?: ProjectInstructionsReader,
    private readonly sources?: ContextSourceReader,
  ) {
    super();
    this.lastEditor = vscode.window.activeTextEditor;
    if (projectInstructions) {
      this._register(projectInstructions.onDidChange(() => void this.readInstructions()));
      void this.readInstructions();
    }
    this._register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastEditor = editor;
        this.schedule();
      }),
    );
    this._register(
      vscode.window.onDidChangeTextEditorSelection((event) => {
        this.lastEditor = event.textEditor;
        this.schedule();
      }),
    );
  }

  get chips(): ContextChip[] {
    const instructions = this.instructions;
    return [
      ...(instructions ? [{ id: 'instructions', kind: 'instructions' as const, label: instructions.path, auto: true }] : []),
      ...(this.selection ? [this.selection.chip] : []),
      ...this.files.map((f) => f.chip),
    ];
  }

  /** The project instructions the next question goes with, unless the user removed their chip. */
  get instructions(): ProjectInstructions | undefined {
    const value = this.instructionsValue;
    return value && keyOf(value) !== this.dismissedInstructions ? value : undefined;
  }

  private async readInstructions(): Promise<void> {
    const before = this.instructions;
    this.instructionsValue = await this.projectInstructions?.current();
    const after = this.instructions;
    if ((before && keyOf(before)) !== (after && keyOf(after))) this.changed();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 150);
  }

  /** Re-reads the selection of the last editor. */
  refresh(): void {
    const editor = this.lastEditor;
    const before = this.selection?.chip.label;
    this.selection = undefined;
    if (editor && !editor.selection.isEmpty && this.allowed(editor.document.uri)) {
      const document = editor.document;
      const range = editor.selection;
      const label = `${this.name(document.uri)}:${range.start.line + 1}-${range.end.line + 1}`;
      const key = `${document.uri.toString()}#${label}`;
      if (key !== this.dismissed) {
        this.selection = {
          chip: { id: 'selection', kind: 'selection', label, auto: true },
          read: async () =>
            (await this.exclusions.mayRead(document.uri))
              ? { label, language: document.languageId, text: document.getText(range), uri: document.uri.toString() }
              : undefined,
        };
      }
    } else {
      this.dismissed = undefined;
    }
    if (before !== this.selection?.chip.label) this.changed();
  }

  remove(id: string): void {
    if (id === 'instructions' && this.instructionsValue) this.dismissedInstructions = keyOf(this.instructionsValue);
    if (id === 'selection' && this.selection) {
      const editor = this.lastEditor;
      if (editor) this.dismissed = `${editor.document.uri.toString()}#${this.selection.chip.label}`;
      this.selection = undefined;
    }
    this.files = this.files.filter((f) => f.chip.id !== id);
    this.changed();
  }

  /**
   * After a question was sent, the selection, problems, changes and terminal output it took are not attached
   * again to the next one (they stay in the conversation with that question); files stay attached.
   */
  consumeOneShot(): void {
    const sources = this.files.filter((f) => f.chip.id.startsWith('source:'));
    this.files = this.files.filter((f) => !sources.includes(f));
    if (this.selection) this.remove('selection');
    else if (sources.length) this.changed();
  }

  /** What a prompt file's `{{selection}}` and `{{file}}` stand for now (nothing that may not be read). */
  async promptValues(): Promise<{ selection: string; file: string }> {
    const document = this.lastEditor?.document;
    const file =
      document && this.allowed(document.uri) && (await this.exclusions.mayRead(document.uri))
        ? vscode.workspace.asRelativePath(document.uri)
        : '';
    const block = await this.selection?.read();
    return { selection: block ? `\`${block.label}\`:\n\`\`\`${block.language}\n${block.text}\n\`\`\`` : '', file };
  }

  async addCurrentFile(): Promise<void> {
    const document = this.lastEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file first.'));
      return;
    }
    if (!this.allowed(document.uri) || !(await this.exclusions.mayRead(document.uri))) {
      const message = vscode.l10n.t(
        '{0} is outside the workspace or excluded by phiLocal.exclude or .philocalignore, so it is never sent to the model.',
        this.name(document.uri),
      );
      void vscode.window.showWarningMessage(message);
      return;
    }
    this.addFile(document.uri);
  }

  /** @ in the input: problems, changes and the terminal first, then the workspace's files. */
  async pickFile(): Promise<void> {
    const found = await vscode.workspace.findFiles('**/*', '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}', 5000);
    type Item = vscode.QuickPickItem & { uri?: vscode.Uri; source?: ContextSource };
    const sourceItems: Item[] = this.sources
      ? [
          { label: '$(warning) @problems', description: vscode.l10n.t('Problems in the current file'), source: 'problems' },
          {
            label: '$(warning) @problems:workspace',
            description: vscode.l10n.t('Problems in the whole workspace'),
            source: 'workspaceProblems',
          },
          { label: '$(git-compare) @diff', description: vscode.l10n.t('Unstaged changes (git diff)'), source: 'diff' },
          { label: '$(git-compare) @diff:staged', description: vscode.l10n.t('Staged changes (git diff --cached)'), source: 'stagedDiff' },
          { label: '$(terminal) @terminal', description: vscode.l10n.t("The terminal's last command and its output"), source: 'terminal' },
          { label: vscode.l10n.t('Files'), kind: vscode.QuickPickItemKind.Separator },
        ]
      : [];
    const fileItems: Item[] = found
      .filter((uri) => this.allowed(uri))
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.label.localeCompare(b.label));
    const picked = await vscode.window.showQuickPick([...sourceItems, ...fileItems], {
      title: vscode.l10n.t('Phi Local: add context to the chat'),
      placeHolder: vscode.l10n.t('Problems, changes, the terminal, or type to search workspace files'),
      matchOnDescription: true,
    });
    if (picked?.source) await this.addSource(picked.source);
    else if (picked?.uri) this.addFile(picked.uri);
  }

  /**
   * Attaches problems, a diff or the terminal's last command; read now to tell the user when there is
   * nothing to attach, and again when the question goes out. Returns whether a chip was added.
   */
  async addSource(source: ContextSource): Promise<boolean> {
    const sources = this.sources;
    if (!sources) return false;
    const editor = this.lastEditor;
    const now = await sources.read(source, editor);
    if ('unavailable' in now) {
      void vscode.window.showInformationMessage(now.unavailable);
      return false;
    }
    const id = `source:${source}`;
    this.files = this.files.filter((f) => f.chip.id !== id);
    const kind = source === 'terminal' ? 'terminal' : source === 'diff' || source === 'stagedDiff' ? 'diff' : 'problems';
    this.files.push({
      chip: { id, kind, label: now.chipLabel },
      read: async () => {
        const later = await sources.read(source, this.lastEditor ?? editor);
        return 'block' in later ? later.block : undefined;
      },
    });
    this.changed();
    return true;
  }

  private addFile(uri: vscode.Uri): void {
    const id = `file:${uri.toString()}`;
    if (this.files.some((f) => f.chip.id === id)) return;
    const label = vscode.workspace.asRelativePath(uri);
    this.files.push({
      chip: { id, kind: 'file', label },
      read: async () => {
        if (!(await this.exclusions.mayRead(uri))) return undefined;
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (open) return { label, language: open.languageId, text: open.getText(), uri: uri.toString() };
        const bytes = await readBounded(uri, READ_CAPS.chatFile);
        if (!bytes || bytes.includes(0)) {
          void vscode.window.showWarningMessage(vscode.l10n.t('{0} is too large or not text; it was not attached.', label));
          return undefined;
        }
        return { label, language: languageOf(uri), text: new TextDecoder().decode(bytes), uri: uri.toString() };
      },
    });
    this.changed();
  }

  /** The context blocks for the next question (without the selection when a prompt placed it), within about half of num_ctx. */
  async blocks(options: { selection?: boolean } = {}): Promise<ContextBlock[]> {
    const budget = tokensFor(this.connection.settings.numCtx, 'chatContext');
    const out: ContextBlock[] = [];
    let used = 0;
    const selection = this.selection && options.selection !== false ? [this.selection] : [];
    for (const entry of [...selection, ...this.files]) {
      const block = await entry.read();
      if (!block) continue;
      const cost = estimateTokens(block.text);
      if (used + cost > budget) {
        const room = Math.max(0, budget - used);
        if (room < 200) continue;
        out.push({ ...block, text: `${cutToTokens(block.text, room)}\n… (cut to fit the context window)` });
        used = budget;
        continue;
      }
      out.push(block);
      used += cost;
    }
    return out;
  }

  private allowed(uri: vscode.Uri): boolean {
    return (uri.scheme === 'file' || uri.scheme === 'untitled') && !this.exclusions.isExcluded(uri);
  }

  private name(uri: vscode.Uri): string {
    return uri.path.split('/').pop() ?? uri.path;
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    super.dispose();
  }
}

function keyOf(instructions: ProjectInstructions): string {
  return `${instructions.path}\n${instructions.text}`;
}

function languageOf(uri: vscode.Uri): string {
  const extension = uri.path.split('.').pop() ?? '';
  return extension.length <= 10 ? extension : '';
}
