// Warms Ollama's prompt cache before the user needs it: when a file gets focus, the cursor jumps to another
// region, or a file is saved, the prompt for the cursor goes out with a one-token limit while the slot is idle.
// The first ghost text there then costs only what was typed since. Never while anything else runs; a real
// completion aborts it.
import * as vscode from 'vscode';
import { Disposable } from '../../platform/lifecycle/common/lifecycle';

/** What the warmer needs of the completion provider. */
export interface WarmTarget {
  /** Whether a completion was asked for at or after `time` (its request warmed the cache already). */
  askedSince(time: number): boolean;
  /** Sends the warm-up for the cursor when the server is idle; whether one went out. */
  warm(document: vscode.TextDocument, position: vscode.Position): Promise<boolean>;
}

/** A warm-up goes out only after this long without any request (chat, edit, completion). */
export const IDLE_BEFORE_WARM_MS = 2000;

/** A cursor move of more lines than this is a jump to another region. */
const JUMP_LINES = 20;
/** Settle time after the event: a burst of events sends one warm-up, and a completion asked for meanwhile sends none. */
const SETTLE_MS = 1000;

export class CacheWarmer extends Disposable {
  private timer?: ReturnType<typeof setTimeout>;
  private last?: { uri: string; line: number };

  constructor(private readonly provider: WarmTarget) {
    super();
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.schedule(editor, true)));
    this._register(
      vscode.window.onDidChangeTextEditorSelection((event) => {
        const line = event.selections[0]?.active.line ?? 0;
        const last = this.last;
        if (!last || last.uri !== event.textEditor.document.uri.toString() || Math.abs(last.line - line) > JUMP_LINES) {
          this.schedule(event.textEditor, true);
        }
      }),
    );
    this._register(
      vscode.workspace.onDidSaveTextDocument((document) => {
        const editor = vscode.window.activeTextEditor;
        if (editor?.document === document) this.schedule(editor, true);
      }),
    );
    this._register({ dispose: () => clearTimeout(this.timer) });
    if (vscode.window.activeTextEditor) this.schedule(vscode.window.activeTextEditor, true);
  }

  private schedule(editor: vscode.TextEditor, retry: boolean): void {
    // Typing near this position from now on is no jump.
    this.last = { uri: editor.document.uri.toString(), line: editor.selection.active.line };
    const scheduled = Date.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fire(editor, retry, scheduled), SETTLE_MS);
  }

  private async fire(editor: vscode.TextEditor, retry: boolean, scheduled: number): Promise<void> {
    if (vscode.window.activeTextEditor !== editor) return;
    if (this.provider.askedSince(scheduled)) return;
    const position = editor.selection.active;
    const sent = await this.provider.warm(editor.document, position).catch(() => false);
    // Something ran just now: try once more when the slot has been idle long enough.
    if (!sent && retry) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.fire(editor, false, scheduled), IDLE_BEFORE_WARM_MS);
    }
  }
}
