// Builds the completion snapshot a document and a cursor offset give, as the VS Code provider does.
import { planWindow, type CompletionSnapshot } from '../../src/completion/common/snapshot';

export function snapshotAt(text: string, offset: number, languageId = 'typescript'): CompletionSnapshot {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const lines = text.split('\n');
  const window = planWindow(line, lines.length);
  const startOffset = lines.slice(0, window.startLine).reduce((sum, l) => sum + l.length + 1, 0);
  const endOffset = lines.slice(0, window.endLine + 1).reduce((sum, l) => sum + l.length + 1, 0) - 1;
  return {
    prefix: text.slice(startOffset, offset),
    suffix: text.slice(offset, endOffset),
    languageId,
    relativePath: 'src/app.ts',
    line,
    character: offset - before.lastIndexOf('\n') - 1,
    windowStartLine: window.startLine,
    documentLength: text.length,
  };
}
