// npm run bench:completion — replays typing sessions through the real completion pipeline (engine, prompt,
// cleanup, the real `ollama` client over HTTP) against the Ollama double paced like phi4 on an RTX 4090 and on
// an M-series laptop (`--profile rtx4090|laptop`; both by default), for five prompt layouts (`--layouts a,b` for
// some): today's (the marker for the typed part of the line, the typed text only in the answer), the previous
// one (the marker at the cursor, a short suffix after it), 0.1's (the whole 15-line suffix after the marker),
// the code after the cursor first, and a naive one (cursor text first, window re-sent). Also the first ghost
// text after opening a 2,000-line file, with and without the cache warm-up. Today's layout runs a second time
// against the double speaking the OpenAI-compatible API as vLLM does, through the OpenAI-compatible backend
// (`--backends ollama,openai`; both by default). Writes bench/results/completion.json and prints a Markdown
// table for the README.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { rankSnippets } from '../src/completion/common/relatedFiles';
import { CompletionEngine } from '../src/completion/common/engine';
import { buildCompletionPrompt, HOLE, type PromptInput } from '../src/completion/common/completionPrompt';
import { layoutPrompt, SYSTEM_PROMPT } from './promptLayouts';
import { DEFAULT_WINDOW, linePrefixOf, planWindow, type CompletionSnapshot } from '../src/completion/common/snapshot';
import { cleanup } from '../src/completion/common/transforms';
import { finish } from '../src/completion/common/lineFit';
import { percentile } from '../src/completion/common/completionStats';
import { TypingRhythm } from '../src/completion/common/typingRhythm';
import { OllamaClient } from '../src/platform/ollama/node/ollamaClient';
import { OpenAiClient } from '../src/platform/openai/node/openaiClient';
import type { ModelBackend } from '../src/platform/backend/common/modelBackend';
import { OllamaDouble, type RecordedRequest } from '../test/support/ollama-double';
import { PHI4_FORMAT, type CompletionPrompt, type PromptFormat } from '../src/platform/backend/common/modelTypes';
import { collectText } from '../test/support/streams';

const root = path.resolve(__dirname, '..', '..');
const FIXTURES = [
  { file: 'bench/fixtures/client.ts.txt', languageId: 'typescript', path: 'src/ollama/client.ts' },
  { file: 'bench/fixtures/inventory.py', languageId: 'python', path: 'inventory/service.py' },
  { file: 'bench/fixtures/scheduler.go', languageId: 'go', path: 'scheduler/scheduler.go' },
];
const LINES_PER_FILE = Number(process.env.BENCH_LINES ?? 8);
const DEBOUNCE_MS = 200;
/**
 * Pacing profiles. rtx4090: phi4 Q4 on an RTX 4090 (prompt ≈3,900 tok/s, ≈70 tok/s generated). laptop: an
 * assumption derived from llama.cpp's published Apple Silicon figures for 7B Q4 (M-series Pro), halved for 14B:
 * prompt ≈450 tok/s, ≈20 tok/s generated, 300 ms per request.
 */
const PROFILES = {
  rtx4090: { promptTokensPerSecond: 3900, tokensPerSecond: 70, overheadMs: 150, ttftMs: 0, loadMs: 0 },
  laptop: { promptTokensPerSecond: 450, tokensPerSecond: 20, overheadMs: 300, ttftMs: 0, loadMs: 0 },
} as const;
type Profile = keyof typeof PROFILES;
type Layout = 'typedLast' | 'nearSuffix' | 'hole' | 'suffixFirst' | 'naive';
const LAYOUTS: readonly Layout[] = ['typedLast', 'nearSuffix', 'hole', 'suffixFirst', 'naive'];
/** Tokens of a first useful line, for the latency limit. */
const FIRST_LINE_TOKENS = 12;
const phi4: PromptFormat = PHI4_FORMAT;

