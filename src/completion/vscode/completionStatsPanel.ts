// "Show Completion Stats": a small webview with the local statistics and a Reset button. Strict CSP: our
// nonce-tagged inline script only posts "reset"; the table is rendered here from numbers, escaped.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CompletionEngine } from '../common/engine';
import { statsRows } from '../common/statsTable';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const t = (message: string, ...args: (string | number)[]) => vscode.l10n.t(message, ...args);

export class CompletionStatsPanel {
  private panel?: vscode.WebviewPanel;
  private timer?: ReturnType<typeof setInterval>;
  /** The table last shown. */
  private rendered?: string;

  constructor(private readonly engine: Pick<CompletionEngine, 'stats'>) {}

  show(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal();
      this.render();
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel('phiLocal.completionStats', t('Phi Local: Completion Stats'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    this.panel = panel;
    panel.webview.onDidReceiveMessage((message: unknown) => {
      if (message && typeof message === 'object' && (message as { type?: unknown }).type === 'reset') {
        this.engine.stats.reset();
        this.render();
      }
    });
    // Live while open: the numbers change as you type elsewhere.
    this.timer = setInterval(() => panel.visible && this.render(), 2000);
    panel.onDidDispose(() => {
      clearInterval(this.timer);
      this.panel = undefined;
      this.rendered = undefined;
    });
    this.render();
    return panel;
  }

  private render(): void {
    if (!this.panel) return;
    const rows = statsRows(this.engine.stats.snapshot(), t)
      .map(([label, value]) => `<tr><th scope="row">${escape(label)}</th><td>${escape(value)}</td></tr>`)
      .join('');
    // Setting the HTML reloads the view: only when a number changed.
    if (rows === this.rendered) return;
    this.rendered = rows;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = `<!DOCTYPE html>
<html lang="${escape(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 12px; }
table { border-collapse: collapse; margin: 8px 0 12px; }
th { text-align: left; font-weight: normal; color: var(--vscode-descriptionForeground); padding: 3px 16px 3px 0; }
td { font-variant-numeric: tabular-nums; padding: 3px 0; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
p { color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<h2>${escape(t('Inline completions in this window'))}</h2>
<table>${rows}</table>
<p>${escape(t('Counted on this machine only; never sent anywhere.'))}</p>
<button type="button" id="reset">${escape(t('Reset'))}</button>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('reset').addEventListener('click', () => vscode.postMessage({ type: 'reset' }));
</script>
</body>
</html>`;
  }
}
