// The chat webview's HTML: a strict Content Security Policy (nothing but our nonce-tagged script and our
// stylesheet), and the translated labels the script shows, passed as data.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

const labels = () => ({
  copy: vscode.l10n.t('Copy'),
  copied: vscode.l10n.t('Copied'),
  insert: vscode.l10n.t('Insert'),
  apply: vscode.l10n.t('Apply'),
  send: vscode.l10n.t('Send'),
  stop: vscode.l10n.t('Stop'),
  sendHint: vscode.l10n.t('Send (Enter)'),
  stopHint: vscode.l10n.t('Stop the answer'),
  you: vscode.l10n.t('You'),
  assistant: vscode.l10n.t('Phi Local'),
  stopped: vscode.l10n.t('Stopped.'),
  remove: vscode.l10n.t('Remove'),
  rename: vscode.l10n.t('Rename'),
  delete: vscode.l10n.t('Delete'),
  addFile: vscode.l10n.t('@ Context'),
  addFileHint: vscode.l10n.t('Add problems, changes, the last terminal command or a file as context (or type @)'),
  instructionsHint: vscode.l10n.t("The project's instructions go with every question. Remove to leave them out until the file changes."),
  currentFile: vscode.l10n.t('+ Current file'),
  noHistory: vscode.l10n.t('No earlier chats yet.'),
  copyAnswer: vscode.l10n.t('Copy answer'),
  edit: vscode.l10n.t('Edit'),
  editHint: vscode.l10n.t('Edit this question and ask it again in place of the last answer (Escape leaves editing)'),
  regenerate: vscode.l10n.t('Regenerate'),
  statsFirstToken: vscode.l10n.t('first token {0} s'),
  statsSpeed: vscode.l10n.t('{0} tokens/s'),
  statsPrompt: vscode.l10n.t('{0} prompt tokens'),
  contextGauge: vscode.l10n.t('{0} of {1} context tokens'),
  contextWarning: vscode.l10n.t('Nearly full: the oldest turns will soon be left out. A new chat keeps everything in view.'),
  invisible: vscode.l10n.t('This code contains invisible or direction-changing characters (marked U+…): it may not do what it looks like.'),
  'action.retry': vscode.l10n.t('Retry'),
  'action.pullModel': vscode.l10n.t('Pull model'),
  'action.selectModel': vscode.l10n.t('Select model'),
  'action.toggleCompletions': vscode.l10n.t('Toggle inline completions'),
  'action.snooze': vscode.l10n.t('Snooze inline completions'),
  'action.openSettings': vscode.l10n.t('Open settings'),
  'action.showLog': vscode.l10n.t('Show log'),
  'action.installOllama': vscode.l10n.t('How to start Ollama'),
  'action.setApiKey': vscode.l10n.t('Set API key'),
});

/** Escapes text for an HTML attribute or element. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'chat.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escape(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Phi Local Chat</title>
</head>
<body data-labels="${escape(JSON.stringify(labels()))}">
<header class="toolbar">
  <label class="model-label">${escape(vscode.l10n.t('Model'))} <select id="model" aria-label="${escape(vscode.l10n.t('Chat model'))}"></select></label>
  <button type="button" id="history-button" aria-expanded="false" aria-controls="history">${escape(vscode.l10n.t('History'))}</button>
  <button type="button" id="new-chat">${escape(vscode.l10n.t('New chat'))}</button>
</header>
<nav id="history" class="history" hidden aria-label="${escape(vscode.l10n.t('Earlier chats'))}"><input id="history-search" type="search" placeholder="${escape(vscode.l10n.t('Search chats'))}" aria-label="${escape(vscode.l10n.t('Search chats'))}"><div id="history-list"></div></nav>
<div id="banner" class="banner" role="status" hidden></div>
<main id="messages" class="messages" role="log" aria-live="polite" aria-label="${escape(vscode.l10n.t('Conversation'))}"></main>
<div id="notice" class="notice" role="status" hidden></div>
<footer class="composer">
  <div id="chips" class="chips" aria-label="${escape(vscode.l10n.t('Context'))}"></div>
  <div id="slash-list" class="slash-list" role="listbox" hidden aria-label="${escape(vscode.l10n.t('Commands and prompts'))}"></div>
  <div id="context-gauge" class="context-gauge" role="meter" aria-valuemin="0" aria-label="${escape(vscode.l10n.t('Context window'))}"><div class="gauge-bar"><div class="gauge-fill"></div></div><span class="gauge-text"></span></div>
  <div class="input-row">
    <textarea id="input" rows="3" placeholder="${escape(vscode.l10n.t('Ask Phi-4 about your code (Enter to send, Shift+Enter for a new line, @ to add context, / for commands)'))}" aria-label="${escape(vscode.l10n.t('Question'))}" aria-autocomplete="list" aria-controls="slash-list"></textarea>
    <button type="button" id="send">${escape(vscode.l10n.t('Send'))}</button>
  </div>
</footer>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