/** Which protocol and client: Ollama's, or the OpenAI-compatible one (vLLM-style double, the openai client). */
type Backend = 'ollama' | 'openai';
const BACKENDS: readonly Backend[] = ['ollama', 'openai'];

/** The double paced for `profile`, speaking `backend`'s protocol, phi4 loaded, and the client for it. */
async function serve(
  profile: Profile,
  backend: Backend,
): Promise<{ double: OllamaDouble; client: ModelBackend; model: string; path: string }> {
  const double = new OllamaDouble({ pacing: PROFILES[profile], slots: 1, protocol: backend });
  await double.start();
  double.setModel('phi4', { loaded: true });
  if (backend === 'openai') {
    const client = new OpenAiClient({ baseUrl: `${double.url}/v1`, contextLength: 8192 });
    return { double, client, model: 'microsoft/phi-4', path: '/v1/completions' };
  }
  const client = new OllamaClient({ host: double.url, headers: {}, keepAlive: '30m', numCtx: 8192 });
  return { double, client, model: 'phi4', path: '/api/generate' };
}

/** A one-token request: a cache warm-up (num_predict 1 with Ollama, max_tokens 1 with the OpenAI API). */
function isWarmUp(request: RecordedRequest): boolean {
  const body = request.body as { options?: { num_predict?: number }; max_tokens?: number };
  return body.options?.num_predict === 1 || body.max_tokens === 1;
}

/** Deterministic pseudo-random numbers, so every run types the same way. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Doc {
  lines: string[];
  constructor(
    text: string,
    readonly languageId: string,
    readonly relativePath: string,
  ) {
    this.lines = text.split('\n');
  }
  get text(): string {
    return this.lines.join('\n');
  }
  snapshot(line: number, character: number, limits = DEFAULT_WINDOW, snap = true): CompletionSnapshot {
    const window = planWindow(line, this.lines.length, limits);
    const start = snap ? window.startLine : Math.max(0, line - limits.prefixLines);
    const before = this.lines.slice(start, line).join('\n');
    const prefix = (line > start ? `${before}\n` : '') + this.lines[line].slice(0, character);
    const after = [this.lines[line].slice(character), ...this.lines.slice(line + 1, window.endLine + 1)].join('\n');
    return {
      prefix,
      suffix: after,
      languageId: this.languageId,
      relativePath: this.relativePath,
      line,
      character,
      windowStartLine: start,
      documentLength: this.text.length,
    };
  }
}

/** The layout peers use: the cursor's text first, then the window around it re-sent as a whole. */
function naivePrompt(input: PromptInput, style: PromptFormat): CompletionPrompt {
  const ours = layoutPrompt(input, style, 'hole');
  const { snapshot } = input;
  const linePrefix = linePrefixOf(snapshot);
  const sep = style.kind === 'chatml' ? style.roleSeparator : '\n';
  const user = `Complete the line \`${linePrefix.trim()}\` at ${HOLE} (line ${snapshot.line + 1} of \`${snapshot.relativePath}\`):\n\`\`\`\n${snapshot.prefix}${HOLE}${snapshot.suffix}\n\`\`\``;
  const prompt = `<|im_start|>user${sep}${user}<|im_end|>\n<|im_start|>system${sep}${SYSTEM_PROMPT}<|im_end|>\n<|im_start|>assistant${sep}\`\`\`\n${linePrefix}`;
  return { ...ours, prompt };
}

interface Pause {
  startedAt: number;
  shownAt?: number;
}

