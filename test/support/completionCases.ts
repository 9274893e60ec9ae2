// Reads the completion cases in test/fixtures/completions: whole files with a cursor marker, the model's raw
// reply and the ghost text the user should see. See test/fixtures/completions/README.md for the format.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

export const CURSOR = '█';

export interface CompletionCase {
  readonly file: string;
  readonly name: string;
  /** The document text, without the cursor marker. */
  readonly text: string;
  /** Where the cursor is in `text`. */
  readonly offset: number;
  readonly languageId: string;
  /** Forced multi-line mode; undefined: decided from the cursor line as the engine does. */
  readonly multiline?: boolean;
  readonly reply: string;
  readonly expected: string;
  /** Characters after the cursor that the expected completion replaces (its range's length). */
  readonly replaces: number;
  /** How the model is asked: a chat model (phi4, the default) or a model with fill-in-the-middle. */
  readonly style: 'chatml' | 'fim';
  /** A known shortfall: the case is expected to give a safe prefix or nothing rather than the exact text. */
  readonly known?: 'prefix' | 'empty';
}

const KNOWN_HEADERS = new Set(['name', 'language', 'multiline', 'replaces', 'style', 'known']);

/** Parses one case; `source` names it in errors. */
export function parseCase(content: string, source: string): CompletionCase {
  const headers: Record<string, string> = {};
  const sections: Record<string, string> = {};
  const lines = content.split('\n');
  let current: string | undefined;
  let body: string[] = [];
  for (const line of lines) {
    const marker = /^==== (.+?)(?: \(.*\))? ====$/.exec(line);
    if (marker) {
      if (current) sections[current] = body.join('\n');
      current = marker[1];
      body = [];
      if (current === 'end') break;
    } else if (current) body.push(line);
    else if (line.trim()) {
      const header = /^(\w+):\s*(.*)$/.exec(line);
      if (!header) throw new Error(`${source}: "${line}" is neither a header (name: value) nor a ==== section ====`);
      headers[header[1]] = header[2];
    }
  }
  for (const header of Object.keys(headers)) {
    if (!KNOWN_HEADERS.has(header)) throw new Error(`${source}: unknown header "${header}"`);
  }
  for (const needed of ['file', 'model reply', 'expected ghost text']) {
    if (sections[needed] === undefined) throw new Error(`${source}: no ==== ${needed} ==== section (or no ==== end ====)`);
  }
  const withCursor = sections.file;
  const offset = withCursor.indexOf(CURSOR);
  if (offset < 0 || withCursor.indexOf(CURSOR, offset + 1) >= 0) throw new Error(`${source}: the file needs exactly one ${CURSOR}`);
  return {
    file: source,
    name: headers.name ?? source,
    text: withCursor.replace(CURSOR, ''),
    offset,
    languageId: headers.language ?? 'typescript',
    multiline: headers.multiline === undefined ? undefined : headers.multiline === 'true',
    reply: sections['model reply'],
    expected: sections['expected ghost text'],
    replaces: Number(headers.replaces ?? 0),
    style: headers.style === 'fim' ? 'fim' : 'chatml',
    known: headers.known === 'prefix' || headers.known === 'empty' ? headers.known : undefined,
  };
}

export function loadCases(folder = path.join(REPO_ROOT, 'test', 'fixtures', 'completions')): CompletionCase[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.case'))
    .sort()
    .map((name) => parseCase(fs.readFileSync(path.join(folder, name), 'utf8'), name));
}
