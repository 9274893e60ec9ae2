// The questions sent from the chat input, oldest first, kept for every window like a shell's history: Up on the
// input's first line recalls older ones, Down on its last line newer ones and finally what was being typed.

/** Questions kept. */
const INPUT_HISTORY_MAX = 100;
/** Longer questions are not kept (pasted files): recalling them is what the Edit button is for. */
export const INPUT_HISTORY_ENTRY_CHARS = 8000;

/** `history` with `text` as its newest entry: an earlier equal entry moves up, the oldest go past the limit. */
export function remember(history: readonly string[], text: string, max = INPUT_HISTORY_MAX): string[] {
  const question = text.trim();
  if (!question || question.length > INPUT_HISTORY_ENTRY_CHARS) return [...history];
  const kept = history.filter((entry) => entry !== question);
  kept.push(question);
  return kept.slice(Math.max(0, kept.length - max));
}

/** The stored history, whatever shape storage returned: only non-empty strings within the limits. */
export function loadInputHistory(value: unknown, max = INPUT_HISTORY_MAX): string[] {
  if (!Array.isArray(value)) return [];
  const entries = value.filter(
    (entry): entry is string => typeof entry === 'string' && entry.trim().length > 0 && entry.length <= INPUT_HISTORY_ENTRY_CHARS,
  );
  return entries.slice(Math.max(0, entries.length - max));
}

/** Walks the history from the input: where it stands, and the draft to come back to. */
export class InputRecall {
  private entries: readonly string[] = [];
  /** Index into entries; entries.length = the draft. */
  private position = 0;
  private draft = '';

  /** New entries (from the extension, or after a send): back to the draft. */
  setEntries(entries: readonly string[]): void {
    this.entries = entries;
    this.position = entries.length;
  }

  /** After a send: the question is the newest entry, and the walk starts again from the draft. */
  sent(text: string): void {
    this.setEntries(remember(this.entries, text));
    this.draft = '';
  }

  /** The entry before the one shown, or undefined at the oldest. `current` is kept as the draft when leaving it. */
  older(current: string): string | undefined {
    if (this.position === 0) return undefined;
    if (this.position === this.entries.length) this.draft = current;
    this.position--;
    return this.entries[this.position];
  }

  /**
   * What Up (or Down) shows in an input holding `text` with the caret at `caret`: an older (newer) question, the
   * draft again, or undefined where the key should move the caret (not on the first / last line, or no more).
   */
  step(up: boolean, text: string, caret: number): string | undefined {
    if (up) return caretOnFirstLine(text, caret) ? this.older(text) : undefined;
    return caretOnLastLine(text, caret) ? this.newer() : undefined;
  }

  /** The entry after the one shown, the draft after the newest, or undefined when the draft is shown. */
  newer(): string | undefined {
    if (this.position >= this.entries.length) return undefined;
    this.position++;
    return this.position === this.entries.length ? this.draft : this.entries[this.position];
  }
}

/** The caret stands on the first line of `text` (Up walks the history there, elsewhere it moves the caret). */
export function caretOnFirstLine(text: string, caret: number): boolean {
  return !text.slice(0, caret).includes('\n');
}

/** The caret stands on the last line of `text`. */
export function caretOnLastLine(text: string, caret: number): boolean {
  return !text.slice(caret).includes('\n');
}
