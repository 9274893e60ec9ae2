// Browser side of the chat view.
import type { ExtensionToWebview, WebviewToExtension } from '../core/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

(() => {
  const vscode = acquireVsCodeApi();
  const notice = document.getElementById('notice');
  window.addEventListener('message', (event: MessageEvent<ExtensionToWebview>) => {
    const message = event.data;
    if (message?.type === 'view/notice' && notice) notice.textContent = message.text;
  });
  vscode.postMessage({ type: 'webview/ready' });
})();