interface LayoutResult {
  profile: Profile;
  backend: Backend;
  layout: Layout;
  keystrokes: number;
  pauses: number;
  requests: number;
  requestsPerPause: number;
  abortedRequests: number;
  tokensGeneratedForAborted: number;
  sharedPrefixMean: number;
  sharedPrefixP50: number;
  promptEvalMsTotal: number;
  promptEvalMsSaved: number;
  cacheHits: number;
  typedAheadHits: number;
  inFlightHits: number;
  accepted: number;
  pauseToGhostP50?: number;
  pauseToGhostP90?: number;
  pauseToGhostP95?: number;
  shownPauses: number;
  /** Prompt tokens per request the double's slot cache could not reuse. */
  uncachedP50?: number;
  uncachedP95?: number;
  /** Requests on the same line as the one before (typing on a line), and the uncached tokens of those and of the rest. */
  sameLineRequests: number;
  uncachedSameLineP50?: number;
  uncachedNewLineP50?: number;
  /** What the model needs for a first line at the median uncached count: overhead + evaluation + 12 tokens. */
  limitP50Ms: number;
  /** Pause → ghost text divided by that pause's own limit (the uncached tokens of the request that served it). */
  ratioToLimitP50?: number;
  ratioToLimitP90?: number;
  /** Shared prompt prefix of the requests made while typing on one line (the goal's case). */
  sharedPrefixSameLineP50?: number;
  /** GPU time: evaluation of the prompt tokens the runner got through plus generation; wasted = requests closed
   *  before their end. */
  gpuSeconds: number;
  gpuSecondsWasted: number;
  /** Of the wasted time, what no later request used: the closed requests' generation, and their evaluated prompt
   *  tokens beyond what the next request found in the slot's cache. */
  gpuSecondsLost: number;
}

