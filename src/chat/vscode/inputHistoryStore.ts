// The chat input's history in the extension's global state: one list for every window and workspace, read
// afresh each time, so a question sent in one window can be recalled with Up in another.
import type * as vscode from 'vscode';
import { loadInputHistory, remember } from '../common/inputHistory';

const KEY = 'phiLocal.chat.inputHistory';

export class InputHistoryStore {
  constructor(private readonly memento: vscode.Memento) {}

  get entries(): string[] {
    return loadInputHistory(this.memento.get<unknown>(KEY));
  }

  async add(question: string): Promise<void> {
    await this.memento.update(KEY, remember(this.entries, question));
  }
}
