// Context chips of the chat: the current selection (attached automatically, removable), the current file and
// files picked with @. Excluded files are never offered, never read.
import * as vscode from 'vscode';
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import { Disposable } from '../../platform/lifecycle/common/lifecycle';
import { cutToTokens, estimateTokens } from '../../platform/prompt/common/tokens';
import type { ContextChip } from '../common/chatProtocol';
import type { Config } from '../../platform/config/vscode/config';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import { tokensFor } from '../../platform/prompt/common/budget';
import type { ProjectInstructions } from '../../platform/prompt/common/projectInstructions';
import type { ProjectInstructionsReader } from '../../platform/prompt/vscode/projectInstructionsReader';

const MAX_FILE_BYTES = 1_000_000;

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
    private readonly config: Config,
    private readonly changed: () => void,
    private readonly projectInstructions?: ProjectInstructionsReader,
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

  /** After a question was sent the selection is not attached again to the next one. */
  consumeSelection(): void {
    if (this.selection) this.remove('selection');
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

  async pickFile(): Promise<void> {
    const found = await vscode.workspace.findFiles('**/*', '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}', 5000);
    const items = found
      .filter((uri) => this.allowed(uri))
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
      .sort((a, b) => a.label.localeCompare(b.label));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Phi Local: add a file to the chat'),
      placeHolder: vscode.l10n.t('Type to search workspace files'),
      matchOnDescription: true,
    });
    if (picked) this.addFile(picked.uri);
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
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.length > MAX_FILE_BYTES || bytes.includes(0)) {
          void vscode.window.showWarningMessage(vscode.l10n.t('{0} is too large or not text; it was not attached.', label));
          return undefined;
        }
        return { label, language: languageOf(uri), text: new TextDecoder().decode(bytes), uri: uri.toString() };
      },
    });
    this.changed();
  }

  /** The context blocks for the next question, within about half of num_ctx. */
  async blocks(): Promise<ContextBlock[]> {
    const budget = tokensFor(this.config.current.numCtx, 'chatContext');
    const out: ContextBlock[] = [];
    let used = 0;
    for (const entry of [...(this.selection ? [this.selection] : []), ...this.files]) {
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
