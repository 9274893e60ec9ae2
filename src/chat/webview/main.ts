// Browser side of the chat view. Renders state sent by the extension, streams answers block by block, and
// sends typed messages back. The VS Code API object stays inside this closure.
import type { ExtensionToWebview, HistoryEntry, ViewError, ViewMessage, ViewState, WebviewToExtension } from '../common/chatProtocol';
import { createRenderer, StreamSplitter, type CodeBlock } from './markdown';
import { Panels } from './panels';
import { SlashList } from './slashList';
import { HistorySearch } from './historySearch';
import { renderGauge, statsNode } from './readoutsView';
import type { AnswerStats } from '../common/answerReadouts';
import { InputRecall } from '../common/inputHistory';

interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface Saved {
  draft?: string;
}

(() => {
  const vscode = acquireVsCodeApi();
  const send = (message: WebviewToExtension) => vscode.postMessage(message);
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const labels = JSON.parse(document.body.dataset.labels ?? '{}') as Record<string, string>;
  const t = (key: string) => labels[key] ?? key;
  const renderer = createRenderer({ copy: t('copy'), insert: t('insert'), apply: t('apply'), invisible: t('invisible') });
  const panels = new Panels(t, send);

  const list = $<HTMLDivElement>('messages');
  const input = $<HTMLTextAreaElement>('input');
  const sendButton = $<HTMLButtonElement>('send');
  const banner = $<HTMLDivElement>('banner');
  const chips = $<HTMLDivElement>('chips');
  const modelSelect = $<HTMLSelectElement>('model');
  const historyPanel = $<HTMLDivElement>('history');
  const historyButton = $<HTMLButtonElement>('history-button');
  const notice = $<HTMLDivElement>('notice');
  const gauge = $<HTMLDivElement>('context-gauge');

  let activeRequest: string | undefined;
  /** Up / Down walk the questions sent from any window. */
  const recall = new InputRecall();
  /** The last question is being edited: sending replaces it and its answer. */
  let editing = false;
  /** Code of every rendered block, by the index its buttons carry. */
  let blocks: CodeBlock[] = [];
  /** The answer being streamed: its splitter, the node for completed blocks and the node for the open tail. */
  let live: { id: string; splitter: StreamSplitter; done: HTMLElement; tail: HTMLElement } | undefined;
  /** Code blocks of the open tail: their indexes follow those of `blocks`. */
  let liveTailBlocks: CodeBlock[] = [];

  const saved = (vscode.getState() ?? {}) as Saved;
  if (saved.draft) input.value = saved.draft;

  function messageNode(message: ViewMessage): HTMLElement {
    const node = document.createElement('article');
    node.className = `message ${message.role}`;
    node.dataset.id = message.id;
    node.setAttribute('aria-label', message.role === 'user' ? t('you') : t('assistant'));
    if (message.context?.length) {
      const context = document.createElement('div');
      context.className = 'message-context';
      context.textContent = message.context.join(' · ');
      node.append(context);
    }
    const body = document.createElement('div');
    body.className = 'body';
    if (message.role === 'user') body.textContent = message.content;
    else body.innerHTML = renderer.render(message.content, blocks);
    node.append(body);
    if (message.status === 'stopped') node.append(statusLine(t('stopped')));
    if (message.error) node.append(errorNode(message.error));
    if (message.stats && message.status === 'done') node.append(statsNode(message.stats, t));
    if (message.role === 'assistant' && (message.status === 'done' || message.status === 'stopped') && message.content)
      node.append(panels.answerActions(message.content));
    if (message.role === 'user') node.append(panels.editButton(() => startEdit(message.content)));
    return node;
  }

  const statusLine = (text: string) => panels.statusLine(text);
  const errorNode = (error: ViewError) => panels.errorNode(error);
  const historyList = $<HTMLDivElement>('history-list');
  const historySearch = new HistorySearch($<HTMLInputElement>('history-search'), historyList, send);
  const renderHistory = (entries: readonly HistoryEntry[]) => {
    panels.renderHistory(historyList, entries, () => toggleHistory(false));
    historySearch.refresh();
  };

  function toggleHistory(show = historyPanel.hidden): void {
    historyPanel.hidden = !show;
    historyButton.setAttribute('aria-expanded', String(show));
  }

  function renderState(next: ViewState): void {
    blocks = [];
    live = undefined;
    list.replaceChildren(...next.messages.map(messageNode));
    list.dataset.conversation = next.conversationId;
    const streaming = next.messages.find((m) => m.status === 'streaming');
    if (streaming) startLive(streaming.id, streaming.content);
    activeRequest = next.busy ? activeRequest : undefined;
    panels.renderChips(chips, next.chips);
    renderHistory(next.history);
    panels.renderModels(modelSelect, next.models, next.model);
    banner.textContent = next.banner;
    banner.hidden = !next.banner;
    renderGauge(gauge, next.contextUse, t);
    setBusy(next.busy);
    recall.setEntries(next.inputHistory);
    list.scrollTop = list.scrollHeight;
  }

  function setBusy(busy: boolean): void {
    sendButton.textContent = busy ? t('stop') : t('send');
    sendButton.classList.toggle('stop', busy);
    document.body.classList.toggle('busy', busy);
    sendButton.setAttribute('aria-label', busy ? t('stopHint') : t('sendHint'));
  }

  /** Starts (or resumes, after the view was hidden) the streamed answer `id`. */
  function startLive(id: string, already: string): void {
    let node = list.querySelector<HTMLElement>(`article[data-id="${CSS.escape(id)}"]`);
    if (!node) {
      node = messageNode({ id, role: 'assistant', content: '', status: 'streaming' });
      list.append(node);
    }
    const body = node.querySelector<HTMLElement>('.body') as HTMLElement;
    body.replaceChildren();
    const done = document.createElement('div');
    const tail = document.createElement('div');
    tail.className = 'tail';
    body.append(done, tail);
    live = { id, splitter: new StreamSplitter(), done, tail };
    if (already) appendLive(already);
  }

  function appendLive(text: string): void {
    if (!live) return;
    const { completed, tail, tailInFence } = live.splitter.push(text);
    if (completed) {
      const part = document.createElement('div');
      part.innerHTML = renderer.render(completed, blocks);
      live.done.append(part);
    }
    // Only the open block is rendered again; a code block still streaming is not highlighted yet.
    const tailBlocks: CodeBlock[] = [];
    live.tail.innerHTML = renderer.render(tail, tailBlocks, !tailInFence);
    const offset = blocks.length;
    live.tail.querySelectorAll<HTMLElement>('[data-index]').forEach((element) => {
      element.dataset.index = String(Number(element.dataset.index) + offset);
    });
    liveTailBlocks = tailBlocks;
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    if (nearBottom) list.scrollTop = list.scrollHeight;
  }

  function codeAt(index: number): CodeBlock | undefined {
    return index < blocks.length ? blocks[index] : liveTailBlocks[index - blocks.length];
  }

  function finishLive(stopped: boolean, stats?: AnswerStats): void {
    if (!live) return;
    const article = list.querySelector<HTMLElement>(`article[data-id="${CSS.escape(live.id)}"]`);
    // Render the whole answer once more, highlighted, as one piece.
    const body = article?.querySelector<HTMLElement>('.body');
    if (body) body.innerHTML = renderer.render(live.splitter.all, blocks);
    if (stopped && article) article.append(statusLine(t('stopped')));
    if (!stopped && stats && article) article.append(statsNode(stats, t));
    if (article && live.splitter.all) article.append(panels.answerActions(live.splitter.all));
    live = undefined;
    liveTailBlocks = [];
  }

  function startEdit(question: string): void {
    if (activeRequest) return;
    input.value = question;
    setEditing(true);
    input.focus();
  }

  function setEditing(on: boolean): void {
    editing = on;
    document.body.classList.toggle('editing', on);
  }

  const saveDraft = () => vscode.setState({ draft: input.value } satisfies Saved);
  const slash = new SlashList($<HTMLDivElement>('slash-list'), input, saveDraft);

  function submit(): void {
    if (activeRequest) return send({ type: 'chat/cancel', requestId: activeRequest });
    const text = input.value.trim();
    if (!text) return;
    recall.sent(text);
    send(editing ? { type: 'chat/edit', text } : { type: 'chat/send', text });
    setEditing(false);
    input.value = '';
    saveDraft();
  }

  window.addEventListener('message', (event: MessageEvent<ExtensionToWebview>) => {
    const message = event.data;
    switch (message?.type) {
      case 'view/state':
        renderState(message.state);
        break;
      case 'view/notice':
        notice.textContent = message.text;
        notice.hidden = !message.text;
        break;
      case 'view/banner':
        banner.textContent = message.text;
        banner.hidden = !message.text;
        break;
      case 'chat/start':
        activeRequest = message.requestId;
        list.append(messageNode(message.user));
        startLive(message.assistantId, '');
        setBusy(true);
        notice.hidden = true;
        break;
      case 'chat/chunk':
        if (message.requestId === activeRequest || !activeRequest) appendLive(message.text);
        break;
      case 'history/update':
        renderHistory(message.history);
        break;
      case 'history/results':
        historySearch.results(message.query, message.ids);
        break;
      case 'view/context':
        renderGauge(gauge, message.contextUse, t);
        break;
      case 'chat/done':
        finishLive(message.stopped, message.stats);
        activeRequest = undefined;
        setBusy(false);
        break;
      case 'chat/error': {
        const article = live && list.querySelector<HTMLElement>(`article[data-id="${CSS.escape(live.id)}"]`);
        finishLive(false);
        (article ?? list).append(errorNode(message.error));
        activeRequest = undefined;
        setBusy(false);
        break;
      }
      case 'context/update':
        panels.renderChips(chips, message.chips);
        break;
      case 'input/focus':
        input.focus();
        break;
      case 'slash/entries':
        slash.setEntries(message.entries);
        break;
      default:
        break;
    }
  });

  input.addEventListener('keydown', (event) => {
    if (slash.handleKey(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && (activeRequest || editing)) {
      // Escape stops the answer being written, as the Stop button does, or leaves editing the last question.
      event.preventDefault();
      if (activeRequest) send({ type: 'chat/cancel', requestId: activeRequest });
      else setEditing(false);
    } else if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.shiftKey && !event.altKey) {
      // On the first line Up recalls the question sent before, on the last line Down a later one, then the draft.
      const text = recall.step(event.key === 'ArrowUp', input.value, input.selectionStart ?? 0);
      if (text === undefined) return;
      event.preventDefault();
      input.value = text;
      input.setSelectionRange(text.length, text.length);
      saveDraft();
    } else if (event.key === '@' && (input.selectionStart === 0 || /\s/.test(input.value[(input.selectionStart ?? 1) - 1] ?? ' '))) {
      event.preventDefault();
      send({ type: 'context/pickFile' });
    }
  });
  input.addEventListener('input', () => {
    slash.update();
    saveDraft();
  });
  sendButton.addEventListener('click', submit);
  $<HTMLButtonElement>('new-chat').addEventListener('click', () => send({ type: 'chat/new' }));
  historyButton.addEventListener('click', () => toggleHistory());
  modelSelect.addEventListener('change', () => send({ type: 'model/select', model: modelSelect.value }));

  // Code block buttons and links, by delegation: nothing from the model carries a handler of its own.
  list.addEventListener('click', (event) => panels.onMessagesClick(event, codeAt));

  send({ type: 'webview/ready' });
})();