async function replay(profile: Profile, layout: Layout, backend: Backend): Promise<LayoutResult> {
  const pacing = PROFILES[profile];
  const { double, client, model: modelName, path: completionPath } = await serve(profile, backend);
  const rand = random(42);
  let trueLine = '';
  let typedOnLine = '';
  // The "model": right about the rest of the line two times in three, otherwise plausible but wrong.
  double.replyFor = () => {
    const rest = trueLine.slice(typedOnLine.length);
    if (rest && rand() < 0.67) return `${rest}\n<|im_end|>`;
    return 'value = compute(input)\n<|im_end|>';
  };
  const sources = { inFlight: 0, model: 0 };
  // The line each model request was for, in request order: typing on one line vs. the first request on a line.
  let currentLine = -1;
  const requestLines: number[] = [];
  // When each model request was sent, in the same order: the request behind a pause's ghost text.
  const requestTimes: number[] = [];
  const engine = new CompletionEngine({
    now: () => performance.now(),
    buildPrompt: layout === 'naive' ? naivePrompt : (input, style) => layoutPrompt(input, style, layout),
    stream: (prompt, model, signal) => {
      requestLines.push(currentLine);
      requestTimes.push(performance.now());
      return client.complete(prompt, model, signal);
    },
  });
  const typing = random(7);
  // The debounce follows the typing rhythm, as in the extension (the setting is the minimum).
  const rhythm = new TypingRhythm();
  const pauses: Pause[] = [];
  let keystrokes = 0;
  let accepted = 0;

  for (const fixture of FIXTURES) {
    const original = fs.readFileSync(path.join(root, fixture.file), 'utf8');
    const doc = new Doc(original, fixture.languageId, fixture.path);
    // A session writes consecutive lines of one region, as when writing a function: the lines of the middle
    // third of the file that have code, one after the other.
    const from = Math.floor(doc.lines.length / 3);
    const chosen = doc.lines
      .map((text, index) => ({ text, index }))
      .filter(
        ({ text, index }) => index >= from && text.trim().length >= 12 && text.trim().length <= 80 && !/^\s*(\/\/|#|"""|\*)/.test(text),
      )
      .slice(0, LINES_PER_FILE);
    for (const { text, index } of chosen) {
      const indent = /^\s*/.exec(text)?.[0] ?? '';
      currentLine = index + 10000 * FIXTURES.indexOf(fixture);
      trueLine = text.slice(indent.length);
      typedOnLine = '';
      doc.lines[index] = indent;
      let controller = new AbortController();
      let pause: Pause | undefined;
      let lastShown: string | undefined;
      const ask = () => {
        controller.abort(); // VS Code cancels the previous call on every keystroke
        controller = new AbortController();
        const snapshot = doc.snapshot(index, doc.lines[index].length, DEFAULT_WINDOW, layout !== 'naive');
        const current = pause;
        const typedAtAsk = typedOnLine;
        void engine
          .complete({
            snapshot,
            model: modelName,
            style: phi4,
            snippets: [],
            numCtx: 8192,
            debounceMs: rhythm.debounce(DEBOUNCE_MS),
            signal: controller.signal,
          })
          .then((result) => {
            if (!('text' in result) || typedAtAsk !== typedOnLine) return;
            if (result.source === 'inFlight') sources.inFlight++;
            if (current && current.shownAt === undefined) current.shownAt = performance.now();
            lastShown = result.text;
          });
      };
      while (typedOnLine.length < trueLine.length) {
        // A right suggestion is taken with Tab three times in five; otherwise the user types along it.
        if (lastShown && trueLine.slice(typedOnLine.length) === lastShown && typing() < 0.6) {
          typedOnLine = trueLine;
          doc.lines[index] = indent + typedOnLine;
          engine.recordAccepted();
          accepted++;
          break;
        }
        const ch = trueLine[typedOnLine.length];
        typedOnLine += ch;
        doc.lines[index] = indent + typedOnLine;
        keystrokes++;
        lastShown = undefined;
        // ≈8 chars/s, with the pauses people make after a word or a symbol (thinking, reading the ghost text).
        const natural = (ch === ' ' && typing() < 0.35) || (/[.(,=:]/.test(ch) && typing() < 0.3);
        const gap = natural ? 400 + typing() * 1100 : 80 + typing() * 90;
        if (gap >= DEBOUNCE_MS) {
          pause = { startedAt: performance.now() };
          pauses.push(pause);
        } else pause = undefined;
        rhythm.keystroke(performance.now());
        ask();
        await sleep(gap);
      }
      // End of line: a longer pause, then the next line.
      controller.abort();
      await sleep(400);
      doc.lines[index] = text;
    }
  }
  await sleep(500);
  engine.abortInFlight('bench end');
  await sleep(100);
  const generates = double.requestsTo(completionPath);
  await double.stop();
  const shared = generates.map((r: RecordedRequest) => (r.promptEvalCount ? r.cachedPromptTokens / r.promptEvalCount : 0));
  const aborted = generates.filter((r) => r.disconnected);
  const shownTimes = pauses.filter((p) => p.shownAt !== undefined).map((p) => (p.shownAt as number) - p.startedAt);
  const fullEvalMs = generates.reduce((sum, r) => sum + (r.promptEvalCount * 1000) / pacing.promptTokensPerSecond, 0);
  const uncached = generates.map((r) => r.promptEvalCount - r.cachedPromptTokens);
  const onSameLine = (_: unknown, i: number) => i > 0 && requestLines[i] === requestLines[i - 1];
  const sameLine = uncached.filter(onSameLine);
  const newLine = uncached.filter((x, i) => !onSameLine(x, i));
  const evaluatedMs = (r: RecordedRequest) => (r.evaluatedPromptTokens * 1000) / pacing.promptTokensPerSecond;
  const generatedMs = (r: RecordedRequest) => (r.evalCount * 1000) / pacing.tokensPerSecond;
  const gpuMs = (r: RecordedRequest) => evaluatedMs(r) + generatedMs(r);
  // A closed request's evaluation is not lost when the next request starts from it (Ollama keeps it in the slot).
  const lostMs = (r: RecordedRequest, next?: RecordedRequest) => {
    const reused = next
      ? Math.max(0, Math.min(next.cachedPromptTokens, r.cachedPromptTokens + r.evaluatedPromptTokens) - r.cachedPromptTokens)
      : 0;
    return ((r.evaluatedPromptTokens - reused) * 1000) / pacing.promptTokensPerSecond + generatedMs(r);
  };
  const uncachedP50 = percentile(uncached, 50) ?? 0;
  const limitMs = (tokens: number) =>
    pacing.overheadMs + (tokens * 1000) / pacing.promptTokensPerSecond + (FIRST_LINE_TOKENS * 1000) / pacing.tokensPerSecond;
  // Each shown pause against its own limit: the first line given the uncached tokens of the request that was
  // running or last sent when the ghost text appeared (a pause served from an earlier answer has that one's).
  const pauseRatios = pauses
    .filter((p) => p.shownAt !== undefined)
    .map((p) => {
      const shownAt = p.shownAt as number;
      let served = requestTimes.length - 1;
      while (served >= 0 && requestTimes[served] > shownAt) served--;
      return (shownAt - p.startedAt) / limitMs(uncached[served] ?? uncachedP50);
    });
  const sharedSameLine = shared.filter(onSameLine);
  const evalMs = generates.reduce((sum, r) => sum + r.promptEvalMs, 0);
  const stats = engine.stats.snapshot();
  const round = (x: number | undefined, digits = 1) => (x === undefined ? undefined : Math.round(x * 10 ** digits) / 10 ** digits);
  return {
    profile,
    backend,
    layout,
    keystrokes,
    pauses: pauses.length,
    requests: generates.length,
    requestsPerPause: round(generates.length / Math.max(1, pauses.length), 2) as number,
    abortedRequests: aborted.length,
    tokensGeneratedForAborted: aborted.reduce((sum, r) => sum + r.evalCount, 0),
    sharedPrefixMean: round((shared.reduce((a, b) => a + b, 0) / Math.max(1, shared.length)) * 100) as number,
    sharedPrefixP50: round((percentile(shared, 50) ?? 0) * 100) as number,
    promptEvalMsTotal: Math.round(evalMs),
    promptEvalMsSaved: Math.round(fullEvalMs - evalMs),
    cacheHits: stats.cacheHits,
    typedAheadHits: stats.typedAheadHits,
    inFlightHits: sources.inFlight,
    accepted,
    pauseToGhostP50: round(percentile(shownTimes, 50), 0),
    pauseToGhostP90: round(percentile(shownTimes, 90), 0),
    pauseToGhostP95: round(percentile(shownTimes, 95), 0),
    shownPauses: shownTimes.length,
    uncachedP50: round(percentile(uncached, 50), 0),
    uncachedP95: round(percentile(uncached, 95), 0),
    sameLineRequests: sameLine.length,
    uncachedSameLineP50: round(percentile(sameLine, 50), 0),
    uncachedNewLineP50: round(percentile(newLine, 50), 0),
    limitP50Ms: Math.round(limitMs(uncachedP50)),
    ratioToLimitP50: round(percentile(pauseRatios, 50), 2),
    ratioToLimitP90: round(percentile(pauseRatios, 90), 2),
    sharedPrefixSameLineP50: round((percentile(sharedSameLine, 50) ?? 0) * 100),
    gpuSeconds: round(generates.reduce((sum, r) => sum + gpuMs(r), 0) / 1000, 2) as number,
    gpuSecondsWasted: round(aborted.reduce((sum, r) => sum + gpuMs(r), 0) / 1000, 2) as number,
    gpuSecondsLost: round(
      generates.reduce((sum, r, i) => (r.disconnected ? sum + lostMs(r, generates[i + 1]) : sum), 0) / 1000,
      2,
    ) as number,
  };
}

/** What a user waits for after opening a large file: the cache is cold, the whole prompt is evaluated once. */
interface ColdOpenResult {
  profile: Profile;
  backend: Backend;
  warmUp: boolean;
  /** The user reads this long before typing. */
  readMs: number;
  /** Opening → the user's first pause: they read, then type three characters. */
  firstPauseAfterOpenMs: number;
  pauseToGhostMs?: number;
  promptTokens: number;
  /** Prompt tokens the first real request found in the cache (put there by the warm-up). */
  cachedAtFirstRequest: number;
}

/** The user looks at the file this long after opening it before typing (the warm-up settles after 1 s). */
const READ_MS = [3000, 8000];

async function coldOpen(profile: Profile, warmUp: boolean, readMs: number, backend: Backend): Promise<ColdOpenResult> {
  const { double, client, model: modelName, path: completionPath } = await serve(profile, backend);
  const parts = FIXTURES.map((f) => fs.readFileSync(path.join(root, f.file), 'utf8'));
  let big = '';
  while (big.split('\n').length < 2000) big += `${parts[0]}\n`;
  const doc = new Doc(big.split('\n').slice(0, 2000).join('\n'), 'typescript', 'src/ollama/client.ts');
  // Other open files give related code, as in the extension.
  const candidates = parts.slice(1).map((text, i) => ({ path: FIXTURES[i + 1].path, text, imported: i === 0 }));
  // The cursor goes to a code line in the middle; the user rewrites its end.
  let index = 1000;
  while (doc.lines[index].trim().length < 16) index++;
  const original = doc.lines[index];
  const keep = original.length - 8;
  const trueRest = original.slice(keep);
  double.replyFor = () => `${original.slice(doc.lines[index].length)}\n<|im_end|>`;
  const engine = new CompletionEngine({
    now: () => performance.now(),
    stream: (prompt, model, signal) => client.complete(prompt, model, signal),
  });
  // The extension keeps its choice of snippets while the cursor stays in a block of 16 lines.
  const snippets = rankSnippets(candidates, doc.lines.slice(Math.max(0, index - 12), index + 2).join('\n'), 1600);
  const request = () => ({ snapshot: doc.snapshot(index, doc.lines[index].length), model: modelName, style: phi4, snippets, numCtx: 8192 });
  const opened = performance.now();
  doc.lines[index] = original.slice(0, keep);
  if (warmUp) {
    await sleep(1000); // the warmer settles after focus, then sends the prompt at the cursor
    engine.warm(request());
    await sleep(readMs - 1000);
  } else await sleep(readMs);
  // Three characters at ≈8 chars/s, then a pause.
  let controller = new AbortController();
  let shownAt: number | undefined;
  let pauseAt = 0;
  for (let i = 0; i < 3; i++) {
    doc.lines[index] += trueRest[i];
    controller.abort();
    controller = new AbortController();
    pauseAt = performance.now();
    const typed = doc.lines[index];
    void engine.complete({ ...request(), debounceMs: DEBOUNCE_MS, signal: controller.signal }).then((result) => {
      if ('text' in result && typed === doc.lines[index] && shownAt === undefined) shownAt = performance.now();
    });
    if (i < 2) await sleep(125);
  }
  const deadline = performance.now() + 30000;
  while (shownAt === undefined && performance.now() < deadline) await sleep(20);
  engine.abortInFlight('bench end');
  await sleep(50);
  const real = double.requestsTo(completionPath).filter((r) => !isWarmUp(r));
  await double.stop();
  return {
    profile,
    backend,
    warmUp,
    readMs,
    firstPauseAfterOpenMs: Math.round(pauseAt - opened),
    pauseToGhostMs: shownAt === undefined ? undefined : Math.round(shownAt - pauseAt),
    promptTokens: real.at(-1)?.promptEvalCount ?? 0,
    cachedAtFirstRequest: real[0]?.cachedPromptTokens ?? 0,
  };
}

/** Extension-side cost per request on a 5,000-line file: snapshot, context ranking, prompt, cleanup. */
async function extensionSideCost(): Promise<{ p50: number; p95: number; samples: number }> {
  const parts = FIXTURES.map((f) => fs.readFileSync(path.join(root, f.file), 'utf8'));
  let big = '';
  while (big.split('\n').length < 5000) big += `${parts[0]}\n`;
  const doc = new Doc(big.split('\n').slice(0, 5000).join('\n'), 'typescript', 'src/big.ts');
  const candidates = parts.slice(1).map((text, i) => ({ path: FIXTURES[i + 1].path, text, imported: i === 0 }));
  const rand = random(3);
  const times: number[] = [];
  for (let i = 0; i < 600; i++) {
    const line = 100 + Math.floor(rand() * 4800);
    const character = Math.floor(doc.lines[line].length / 2);
    const started = performance.now();
    const snapshot = doc.snapshot(line, character);
    const query = doc.lines.slice(Math.max(0, line - 12), line + 2).join('\n');
    const snippets = rankSnippets(candidates, query, 1600);
    const prompt = buildCompletionPrompt({ snapshot, snippets, multiline: false, numCtx: 8192, block: 32 }, phi4);
    const context = {
      linePrefix: linePrefixOf(snapshot),
      lineSuffix: '',
      previousLines: [],
      nextLines: [],
      multiline: false,
      maxLines: 12,
      markers: ['<|im_end|>', '```'],
      proseIsContent: false,
    };
    const answer = (async function* () {
      for (const piece of ['value', ' = ', 'compute', '(input', ');', '<|im_end|>']) yield piece;
    })();
    finish(await collectText(cleanup(answer, context)), context);
    if (i >= 100 && prompt.promptTokens > 0) times.push(performance.now() - started); // the first 100 warm the JIT
  }
  return {
    p50: Math.round((percentile(times, 50) ?? 0) * 100) / 100,
    p95: Math.round((percentile(times, 95) ?? 0) * 100) / 100,
    samples: times.length,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const cost = await extensionSideCost();
  console.log(`extension-side time per request (5,000-line file): p50 ${cost.p50} ms, p95 ${cost.p95} ms`);
  const flag = process.argv.indexOf('--profile');
  const profiles: Profile[] = flag >= 0 ? [process.argv[flag + 1] as Profile] : ['rtx4090', 'laptop'];
  for (const profile of profiles) if (!(profile in PROFILES)) throw new Error(`unknown profile ${profile}: rtx4090 or laptop`);
  const layoutFlag = process.argv.indexOf('--layouts');
  const layouts = layoutFlag >= 0 ? (process.argv[layoutFlag + 1].split(',').filter(Boolean) as Layout[]) : LAYOUTS;
  for (const layout of layouts) if (!LAYOUTS.includes(layout)) throw new Error(`unknown layout ${layout}: ${LAYOUTS.join(', ')}`);
  const backendFlag = process.argv.indexOf('--backends');
  const backends = backendFlag >= 0 ? (process.argv[backendFlag + 1].split(',').filter(Boolean) as Backend[]) : BACKENDS;
  for (const backend of backends) if (!BACKENDS.includes(backend)) throw new Error(`unknown backend ${backend}: ${BACKENDS.join(', ')}`);
  const cold: ColdOpenResult[] = [];
  for (const backend of backends) {
    for (const profile of profiles) {
      for (const readMs of READ_MS) {
        for (const warmUp of [false, true]) {
          console.log(
            `opening a 2,000-line file, ${backend}, ${profile} pacing, typing after ${readMs} ms, ${warmUp ? 'with' : 'without'} warm-up…`,
          );
          cold.push(await coldOpen(profile, warmUp, readMs, backend));
        }
      }
    }
  }
  const results: LayoutResult[] = [];
  for (const backend of backends) {
    for (const profile of profiles) {
      // The layouts are compared with Ollama; the OpenAI-compatible backend runs today's layout.
      for (const layout of backend === 'ollama' ? layouts : layouts.filter((l) => l === 'typedLast')) {
        console.log(`replaying typing, ${backend}, ${profile} pacing, ${layout} layout…`);
        results.push(await replay(profile, layout, backend));
      }
    }
  }
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    setup: {
      model: 'phi4 (double; as microsoft/phi-4 behind the OpenAI-compatible API)',
      backends,
      profiles: Object.fromEntries(profiles.map((p) => [p, PROFILES[p]])),
      debounceMs: DEBOUNCE_MS,
      files: FIXTURES.map((f) => f.path),
      linesPerFile: LINES_PER_FILE,
      typing: '≈8 chars/s; 35 % of spaces and 30 % of . ( , = : followed by a 0.4–1.5 s pause',
    },
    extensionSideMs: cost,
    coldOpen: cold,
    layouts: results,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', 'completion.json'), `${JSON.stringify(report, null, 2)}\n`);
  const cells = (f: (r: LayoutResult) => unknown) => results.map((r) => String(f(r))).join(' | ');
  console.log(
    [
      `| Completion benchmark (phi4 double) | ${cells((r) => `${r.profile}, ${r.layout}${r.backend === 'openai' ? ', OpenAI API' : ''}`)} |`,
      `|---|${results.map(() => '---').join('|')}|`,
      `| Keystrokes / pauses | ${cells((r) => `${r.keystrokes} / ${r.pauses}`)} |`,
      `| Requests per pause | ${cells((r) => r.requestsPerPause)} |`,
      `| Uncached prompt tokens per request, p50 / p95 | ${cells((r) => `${r.uncachedP50} / ${r.uncachedP95}`)} |`,
      `| Uncached p50: typing on one line (requests) / first request on a line | ${cells((r) => `${r.uncachedSameLineP50 ?? '–'} (${r.sameLineRequests}) / ${r.uncachedNewLineP50}`)} |`,
      `| Shared prompt prefix, mean / median; median typing on one line | ${cells((r) => `${r.sharedPrefixMean} % / ${r.sharedPrefixP50} %; ${r.sharedPrefixSameLineP50 ?? '–'} %`)} |`,
      `| Pauses with ghost text before the next keystroke | ${cells((r) => `${r.shownPauses} of ${r.pauses}`)} |`,
      `| Pause → ghost text, p50 / p90 | ${cells((r) => `${r.pauseToGhostP50} / ${r.pauseToGhostP90} ms`)} |`,
      `| Limit at the median uncached count | ${cells((r) => `${r.limitP50Ms} ms`)} |`,
      `| Pause → ghost text ÷ that pause's limit, p50 / p90 | ${cells((r) => `${r.ratioToLimitP50 ?? '–'} / ${r.ratioToLimitP90 ?? '–'}`)} |`,
      `| GPU seconds, total / wasted on closed requests / of that, used by no later request | ${cells((r) => `${r.gpuSeconds} / ${r.gpuSecondsWasted} / ${r.gpuSecondsLost}`)} |`,
      `| Served without a request: cache / typed-ahead / in flight | ${cells((r) => `${r.cacheHits} / ${r.typedAheadHits} / ${r.inFlightHits}`)} |`,
      `| Extension-side time per request, 5,000-line file, p50 / p95 | ${cost.p50} / ${cost.p95} ms |`,
      '',
      `| First ghost text after opening a 2,000-line file | ${cold.map((c) => `${c.profile}${c.backend === 'openai' ? ', OpenAI API' : ''}, typing after ${c.readMs / 1000} s, ${c.warmUp ? 'warm-up' : 'no warm-up'}`).join(' | ')} |`,
      `|---|${cold.map(() => '---').join('|')}|`,
      `| First pause → ghost text | ${cold.map((c) => (c.pauseToGhostMs === undefined ? 'none in 30 s' : `${c.pauseToGhostMs} ms`)).join(' | ')} |`,
      `| Prompt tokens; found in the cache by the first request | ${cold.map((c) => `${c.promptTokens}; ${c.cachedAtFirstRequest}`).join(' | ')} |`,
    ].join('\n'),
  );
}

void main();
