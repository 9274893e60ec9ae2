// The search field of the history panel: the extension searches titles and messages (the view holds only
// titles) and answers with the matching ids; rows that do not match are hidden. Browser code.
import type { WebviewToExtension } from '../common/chatProtocol';

export class HistorySearch {
  private timer?: ReturnType<typeof setTimeout>;
  private matches?: ReadonlySet<string>;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly list: HTMLElement,
    private readonly send: (message: WebviewToExtension) => void,
  ) {
    input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.search(), 150);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && input.value) {
        event.preventDefault();
        event.stopPropagation();
        input.value = '';
        this.search();
      }
    });
  }

  /** The rows were rendered again: search again for what is typed. */
  refresh(): void {
    if (this.input.value.trim()) this.search();
    else this.apply();
  }

  /** The extension's answer; ignored when the field changed since. */
  results(query: string, ids: readonly string[]): void {
    if (query !== this.input.value.trim()) return;
    this.matches = new Set(ids);
    this.apply();
  }

  private search(): void {
    const query = this.input.value.trim();
    this.matches = undefined;
    if (query) this.send({ type: 'history/search', query: query.slice(0, 200) });
    else this.apply();
  }

  private apply(): void {
    for (const row of this.list.querySelectorAll<HTMLElement>('.history-row')) {
      row.hidden = this.matches !== undefined && !this.matches.has(row.dataset.id ?? '');
    }
  }
}
