// The chat view's side panels, as DOM built from data (never from HTML strings): the context chips, the
// list of earlier chats, and an answer's error box with its action buttons.
import type { ContextChip, HistoryEntry, ViewError, WebviewToExtension } from '../common/chatProtocol';
import type { CodeBlock } from './markdown';

export class Panels {
  constructor(
    private readonly t: (key: string) => string,
    private readonly send: (message: WebviewToExtension) => void,
  ) {}

  statusLine(text: string): HTMLElement {
    const line = document.createElement('div');
    line.className = 'status-line';
    line.textContent = text;
    return line;
  }

  /** On the last question (CSS shows it there only): edit it and send it again in place of the last turn. */
  editButton(edit: () => void): HTMLElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'edit-question';
    button.textContent = this.t('edit');
    button.title = this.t('editHint');
    button.addEventListener('click', edit);
    return button;
  }

  /** Clicks in the messages: code block buttons and links (nothing from the model carries a handler). */
  onMessagesClick(event: MouseEvent, codeAt: (index: number) => CodeBlock | undefined): void {
    const target = event.target as HTMLElement;
    const link = target.closest<HTMLAnchorElement>('a.external-link');
    if (link) {
      event.preventDefault();
      const href = link.dataset.href;
      if (href) this.send({ type: 'link/open', href });
      return;
    }
    const button = target.closest<HTMLButtonElement>('button[data-action]');
    if (!button) return;
    const block = codeAt(Number(button.dataset.index));
    if (!block) return;
    if (button.dataset.action === 'copy') {
      this.send({ type: 'code/copy', code: block.code });
      button.textContent = this.t('copied');
      setTimeout(() => (button.textContent = this.t('copy')), 1500);
    } else if (button.dataset.action === 'insert') this.send({ type: 'code/insert', code: block.code });
    else if (button.dataset.action === 'apply') this.send({ type: 'code/apply', code: block.code, language: block.language.slice(0, 40) });
  }

  /** Under a finished answer: copy all of it as Markdown; ask again (shown on the last answer only). */
  answerActions(markdown: string): HTMLElement {
    const row = document.createElement('div');
    row.className = 'answer-actions';
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'copy-answer';
    copy.textContent = this.t('copyAnswer');
    copy.addEventListener('click', () => {
      this.send({ type: 'code/copy', code: markdown });
      copy.textContent = this.t('copied');
      setTimeout(() => (copy.textContent = this.t('copyAnswer')), 1500);
    });
    const regenerate = document.createElement('button');
    regenerate.type = 'button';
    regenerate.className = 'regenerate';
    regenerate.textContent = this.t('regenerate');
    regenerate.addEventListener('click', () => this.send({ type: 'chat/retry' }));
    row.append(copy, regenerate);
    return row;
  }

  errorNode(error: ViewError): HTMLElement {
    const box = document.createElement('div');
    box.className = 'error';
    box.setAttribute('role', 'alert');
    const text = document.createElement('p');
    text.textContent = error.message;
    box.append(text);
    for (const action of error.actions) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = this.t(`action.${action}`);
      button.addEventListener('click', () =>
        action === 'retry' ? this.send({ type: 'chat/retry' }) : this.send({ type: 'action/run', action }),
      );
      box.append(button);
    }
    return box;
  }

  renderChips(chips: HTMLElement, items: readonly ContextChip[]): void {
    chips.replaceChildren();
    for (const chip of items) {
      const node = document.createElement('span');
      node.className = `chip ${chip.kind}`;
      node.textContent = chip.label;
      node.title = chip.kind === 'instructions' ? this.t('instructionsHint') : chip.label;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '×';
      remove.setAttribute('aria-label', `${this.t('remove')} ${chip.label}`);
      remove.addEventListener('click', () => this.send({ type: 'context/remove', id: chip.id }));
      node.append(remove);
      chips.append(node);
    }
    const addFile = document.createElement('button');
    addFile.type = 'button';
    addFile.className = 'chip-add';
    addFile.textContent = this.t('addFile');
    addFile.title = this.t('addFileHint');
    addFile.addEventListener('click', () => this.send({ type: 'context/pickFile' }));
    const current = document.createElement('button');
    current.type = 'button';
    current.className = 'chip-add';
    current.textContent = this.t('currentFile');
    current.addEventListener('click', () => this.send({ type: 'context/addCurrentFile' }));
    chips.append(current, addFile);
  }

  /** The model picker: the installed models, the configured one first when it is not installed. */
  renderModels(select: HTMLSelectElement, models: readonly string[], model: string): void {
    select.replaceChildren(
      ...(models.includes(model) ? models : [model, ...models]).map((name) => {
        const option = document.createElement('option');
        option.value = name;
        option.textContent = name;
        option.selected = name === model;
        return option;
      }),
    );
  }

  renderHistory(historyPanel: HTMLElement, entries: readonly HistoryEntry[], close: () => void): void {
    historyPanel.replaceChildren();
    if (!entries.length) historyPanel.append(this.statusLine(this.t('noHistory')));
    for (const entry of entries) {
      const row = document.createElement('div');
      row.className = 'history-row';
      row.dataset.id = entry.id;
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'history-open';
      open.textContent = entry.title;
      open.title = new Date(entry.updatedAt).toLocaleString();
      open.addEventListener('click', () => {
        this.send({ type: 'history/restore', id: entry.id });
        close();
      });
      const rename = document.createElement('button');
      rename.type = 'button';
      rename.textContent = '✎';
      rename.setAttribute('aria-label', `${this.t('rename')} ${entry.title}`);
      rename.addEventListener('click', () => {
        const field = document.createElement('input');
        field.value = entry.title;
        field.setAttribute('aria-label', this.t('rename'));
        field.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' && field.value.trim())
            this.send({ type: 'history/rename', id: entry.id, title: field.value.trim().slice(0, 200) });
          if (event.key === 'Escape') this.renderHistory(historyPanel, entries, close);
        });
        row.replaceChildren(field);
        field.focus();
      });
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '🗑';
      remove.setAttribute('aria-label', `${this.t('delete')} ${entry.title}`);
      remove.addEventListener('click', () => this.send({ type: 'history/delete', id: entry.id }));
      row.append(open, rename, remove);
      historyPanel.append(row);
    }
  }
}
