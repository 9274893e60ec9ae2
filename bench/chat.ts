// npm run bench:chat — streams a 5,000-token answer with code blocks into the real chat webview bundle in
// Chromium, one message per token, and times each chunk: handling plus layout (forced), on the main thread.
// Flat per-chunk cost means only the open block is re-rendered. Writes bench/results/chat.json.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { percentile } from '../src/completion/common/completionStats';
import { tokenize } from '../test/support/ollama-double';

const root = path.resolve(__dirname, '..', '..');

/** A long answer of prose, lists and code blocks, like a chat model writes. */
function answer(tokens: number): string {
  const parts: string[] = [];
  let i = 0;
  while (tokenize(parts.join('')).length < tokens) {
    i++;
    parts.push(
      `### Step ${i}\n\nThe function \`handle${i}\` reads the **configuration**, validates it and returns a result. See [the docs](https://example.com/docs/${i}).\n\n` +
        `- it checks the input\n- it logs what it skipped\n- it returns early on errors\n\n` +
        '```ts\n' +
        `export function handle${i}(input: Record<string, string>): Result<number> {\n  const value = Number(input.value ?? '0');\n  if (Number.isNaN(value)) return { ok: false, error: 'not a number' };\n  for (const [key, raw] of Object.entries(input)) {\n    if (!raw.trim()) console.warn(\`skipping \${key}\`);\n  }\n  return { ok: true, value: value * ${i} };\n}\n` +
        '```\n\n',
    );
  }
  return parts.join('');
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(root, 'esbuild.js'), '--production'], { cwd: root, stdio: 'inherit' });
  const bundle = fs.readFileSync(path.join(root, 'dist', 'webview.js'), 'utf8');
  const css = fs.readFileSync(path.join(root, 'media', 'chat.css'), 'utf8');
  const launcher = (await import(pathToFileURL(path.join(root, 'scripts', 'code-server-launcher.mjs')).href)) as {
    launchChromium(): Promise<Browser>;
  };
  const browser = await launcher.launchChromium();
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  const labels = JSON.stringify({ copy: 'Copy', insert: 'Insert', apply: 'Apply', send: 'Send', stop: 'Stop' }).replace(/"/g, '&quot;');
  await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body data-labels="${labels}">
<header class="toolbar"><select id="model"></select><button id="history-button"></button><button id="new-chat"></button></header>
<nav id="history" hidden></nav><div id="banner" hidden></div><main id="messages" class="messages"></main><div id="notice" hidden></div>
<footer class="composer"><div id="chips"></div><textarea id="input"></textarea><button id="send"></button></footer></body></html>`);
  await page.evaluate('window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return {}; }, setState() {} })');
  await page.addScriptTag({ content: bundle });
  const text = answer(5000);
  const tokens = tokenize(text).slice(0, 5000);
  const times = (await page.evaluate(
    `(async (tokens) => {
      const send = (data) => window.dispatchEvent(new MessageEvent('message', { data }));
      send({ type: 'view/state', state: { conversationId: 'c', title: 't', messages: [], history: [], models: ['phi4'], model: 'phi4', chips: [], banner: '', busy: false } });
      send({ type: 'chat/start', requestId: 'r', user: { id: 'u', role: 'user', content: 'Explain', status: 'done' }, assistantId: 'a' });
      const times = [];
      for (const token of tokens) {
        const started = performance.now();
        send({ type: 'chat/chunk', requestId: 'r', text: token });
        void document.body.offsetHeight; // layout, as the next paint would need it
        times.push(performance.now() - started);
        if (times.length % 50 === 0) await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      }
      send({ type: 'chat/done', requestId: 'r', stopped: false });
      return times;
    })(${JSON.stringify(tokens)})`,
  )) as number[];
  const blocks = await page.locator('.code-block').count();
  await browser.close();
  const tenth = Math.floor(times.length / 10);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const first = mean(times.slice(0, tenth));
  const last = mean(times.slice(-tenth));
  // The first tenth includes the JIT warming up; the second tenth is the fairer baseline.
  const second = mean(times.slice(tenth, 2 * tenth));
  const report = {
    date: new Date().toISOString(),
    chunks: times.length,
    codeBlocks: blocks,
    medianMs: Math.round((percentile(times, 50) ?? 0) * 1000) / 1000,
    p95Ms: Math.round((percentile(times, 95) ?? 0) * 1000) / 1000,
    firstTenthMeanMs: Math.round(first * 1000) / 1000,
    lastTenthMeanMs: Math.round(last * 1000) / 1000,
    lastToFirstRatio: Math.round((last / first) * 100) / 100,
    secondTenthMeanMs: Math.round(second * 1000) / 1000,
    lastToSecondRatio: Math.round((last / second) * 100) / 100,
    totalMs: Math.round(times.reduce((a, b) => a + b, 0)),
  };
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', 'chat.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    [
      '| Chat streaming benchmark (Chromium, 5,000 tokens, one message per token) | Value |',
      '|---|---|',
      `| Chunks / code blocks rendered | ${report.chunks} / ${report.codeBlocks} |`,
      `| Per-chunk handling + layout, median / p95 | ${report.medianMs} / ${report.p95Ms} ms |`,
      `| Mean of the last 10 % of chunks ÷ mean of the first 10 % | ${report.lastToFirstRatio} (${report.lastTenthMeanMs} / ${report.firstTenthMeanMs} ms) |`,
      `| Same against the second 10 % (after JIT warm-up) | ${report.lastToSecondRatio} (${report.lastTenthMeanMs} / ${report.secondTenthMeanMs} ms) |`,
      `| Total | ${report.totalMs} ms |`,
    ].join('\n'),
  );
}

void main();
