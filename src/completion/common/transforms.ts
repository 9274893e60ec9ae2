// Cleanup of a model's completion as it streams: composable async generators over text chunks. A stage that
// has seen enough returns; the stages before it and finally the HTTP stream are closed by that return, so
// Ollama stops generating tokens nobody will see.

import { endOfBlock } from './blockEnd';

export type Stage = (input: AsyncIterable<string>) => AsyncGenerator<string>;

export interface CleanupContext {
  /** The cursor line before the cursor (the answer was pre-filled with it). */
  readonly linePrefix: string;
  /** The cursor line after the cursor. */
  readonly lineSuffix: string;
  /** The lines before the cursor line (last few), to recognise a model re-emitting them. */
  readonly previousLines: readonly string[];
  /** The lines after the cursor line (first few). */
  readonly nextLines: readonly string[];
  /** False when the user wants one line at most (phiLocal.completion.multiline off). */
  readonly multiline: boolean;
  readonly maxLines: number;
  /** Prose is what the file is made of (Markdown, plain text): never dropped as a model's preamble. */
  readonly proseIsContent: boolean;
  /** End tokens, fences and the hole marker: the answer ends where one appears. */
  readonly markers: readonly string[];
}

function pipe(source: AsyncIterable<string>, ...stages: Stage[]): AsyncIterable<string> {
  return stages.reduce<AsyncIterable<string>>((stream, stage) => stage(stream), source);
}

/** Ends the answer at the first marker (split across chunks or not); never yields any part of a marker. */
export function stopAtMarkers(markers: readonly string[]): Stage {
  const longest = Math.max(0, ...markers.map((m) => m.length));
  return async function* (input) {
    let held = '';
    for await (const chunk of input) {
      held += chunk;
      let cut = -1;
      for (const marker of markers) {
        const at = held.indexOf(marker);
        if (at >= 0 && (cut < 0 || at < cut)) cut = at;
      }
      if (cut >= 0) {
        if (cut > 0) yield held.slice(0, cut);
        return;
      }
      const keep = Math.min(held.length, longest - 1);
      if (held.length > keep) {
        yield held.slice(0, held.length - keep);
        held = held.slice(held.length - keep);
      }
    }
    if (held) yield held;
  };
}

const FENCE_LINE = /^\s*```[\w+#.-]*\s*$/;
const PROSE_OPENING =
  /^\s*(here\b|sure\b|certainly\b|of course\b|okay\b|ok\b|below\b|the (?:completed|complete|missing|following|code|filled|updated)\b|this (?:is|code|completes|fills)\b|to (?:complete|fill)\b|i (?:have|will|'ve)\b)/i;

/** Buffers up to `limit` characters (or to the end), hands the text to `rewrite` once, then streams on. */
function rewriteStart(limit: number, enough: (held: string) => boolean, rewrite: (held: string) => string): Stage {
  return async function* (input) {
    let held = '';
    let flushed = false;
    for await (const chunk of input) {
      if (flushed) {
        yield chunk;
        continue;
      }
      held += chunk;
      if (held.length >= limit || enough(held)) {
        flushed = true;
        const out = rewrite(held);
        if (out) yield out;
      }
    }
    if (!flushed) {
      const out = rewrite(held);
      if (out) yield out;
    }
  };
}

/** Code-like characters: a line with them is code, whatever words it starts with. */
const CODE_CHARS = /[;{}=]|\/\/|^\s*#/;

function isPreambleLine(line: string): boolean {
  return PROSE_OPENING.test(line) && !CODE_CHARS.test(line);
}

/**
 * How many characters of `held` are a preamble to drop: prose that introduces the code (a line that starts
 * like "Here is", "Sure" and ends with a colon, or is followed by a fence or more such prose) and the fence
 * that opens the code. Undefined while more text is needed to tell (unless `final`).
 */
function preambleLength(held: string, final: boolean, proseIsContent: boolean): number | undefined {
  const lines = held.split('\n');
  const complete = final ? lines.length : lines.length - 1;
  const offset = (index: number) => lines.slice(0, index).reduce((sum, line) => sum + line.length + 1, 0);
  let i = 0;
  for (;;) {
    if (i >= complete) {
      if (final) return Math.min(held.length, offset(i));
      // Long enough to tell it is neither prose nor a fence: stream on without waiting for the line's end.
      const partial = lines[i];
      return partial.length >= 16 && !isPreambleLine(partial) && !/^\s*`/.test(partial) ? offset(i) : undefined;
    }
    const line = lines[i];
    if (FENCE_LINE.test(line)) return Math.min(held.length, offset(i + 1));
    if (proseIsContent || !isPreambleLine(line)) return offset(i);
    let next = i + 1;
    while (next < complete && lines[next].trim() === '') next++;
    if (/:\s*$/.test(line)) {
      i = next;
      continue;
    }
    if (next >= complete) return final ? offset(i) : undefined;
    if (FENCE_LINE.test(lines[next])) return Math.min(held.length, offset(next + 1));
    if (!isPreambleLine(lines[next])) return offset(i);
    i = next;
  }
}

