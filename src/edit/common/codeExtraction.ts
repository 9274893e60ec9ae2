// Turning model code into an edit: the code of a reply, re-indented to where it goes, with the document's
// line endings. Pure.

/** The first fenced block of a reply, or the whole reply when it has no fence. Prose is dropped. */
export function extractCode(raw: string): string {
  const reply = raw.replace(/\r\n/g, '\n');
  const fence = /^[ \t]*(`{3,}|~{3,})[^\n]*\n([\s\S]*?)(?:\n[ \t]*\1[ \t]*(?:\n|$)|(?![\s\S]))/m.exec(reply);
  if (fence) return fence[2].replace(/\s+$/, '');
  return reply.replace(/^\s*\n/, '').replace(/\s+$/, '');
}

function indentationOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function columns(indent: string, tabSize: number): number {
  let width = 0;
  for (const ch of indent) width += ch === '\t' ? tabSize - (width % tabSize) : 1;
  return width;
}

function makeIndent(width: number, useTabs: boolean, tabSize: number): string {
  return useTabs ? '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize) : ' '.repeat(width);
}

interface TargetStyle {
  /** The text being replaced (to take its indentation from). */
  readonly original: string;
  readonly eol: '\n' | '\r\n';
  readonly useTabs: boolean;
  readonly tabSize: number;
}

/**
 * Re-indents `code` so its least indented line sits at the original's first line indentation, converts
 * tabs/spaces to the document's style and uses its line endings.
 */
export function adaptCode(code: string, target: TargetStyle): string {
  const lines = code.replace(/\r\n/g, '\n').split('\n');
  const nonEmpty = lines.filter((line) => line.trim());
  const originalFirst =
    target.original
      .replace(/\r\n/g, '\n')
      .split('\n')
      .find((line) => line.trim()) ?? '';
  const base = columns(indentationOf(originalFirst), target.tabSize);
  // Models indent with spaces most of the time; measure their tabs as the document's width.
  const least = nonEmpty.length ? Math.min(...nonEmpty.map((line) => columns(indentationOf(line), target.tabSize))) : 0;
  const adapted = lines.map((line) => {
    if (!line.trim()) return '';
    const width = columns(indentationOf(line), target.tabSize) - least + base;
    return makeIndent(width, target.useTabs, target.tabSize) + line.slice(indentationOf(line).length);
  });
  return adapted.join(target.eol);
}

/** Whether a code block looks like a whole file rather than a part (for Apply without a selection). */
export function looksLikeWholeFile(code: string, documentText: string): boolean {
  const codeLines = code.split('\n').filter((line) => line.trim());
  const docLines = documentText.split('\n').filter((line) => line.trim());
  if (!docLines.length) return true;
  if (codeLines.length < docLines.length * 0.6) return false;
  const firstDoc = docLines[0].trim();
  return codeLines.slice(0, 5).some((line) => line.trim() === firstDoc);
}
