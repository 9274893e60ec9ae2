// Runs a completion case through the real engine (prefilter, prompt, the stop sequences applied as Ollama
// applies them, streaming cleanup) and scores what the user would get against what they should get, by the
// document each leaves: exact, a safe prefix (typing on reaches the expected text), empty, or harmful.
import { CompletionEngine } from '../../src/completion/common/engine';
import { PHI4_FORMAT, type PromptFormat } from '../../src/platform/backend/common/modelTypes';
import type { CompletionCase } from './completionCases';
import { snapshotAt } from './snapshots';

export interface Outcome {
  readonly text: string;
  /** Characters after the cursor the completion replaces. */
  readonly replace: number;
}

export type Verdict = 'exact' | 'prefix' | 'empty' | 'harmful';

const STYLES: Record<CompletionCase['style'], PromptFormat> = {
  chatml: PHI4_FORMAT,
  fim: { kind: 'fim' },
};

/** The reply as Ollama streams it: cut before the first stop sequence, in pieces of `size` characters. */
async function* served(reply: string, stops: readonly string[], size: number): AsyncGenerator<string> {
  let end = reply.length;
  for (const stop of stops) {
    const at = reply.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  for (let i = 0; i < end; i += size) yield reply.slice(i, Math.min(end, i + size));
}

export interface CaseRun {
  readonly outcome: Outcome;
  /** The first line shown while the rest of a block streamed, if it was. */
  readonly early?: Outcome;
  /** Pieces of the reply the engine read before it closed the stream. */
  readonly piecesRead: number;
}

export async function runCase(testCase: CompletionCase, size: number): Promise<CaseRun> {
  let piecesRead = 0;
  const engine = new CompletionEngine({
    now: () => 0,
    stream: async function* (prompt) {
      for await (const piece of served(testCase.reply, prompt.stop, size)) {
        piecesRead++;
        yield piece;
      }
    },
  });
  const ask = () =>
    engine.complete({
      snapshot: snapshotAt(testCase.text, testCase.offset, testCase.languageId),
      model: 'model',
      style: STYLES[testCase.style],
      snippets: [],
      numCtx: 8192,
      debounceMs: 0,
      singleLineOnly: testCase.multiline === false,
      signal: new AbortController().signal,
    });
  const ended = new Promise<void>((resolve) => engine.onDidFinishBlock(() => resolve()));
  let result = await ask();
  let early: Outcome | undefined;
  if ('text' in result && result.firstLineOnly) {
    // As the editor does: the first line shows at once; when the request has ended, asking again gives it all.
    early = { text: result.text, replace: result.replace };
    await ended;
    result = await ask();
  }
  if ('skipped' in result) {
    if (result.skipped === 'failed') throw result.error;
    return { outcome: { text: '', replace: 0 }, early, piecesRead };
  }
  return { outcome: { text: result.text, replace: result.replace }, early, piecesRead };
}

/** The document after accepting `outcome` at the case's cursor. */
export function applied(testCase: CompletionCase, outcome: Outcome): string {
  return testCase.text.slice(0, testCase.offset) + outcome.text + testCase.text.slice(testCase.offset + outcome.replace);
}

export function verdict(testCase: CompletionCase, outcome: Outcome): Verdict {
  const expected = { text: testCase.expected, replace: testCase.replaces };
  if (applied(testCase, outcome) === applied(testCase, expected)) return 'exact';
  if (outcome.text === '') return 'empty';
  if (outcome.replace === 0 && expected.text.startsWith(outcome.text)) return 'prefix';
  return 'harmful';
}

export interface CorpusCounts {
  readonly cases: number;
  readonly exact: number;
  readonly prefix: number;
  readonly empty: number;
  readonly harmful: number;
  readonly harmfulCases: readonly string[];
}

export async function scoreCorpus(cases: readonly CompletionCase[], size = 1_000_000): Promise<CorpusCounts> {
  const counts = { cases: cases.length, exact: 0, prefix: 0, empty: 0, harmful: 0, harmfulCases: [] as string[] };
  for (const testCase of cases) {
    const result = verdict(testCase, (await runCase(testCase, size)).outcome);
    counts[result]++;
    if (result === 'harmful') counts.harmfulCases.push(testCase.file);
  }
  return counts;
}
