// A proposed change shown as a diff (document on the left, document with the change on the right), updated
// while it streams, and applied with Accept as one WorkspaceEdit (one undo step) or dropped with Reject.
import * as vscode from 'vscode';
import { CONTEXT_KEYS } from '../../platform/commands/common/contributionIds';
import { Disposable, Emitter } from '../../platform/lifecycle/common/lifecycle';
import { adaptCode } from '../common/codeExtraction';

const PROPOSAL_SCHEME = 'phi-local-proposal';

interface Proposal {
  readonly id: number;
  readonly document: vscode.TextDocument;
  readonly range: vscode.Range;
  /** The text of the range when the proposal was made: Accept refuses if it changed. */
  readonly original: string;
  readonly proposalUri: vscode.Uri;
  code: string;
  complete: boolean;
  /** The answer was cut off (token limit): applying it would delete the code it never wrote. */
  truncated: boolean;
  readonly done: (accepted: boolean) => void;
}

/** What the edit command holds while its proposal streams. */
interface ProposalHandle {
  update(code: string, complete?: boolean, truncated?: boolean): void;
  /** Drops this proposal (and closes its diff); a no-op once it was accepted or dropped. */
  reject(): Promise<void>;
  /** True when accepted; false when rejected, its diff was closed, or it was replaced. */
  readonly result: Promise<boolean>;
}

export class Proposals extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new Emitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly acceptedEmitter = this._register(new Emitter<vscode.Uri>());
  /** A proposal was applied to its document. */
  readonly onDidAccept = this.acceptedEmitter.event;
  private readonly proposals = new Map<string, Proposal>();
  private nextId = 1;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()));
    // A proposal lives only while its diff is open: closing the tab drops it, so no keybinding can accept
    // a proposal the user no longer sees.
    this._register(
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of event.closed) {
          const input = tab.input;
          if (!(input instanceof vscode.TabInputTextDiff)) continue;
          const proposal = this.proposals.get(input.modified.toString());
          if (proposal && !this.diffOpen(proposal)) void this.close(proposal, false);
        }
      }),
    );
  }

  private diffOpen(proposal: Proposal): boolean {
    return vscode.window.tabGroups.all.some((group) =>
      group.tabs.some(
        (tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === proposal.proposalUri.toString(),
      ),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const proposal = this.proposals.get(uri.toString());
    if (!proposal) return '';
    return this.proposedText(proposal);
  }

  private proposedText(proposal: Proposal): string {
    const { document, range } = proposal;
    const full = document.getText();
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    return full.slice(0, start) + this.adapted(proposal) + full.slice(end);
  }

  private adapted(proposal: Proposal): string {
    const options = vscode.window.visibleTextEditors.find((e) => e.document === proposal.document)?.options;
    return (
      adaptCode(proposal.code, {
        original: proposal.original,
        eol: proposal.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
        useTabs: options ? !options.insertSpaces : /^\t/m.test(proposal.original),
        tabSize: typeof options?.tabSize === 'number' ? options.tabSize : 4,
      }) +
      (proposal.original.endsWith('\n') && !proposal.code.endsWith('\n')
        ? proposal.document.eol === vscode.EndOfLine.CRLF
          ? '\r\n'
          : '\n'
        : '')
    );
  }

  /**
   * Opens the diff for replacing `range` of `document` with `code`. Resolves true when accepted, false when
   * rejected or replaced by another proposal.
   */
  async open(document: vscode.TextDocument, range: vscode.Range, code: string, title: string, complete = true): Promise<ProposalHandle> {
    const id = this.nextId++;
    const name = document.uri.path.split('/').pop() ?? 'file';
    const proposalUri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/${name}`, query: document.uri.toString() });
    let done!: (accepted: boolean) => void;
    const result = new Promise<boolean>((resolve) => (done = resolve));
    const proposal: Proposal = {
      id,
      document,
      range,
      original: document.getText(range),
      proposalUri,
      code,
      complete,
      truncated: false,
      done,
    };
    this.proposals.set(proposalUri.toString(), proposal);
    await vscode.commands.executeCommand('vscode.diff', document.uri, proposalUri, `${title} — ${name} ↔ ${vscode.l10n.t('proposal')}`, {
      preview: true,
    });
    this.updateContext();
    return {
      update: (next: string, isComplete = false, truncated = false) => {
        proposal.code = next;
        proposal.complete = isComplete;
        proposal.truncated = truncated;
        this.changed.fire(proposalUri);
      },
      reject: async () => {
        if (this.proposals.get(proposalUri.toString()) === proposal) await this.close(proposal, false);
      },
      result,
    };
  }

  /** The proposal of the active diff editor, if any. */
  private active(): Proposal | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri?.scheme === PROPOSAL_SCHEME) return this.proposals.get(uri.toString());
    // The left side of the diff has focus: find the proposal for that document.
    const last = [...this.proposals.values()].reverse();
    const open = last.filter((p) => this.diffOpen(p));
    return uri ? open.find((p) => p.document.uri.toString() === uri.toString()) : open[0];
  }

  private updateContext(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const active =
      !!uri && (uri.scheme === PROPOSAL_SCHEME || [...this.proposals.values()].some((p) => p.document.uri.toString() === uri.toString()));
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.proposalActive, active && this.proposals.size > 0);
  }

  /** Applies the active proposal in one edit. Refuses, keeping everything, when the original text changed. */
  async accept(): Promise<boolean> {
    const proposal = this.active();
    if (!proposal) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no Phi Local proposal to accept.'));
      return false;
    }
    if (proposal.truncated) {
      const message = vscode.l10n.t(
        'The answer was cut off (token limit or repetition), so the proposal is incomplete and cannot be applied: it would delete the code it never wrote. Reject it, select less, or raise phiLocal.maxAnswerTokens.',
      );
      void vscode.window.showWarningMessage(message);
      return false;
    }
    if (!proposal.complete) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The proposal is still being written. Wait for it to finish, or Reject it.'));
      return false;
    }
    const current = proposal.document.getText(proposal.range);
    if (current !== proposal.original || proposal.document.isClosed) {
      const copy = vscode.l10n.t('Copy Proposal');
      this.log.warn('proposal refused: the original code changed while it was written');
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t(
            'The code changed while the proposal was written, so it was not applied. Your edits are kept; the proposal stays open.',
          ),
          copy,
        )
        .then((choice) => {
          if (choice === copy) void vscode.env.clipboard.writeText(this.adapted(proposal));
        });
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(proposal.document.uri, proposal.range, this.adapted(proposal));
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) {
      void vscode.window.showErrorMessage(vscode.l10n.t('VS Code could not apply the proposal.'));
      return false;
    }
    await this.close(proposal, true);
    this.acceptedEmitter.fire(proposal.document.uri);
    return true;
  }

  async reject(): Promise<void> {
    const proposal = this.active();
    if (proposal) await this.close(proposal, false);
  }

  private async close(proposal: Proposal, accepted: boolean): Promise<void> {
    this.proposals.delete(proposal.proposalUri.toString());
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input;
        if (input instanceof vscode.TabInputTextDiff && input.modified.toString() === proposal.proposalUri.toString())
          await vscode.window.tabGroups.close(tab);
      }
    }
    proposal.done(accepted);
    this.updateContext();
  }

  override dispose(): void {
    for (const proposal of this.proposals.values()) proposal.done(false);
    this.proposals.clear();
    super.dispose();
  }
}
