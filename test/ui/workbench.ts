// Browser-level harness: code-server with the packaged VSIX installed (no smoke-test driver, so toasts show),
// the Ollama double in this process, and headless Chromium driven by playwright-core.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { OllamaDouble } from '../support/ollama-double';

const root = path.resolve(__dirname, '..', '..', '..');
export const VSIX = path.join(root, '.cache', 'phi-local-test.vsix');

interface LauncherModule {
  startCodeServer(options: {
    userDataDir: string;
    extensionsDir: string;
    smokeTestDriver?: boolean;
    workspaceTrust?: boolean;
    settings?: Record<string, unknown>;
    installExtension?: string;
    log?: (line: string) => void;
  }): Promise<{ url: string; port: number; stop(): Promise<void> }>;
  launchChromium(): Promise<Browser>;
}

export interface Workbench {
  page: Page;
  /** code-server's address. */
  url: string;
  double: OllamaDouble;
  workspace: string;
  close(): Promise<void>;
}

export const UI_SETTINGS = {
  // VS Code asks no extension for automatic inline suggestions while AI features are disabled.
  'chat.disableAIFeatures': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.parameterHints.enabled': false,
  'editor.suggestOnTriggerCharacters': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'workbench.colorTheme': 'Default Dark Modern',
  'window.commandCenter': false,
};

export async function openWorkbench(
  options: { files?: Record<string, string>; settings?: Record<string, unknown>; restricted?: boolean } = {},
): Promise<Workbench> {
  const launcher = (await import(pathToFileURL(path.join(root, 'scripts', 'code-server-launcher.mjs')).href)) as LauncherModule;
  const double = new OllamaDouble();
  await double.start();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'phi-local-ui-'));
  const workspace = path.join(base, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  for (const [name, text] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
    fs.writeFileSync(path.join(workspace, name), text);
  }
  const server = await launcher.startCodeServer({
    userDataDir: path.join(base, 'user-data'),
    extensionsDir: path.join(base, 'extensions'),
    installExtension: VSIX,
    // Restricted Mode: workspace trust on, and the folder opens untrusted without asking.
    workspaceTrust: options.restricted,
    settings: {
      ...UI_SETTINGS,
      'phiLocal.ollama.host': double.url,
      ...(options.restricted
        ? {
            'security.workspace.trust.enabled': true,
            'security.workspace.trust.startupPrompt': 'never',
            'security.workspace.trust.emptyWindow': false,
          }
        : {}),
      ...options.settings,
    },
  });
  const browser = await launcher.launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return {
    page,
    url: server.url,
    double,
    workspace,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.stop();
      await double.stop();
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Runs a command from the palette by its title, retrying while contributions load. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 3000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw error;
    }
  }
}

/** Where UI tests save pictures of the UI: the README's images with `npm run screenshots`, else a cache folder. */
export const SCREENSHOTS =
  process.env.PHI_LOCAL_UPDATE_SCREENSHOTS === '1' ? path.join(root, 'docs', 'images') : path.join(root, '.cache', 'screenshots');

/** After a failed test, saves what the browser showed to .cache/ui-failures/ for a person to look at. */
export async function keepFailureScreenshot(context: Mocha.Context, workbench: Workbench | undefined): Promise<void> {
  if (!workbench || context.currentTest?.state !== 'failed') return;
  const folder = path.join(root, '.cache', 'ui-failures');
  fs.mkdirSync(folder, { recursive: true });
  const name = (context.currentTest.fullTitle() ?? 'test').replace(/[^\w-]+/g, '-').slice(0, 80);
  await workbench.page.screenshot({ path: path.join(folder, `${name}.png`) }).catch(() => undefined);
  const requests = workbench.double.requests.map((r) => ({
    id: r.id,
    path: r.path,
    completed: r.completed,
    disconnected: r.disconnected,
    body: r.body,
  }));
  fs.writeFileSync(path.join(folder, `${name}.requests.json`), JSON.stringify(requests, null, 2));
}

/** The document inside the chat webview view. */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/**
 * Runs Phi Local: New Chat and waits until the view shows the new conversation, so that what the test types
 * next goes into it (and is not stopped by the command arriving late).
 */
export async function newChat(page: Page): Promise<FrameLocator> {
  const frame = chatFrame(page);
  const shown = (timeout: number) => frame.locator('#messages').getAttribute('data-conversation', { timeout });
  // The view may not be open yet: then any conversation it shows is the new one.
  const before = await shown(1000).catch(() => null);
  await runCommand(page, 'Phi Local: New Chat');
  const deadline = Date.now() + 30_000;
  while ((await shown(30_000)) === before) {
    if (Date.now() > deadline) throw new Error('the chat view did not show a new conversation');
    await page.waitForTimeout(100);
  }
  return frame;
}

/** Opens a workspace file in the editor through Quick Open. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.monaco-editor[data-uri$="${name}"]`).first().waitFor();
}

/** Waits until a file on disk satisfies `check`. */
export async function waitForFile(file: string, check: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (check(text)) return text;
    if (Date.now() > deadline) throw new Error(`${file} never matched; it has:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Registers the suite's hooks: a workbench opened before the tests (phi4 already loaded unless told
 * otherwise), a picture kept of each failure, everything closed after. Returns a getter for the workbench.
 */
export function useWorkbench(
  files: Record<string, string>,
  options: { loaded?: boolean; restricted?: boolean; settings?: Record<string, unknown> } = {},
): () => Workbench {
  let workbench: Workbench | undefined;
  before(async () => {
    workbench = await openWorkbench({ files, restricted: options.restricted, settings: options.settings });
    if (options.loaded !== false) workbench.double.setModel('phi4', { loaded: true });
  });
  afterEach(async function () {
    await keepFailureScreenshot(this, workbench);
  });
  after(async () => {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not open');
    return workbench;
  };
}
