// The list `/` opens in the chat input: commands and prompt files matching the typed name; arrows move, Tab
// or Enter completes, Escape closes until the input changes. Browser code.
import { matchingEntries, type SlashEntry } from '../common/slashParsing';

export class SlashList {
  private entries: SlashEntry[] = [];
  private index = 0;
  /** Escape closed the list: it stays closed until the input changes. */
  private closed = false;

  constructor(
    private readonly list: HTMLElement,
    private readonly input: HTMLTextAreaElement,
    /** Called after an entry was completed into the input. */
    private readonly chosen: () => void,
  ) {}

  setEntries(entries: readonly SlashEntry[]): void {
    this.entries = [...entries];
    this.render();
  }

  /** The input changed. */
  update(): void {
    this.closed = false;
    this.render();
  }

  /** Handles a key while the list is open; returns whether it did. */
  handleKey(event: KeyboardEvent): boolean {
    const matches = this.list.hidden ? [] : this.matches();
    if (!matches.length) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      this.index = (this.index + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      this.render();
    } else if (event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey && !event.isComposing)) {
      this.choose(matches[this.index]);
    } else if (event.key === 'Escape') {
      this.closed = true;
      this.render();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** The entries matching a `/name` being typed at the start of the input. */
  private matches(): SlashEntry[] {
    const typed = /^\/([\w-]*)$/.exec(this.input.value);
    return typed && !this.closed ? matchingEntries(this.entries, typed[1]) : [];
  }

  private render(): void {
    const matches = this.matches();
    this.index = Math.min(this.index, Math.max(0, matches.length - 1));
    this.list.replaceChildren();
    this.list.hidden = !matches.length;
    this.input.setAttribute('aria-expanded', String(matches.length > 0));
    matches.forEach((entry, index) => {
      const option = document.createElement('div');
      option.id = `slash-${index}`;
      option.className = `slash-option ${entry.kind}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(index === this.index));
      const name = document.createElement('span');
      name.className = 'slash-name';
      name.textContent = `/${entry.name}`;
      const description = document.createElement('span');
      description.className = 'slash-description';
      description.textContent = entry.description;
      option.append(name, description);
      // mousedown, not click: the input keeps the focus.
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        this.choose(entry);
      });
      this.list.append(option);
    });
    if (matches.length) this.input.setAttribute('aria-activedescendant', `slash-${this.index}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private choose(entry: SlashEntry): void {
    this.input.value = `/${entry.name} `;
    this.index = 0;
    this.render();
    this.input.focus();
    this.chosen();
  }
}
