// Cleanup of a model's completion as it streams: composable async generators over text chunks. A stage that
// has seen enough returns; the stages before it and finally the HTTP stream are closed by that return, so
// Ollama stops generating tokens nobody will see.

import { bracketDelta, firstUnmatchedCloser, indentWidth, wantsMultiline } from './codeShape';

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
  readonly multiline: boolean;
  readonly maxLines: number;
  /** End tokens, fences and the hole marker: the answer ends where one appears. */
  readonly markers: readonly string[];
}

export function pipe(source: AsyncIterable<string>, ...stages: Stage[]): AsyncIterable<string> {
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
  /^\s*(here(?:'s| is| are)|sure\b|certainly\b|of course\b|okay\b|ok\b|below\b|the (?:completed|complete|missing|following|code|filled|updated)\b|this (?:is|code|completes|fills)\b|to (?:complete|fill)\b|i (?:have|will|'ve)\b)/i;

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

/** Drops prose ("Here is the completed code:") and an opening fence before the code. */
export function stripPreamble(): Stage {
  return rewriteStart(
    400,
    (held) => {
      const firstLine = held.split('\n', 1)[0];
      if (held.includes('\n')) return !FENCE_LINE.test(firstLine) && !PROSE_OPENING.test(firstLine);
      // Long enough to tell it is neither prose nor a fence: stream on without waiting for the line's end.
      return held.length >= 16 && !PROSE_OPENING.test(held) && !/^\s*`/.test(held);
    },
    (held) => {
      const lines = held.split('\n');
      let dropped = false;
      while (lines.length > 1 && (FENCE_LINE.test(lines[0]) || PROSE_OPENING.test(lines[0]) || (dropped && lines[0].trim() === ''))) {
        lines.shift();
        dropped = true;
      }
      return lines.join('\n');
    },
  );
}

/**
 * Drops code the model repeated from before the cursor: the cursor line's text (with or without its
 * indentation), or whole preceding lines followed by it (a function re-emitted from its signature).
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
  return rewriteStart(
    longest + 1,
    // Decided once no candidate can still match with more text.
    (held) => candidates.every((candidate) => candidate.length <= held.length || !candidate.startsWith(held)),
    (held) => {
      for (const candidate of candidates) {
        if (candidate.trim().length < 3 && candidate !== linePrefix) continue;
        if (held.startsWith(candidate)) return held.slice(candidate.length);
        const trimmed = held.trimStart();
        if (candidate.trimStart() && trimmed.startsWith(candidate.trimStart()) && candidate.includes('\n')) {
          return trimmed.slice(candidate.trimStart().length);
        }
      }
      return held;
    },
  );
}

const CLOSER_LINE = /^[\s)\]}]+[;,]?\s*$/;
const PROSE_LINE = /^[A-Z][a-z]+(?: [\w'’,-]+){3,}[.:!]$/;

/**
 * Decides where the completion ends, line by line: one line unless multi-line; in multi-line mode the
 * block ends at a dedent, when its brackets balance, where it starts repeating the code after the cursor or
 * itself, at prose after a blank line, or at `maxLines`.
 */
export function endOfBlock(context: CleanupContext): Stage {
  return async function* (input) {
    const baseIndent = indentWidth(context.linePrefix);
    const opensBlock = context.linePrefix.trim() !== '' && wantsMultiline(context.linePrefix, context.lineSuffix, context.previousLines);
    const startDepth = Math.max(0, bracketDelta(context.linePrefix));
    const firstNext = context.nextLines.find((line) => line.trim() !== '')?.trim();
    let depth = startDepth;
    let index = 0;
    let deeperSeen = false;
    let previous: string | undefined;
    let blankBefore = false;
    let buffer = '';

    // Returns 'emit', 'emit-stop' or 'stop' for one complete line.
    const judge = (line: string): 'emit' | 'emit-stop' | 'stop' => {
      if (index === 0) {
        depth += bracketDelta(line);
        if ((context.linePrefix + line).trim()) previous = (context.linePrefix + line).trim();
        return 'emit';
      }
      if (!context.multiline) return 'stop';
      if (index >= context.maxLines) return 'stop';
      const trimmed = line.trim();
      if (trimmed === '') {
        blankBefore = true;
        return 'emit';
      }
      const indent = indentWidth(line);
      const closer = CLOSER_LINE.test(line);
      if (blankBefore && PROSE_LINE.test(trimmed)) return 'stop';
      if (previous !== undefined && trimmed === previous && !closer) return 'stop';
      const lineDelta = bracketDelta(line);
      if (closer && depth <= 0 && firstNext !== undefined && trimmed === firstNext) return 'stop';
      if (!closer && firstNext !== undefined && trimmed === firstNext && trimmed.length > 3) return 'stop';
      if (indent < baseIndent && !(closer && depth > 0)) return 'stop';
      if (opensBlock && deeperSeen && indent <= baseIndent && !closer) return 'stop';
      if (depth + lineDelta < 0) return 'stop';
      depth += lineDelta;
      if (indent > baseIndent) deeperSeen = true;
      blankBefore = false;
      previous = trimmed;
      if (startDepth > 0 && depth <= 0) return 'emit-stop';
      return 'emit';
    };

    // The first line (the rest of the cursor line) is always kept: stream it as it comes.
    let firstLine = '';
    for await (const chunk of input) {
      buffer += chunk;
      if (index === 0) {
        const newline = buffer.indexOf('\n');
        const piece = newline < 0 ? buffer : buffer.slice(0, newline);
        if (piece) yield piece;
        firstLine += piece;
        if (newline < 0) {
          buffer = '';
          continue;
        }
        buffer = buffer.slice(newline + 1);
        judge(firstLine);
        index++;
      }
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const verdict = judge(line);
        if (verdict === 'stop') return;
        yield `\n${line}`;
        index++;
        if (verdict === 'emit-stop') return;
      }
    }
    if (index > 0 && buffer && judge(buffer) !== 'stop') yield `\n${buffer}`;
  };
}

/** The whole cleanup, in order. */
export function cleanup(source: AsyncIterable<string>, context: CleanupContext): AsyncIterable<string> {
  return pipe(
    source,
    stripPreamble(),
    dropEchoedPrefix(context.linePrefix, context.previousLines),
    stopAtMarkers(context.markers),
    endOfBlock(context),
  );
}

/**
 * Last touches on the collected text: trailing whitespace, closers the document already has after the
 * cursor, nothing at all.
 */
export function finish(text: string, context: Pick<CleanupContext, 'lineSuffix'>): string {
  let result = text.replace(/[ \t]+$/gm, '').replace(/\s+$/, '');
  const rest = context.lineSuffix.trim();
  if (rest && result.includes('\n') && /^[)\]}]/.test(rest)) {
    // A block whose closing line the editor already inserted after the cursor (`{|}`).
    const lastBreak = result.lastIndexOf('\n');
    const lastLine = result.slice(lastBreak + 1);
    const last = lastLine.trim();
    // Keep the line break and indentation so the editor's closer lands on its own line.
    if (CLOSER_LINE.test(last) && rest.startsWith(last[0])) return result.slice(0, lastBreak + 1) + (/^[ \t]*/.exec(lastLine)?.[0] ?? '');
  }
  if (rest && !result.includes('\n')) {
    // The completion closes a bracket that the document already closes right after the cursor: end there.
    const at = firstUnmatchedCloser(result);
    if (at >= 0 && rest.startsWith(result[at])) result = result.slice(0, at).replace(/\s+$/, '');
  }
  return result.trim() === '' ? '' : result;
}

export async function collect(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}