/** Drops prose ("Here is the completed code:") and an opening fence before the code. */
export function stripPreamble(proseIsContent = false): Stage {
  return rewriteStart(
    400,
    (held) => preambleLength(held, false, proseIsContent) !== undefined,
    (held) => held.slice(preambleLength(held, true, proseIsContent)),
  );
}

/**
 * Drops code the model repeated from before the cursor: the cursor line's text (with or without its
 * indentation), or whole preceding lines followed by it (a function re-emitted from its signature); the
 * partial word before the cursor started again (`const tot` → `total = …`); a space after a space.
 */
export function dropEchoedPrefix(linePrefix: string, previousLines: readonly string[]): Stage {
  const candidates: string[] = [];
  for (let k = Math.min(8, previousLines.length); k >= 1; k--) {
    candidates.push(`${previousLines.slice(-k).join('\n')}\n${linePrefix}`);
  }
  if (linePrefix.trim().length >= 3) candidates.push(linePrefix, linePrefix.trimStart());
  // A model that restarts the line repeats its indentation.
  else if (linePrefix && !linePrefix.trim()) candidates.push(linePrefix);
  const longest = Math.max(0, ...candidates.map((c) => c.length));
  const word = /[A-Za-z_$][\w$]*$/.exec(linePrefix)?.[0];
  const partial = word && word.length >= 2 ? word : undefined;
  const spaced = linePrefix.trim() !== '' && /[ \t]$/.test(linePrefix);
  return rewriteStart(
    longest + 1,
    // Decided once no candidate can still match with more text.
    (held) =>
      candidates.every((candidate) => candidate.length <= held.length || !candidate.startsWith(held)) &&
      (!partial || held.length > partial.length || !partial.startsWith(held)) &&
      (!spaced || /[^ \t]/.test(held)),
    (held) => {
      for (const candidate of candidates) {
        if (candidate.trim().length < 3 && candidate !== linePrefix) continue;
        if (held.startsWith(candidate)) return held.slice(candidate.length);
        const trimmed = held.trimStart();
        if (candidate.trimStart() && trimmed.startsWith(candidate.trimStart()) && candidate.includes('\n')) {
          return trimmed.slice(candidate.trimStart().length);
        }
      }
      // The answer stopped inside lines it re-emits from before the cursor: there is nothing new in it.
      if (held.trim().length >= 3 && candidates.some((candidate) => candidate.includes('\n') && candidate.startsWith(held))) return '';
      if (spaced) return held.replace(/^[ \t]+/, '');
      if (partial && held.startsWith(partial)) return held.slice(partial.length);
      return held;
    },
  );
}

/** The whole cleanup, in order. */
export function cleanup(source: AsyncIterable<string>, context: CleanupContext): AsyncIterable<string> {
  return pipe(
    source,
    stripPreamble(context.proseIsContent),
    dropEchoedPrefix(context.linePrefix, context.previousLines),
    stopAtMarkers(context.markers),
    endOfBlock(context),
  );
}
