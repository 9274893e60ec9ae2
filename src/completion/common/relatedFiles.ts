// Snippets from other files for the prompt: which files the current one imports, and which windows of
// candidate files look most like the code at the cursor. Pure: the VS Code layer reads the files.
import { estimateTokens } from '../../platform/prompt/common/tokens';
import type { Snippet } from './completionPrompt';

export interface ImportRef {
  /** The module as written, e.g. `./util`, `app.models`, `crate::net::client`. */
  readonly specifier: string;
  /** True for paths relative to the importing file (`./x`, `../x`, Python `.x`). */
  readonly relative: boolean;
}

const PATTERNS: Record<string, RegExp[]> = {
  typescript: [
    /^\s*import\s[^'"]*?from\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /^\s*export\s[^'"]*?from\s*['"]([^'"]+)['"]/gm,
    /require\(\s*['"]([^'"]+)['"]\s*\)/g,
  ],
  python: [/^\s*from\s+([.\w]+)\s+import\s/gm, /^\s*import\s+([\w.]+)/gm],
  go: [/^\s*import\s+"([^"]+)"/gm, /^\s*(?:[\w.]+\s+)?"([^"]+)"\s*$/gm],
  rust: [/^\s*(?:pub\s+)?use\s+((?:crate|self|super)(?:::\w+)+)/gm, /^\s*(?:pub\s+)?mod\s+(\w+)\s*;/gm],
  java: [/^\s*import\s+(?:static\s+)?([\w.]+)\s*;/gm],
  csharp: [/^\s*using\s+(?:static\s+)?([\w.]+)\s*;/gm],
};
PATTERNS.javascript = PATTERNS.typescript;
PATTERNS.typescriptreact = PATTERNS.typescript;
PATTERNS.javascriptreact = PATTERNS.typescript;

/** Module references in the file's import lines (first 300 lines), local-looking ones only. */
export function extractImports(text: string, languageId: string): ImportRef[] {
  const patterns = PATTERNS[languageId];
  if (!patterns) return [];
  const head = text.split('\n', 300).join('\n');
  const found = new Map<string, ImportRef>();
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(head); match; match = pattern.exec(head)) {
      const specifier = match[1];
      const relative = specifier.startsWith('.') || (languageId === 'rust' && !specifier.includes('::'));
      if (languageId.startsWith('typescript') || languageId.startsWith('javascript')) {
        if (!relative) continue; // packages from node_modules: not the user's code
      }
      if (languageId === 'go' && !specifier.includes('/')) continue; // the standard library
      if ((languageId === 'java' || languageId === 'csharp') && /^(java|javax|System|Microsoft)(\.|$)/.test(specifier)) continue;
      found.set(specifier, { specifier, relative });
    }
  }
  return [...found.values()];
}

const WORD = /[A-Za-z_][A-Za-z0-9_]{2,}/g;

function words(text: string): Set<string> {
  return new Set(text.match(WORD) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface CandidateFile {
  readonly path: string;
  readonly text: string;
  /** Imported by the current file: ranked ahead of files that are merely open. */
  readonly imported: boolean;
}

/**
 * Cuts candidates into windows of `windowLines` lines, scores each by word overlap with `query` (the code
 * around the cursor), and returns the best windows (at most one per file, imported files first on ties)
 * within `budgetTokens`.
 */
export function rankSnippets(candidates: readonly CandidateFile[], query: string, budgetTokens: number, windowLines = 24): Snippet[] {
  const queryWords = words(query);
  const scored: { path: string; text: string; score: number }[] = [];
  for (const file of candidates) {
    const lines = file.text.split('\n');
    let best: { text: string; score: number } | undefined;
    for (let start = 0; start < lines.length; start += Math.floor(windowLines / 2)) {
      const text = lines.slice(start, start + windowLines).join('\n');
      if (!text.trim()) continue;
      const score = jaccard(queryWords, words(text)) + (file.imported ? 0.05 : 0);
      if (!best || score > best.score) best = { text, score };
      if (start + windowLines >= lines.length) break;
    }
    if (best && best.score > 0.02) scored.push({ path: file.path, ...best });
  }
  scored.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  const out: Snippet[] = [];
  let used = 0;
  for (const snippet of scored) {
    const cost = estimateTokens(snippet.text) + 12;
    if (used + cost > budgetTokens) continue;
    out.push({ path: snippet.path, text: snippet.text });
    used += cost;
  }
  // A stable order: the prompt's beginning must not change when scores shuffle.
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
