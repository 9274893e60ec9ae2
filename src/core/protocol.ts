// Messages between the chat webview and the extension: discriminated unions with `area/verb` names and a
// runtime guard for everything the (untrusted) webview sends.

export type WebviewToExtension = { readonly type: 'webview/ready' };

export type ExtensionToWebview = { readonly type: 'view/notice'; readonly text: string };

/** Largest message accepted from the webview, in characters of its JSON form. */
export const MAX_WEBVIEW_MESSAGE = 256 * 1024;

/** Returns the message when it is a well-formed WebviewToExtension message, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewToExtension | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  let size: number;
  try {
    size = JSON.stringify(value).length;
  } catch {
    return undefined;
  }
  if (size > MAX_WEBVIEW_MESSAGE) return undefined;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'webview/ready':
      return Object.keys(message).length === 1 ? { type: 'webview/ready' } : undefined;
    default:
      return undefined;
  }
}
