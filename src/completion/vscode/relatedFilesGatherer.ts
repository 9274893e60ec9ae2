// Gathers snippets from other files for completion prompts: open editors of the same language and the files
// the current one imports, never excluded files. The choice is kept while the cursor stays in the same
// block of lines, so the prompt's beginning (and Ollama's cached prefix) stays the same while typing.
import * as vscode from 'vscode';
import { extractImports, rankSnippets, type CandidateFile, type ImportRef } from '../common/relatedFiles';
import type { Snippet } from '../common/completionPrompt';
import type { WorkspaceExclusions } from '../../platform/exclusions/vscode/workspaceExclusions';
import { READ_CAPS, readBounded } from '../../platform/files/vscode/boundedRead';

const MAX_FILE_CHARS = READ_CAPS.relatedFile;
const QUERY_LINES = 12;
const LINE_BLOCK = 16;
const IMPORT_TTL_MS = 30_000;

const JS_EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

export class RelatedFilesGatherer {
  private chosen?: { key: string; snippets: Snippet[] };
  private readonly resolved = new Map<string, { at: number; uris: vscode.Uri[] }>();

  constructor(private readonly exclusions: WorkspaceExclusions) {}

  async snippetsFor(document: vscode.TextDocument, position: vscode.Position, budgetTokens: number): Promise<Snippet[]> {
    // Runs on every keystroke: measure open documents without copying their text.
    const open = vscode.workspace.textDocuments.filter(
      (d) =>
        d !== document &&
        d.languageId === document.languageId &&
        (d.uri.scheme === 'file' || d.uri.scheme === 'untitled') &&
        d.offsetAt(d.lineAt(d.lineCount - 1).range.end) <= MAX_FILE_CHARS &&
        !this.exclusions.isExcluded(d.uri),
    );
    const key = `${document.uri.toString()}#${Math.floor(position.line / LINE_BLOCK)}#${open.map((d) => `${d.uri.toString()}@${d.version}`).join(',')}`;
    if (this.chosen?.key === key) return this.chosen.snippets;

    const candidates: CandidateFile[] = [];
    const seen = new Set<string>([document.uri.toString()]);
    for (const uri of await this.importedFiles(document)) {
      // An import may point anywhere ('../../.npmrc'): only files inside the workspace are read.
      if (seen.has(uri.toString()) || !(await this.exclusions.mayRead(uri))) continue;
      seen.add(uri.toString());
      const openDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = openDoc ? openDoc.getText() : await readText(uri);
      if (text !== undefined && text.length <= MAX_FILE_CHARS)
        candidates.push({ path: vscode.workspace.asRelativePath(uri), text, imported: true });
    }
    for (const d of open) {
      if (seen.has(d.uri.toString()) || !(await this.exclusions.mayRead(d.uri))) continue;
      seen.add(d.uri.toString());
      candidates.push({ path: vscode.workspace.asRelativePath(d.uri), text: d.getText(), imported: false });
    }
    const from = Math.max(0, position.line - QUERY_LINES);
    const query = document.getText(new vscode.Range(from, 0, Math.min(document.lineCount - 1, position.line + 2), 0));
    const snippets = rankSnippets(candidates, query, budgetTokens);
    this.chosen = { key, snippets };
    return snippets;
  }

  private async importedFiles(document: vscode.TextDocument): Promise<vscode.Uri[]> {
    if (document.uri.scheme !== 'file') return [];
    const refs = extractImports(document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 300), 0)), document.languageId);
    const out: vscode.Uri[] = [];
    for (const ref of refs.slice(0, 20)) out.push(...(await this.resolve(document, ref)));
    return out.slice(0, 12);
  }

  private async resolve(document: vscode.TextDocument, ref: ImportRef): Promise<vscode.Uri[]> {
    const cacheKey = `${document.uri.toString()}|${ref.specifier}`;
    const cached = this.resolved.get(cacheKey);
    if (cached && Date.now() - cached.at < IMPORT_TTL_MS) return cached.uris;
    const uris = await this.lookUp(document, ref);
    this.resolved.set(cacheKey, { at: Date.now(), uris });
    if (this.resolved.size > 500) this.resolved.delete(this.resolved.keys().next().value as string);
    return uris;
  }

  private async lookUp(document: vscode.TextDocument, ref: ImportRef): Promise<vscode.Uri[]> {
    const dir = vscode.Uri.joinPath(document.uri, '..');
    const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
    const firstExisting = async (candidates: vscode.Uri[]) => {
      for (const candidate of candidates) if (await isFile(candidate)) return [candidate];
      return [];
    };
    const spec = ref.specifier;
    switch (document.languageId) {
      case 'typescript':
      case 'typescriptreact':
      case 'javascript':
      case 'javascriptreact': {
        const base = spec.replace(/\.(m|c)?js$/, '');
        return firstExisting([...JS_EXTENSIONS.map((ext) => vscode.Uri.joinPath(dir, base + ext)), vscode.Uri.joinPath(dir, spec)]);
      }
      case 'python': {
        const dots = /^\.*/.exec(spec)?.[0].length ?? 0;
        const rest = spec.slice(dots).replace(/\./g, '/');
        let base = dots > 0 ? dir : root;
        if (!base) return [];
        for (let i = 1; i < dots; i++) base = vscode.Uri.joinPath(base, '..');
        return firstExisting([vscode.Uri.joinPath(base, `${rest}.py`), vscode.Uri.joinPath(base, rest, '__init__.py')]);
      }
      case 'rust': {
        if (!spec.includes('::')) return firstExisting([vscode.Uri.joinPath(dir, `${spec}.rs`), vscode.Uri.joinPath(dir, spec, 'mod.rs')]);
        const parts = spec.split('::').slice(1);
        const src = spec.startsWith('crate') && root ? vscode.Uri.joinPath(root, 'src') : dir;
        const candidates: vscode.Uri[] = [];
        for (let n = parts.length; n >= 1; n--) {
          const path = parts.slice(0, n).join('/');
          candidates.push(vscode.Uri.joinPath(src, `${path}.rs`), vscode.Uri.joinPath(src, path, 'mod.rs'));
        }
        return firstExisting(candidates);
      }
      case 'java':
        return findInWorkspace(`**/${spec.replace(/\./g, '/')}.java`, 1);
      case 'go':
        return findInWorkspace(`**/${spec.split('/').pop()}/*.go`, 3);
      case 'csharp':
        return findInWorkspace(`**/${spec.split('.').pop()}/*.cs`, 3);
      default:
        return [];
    }
  }
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.File;
  } catch {
    return false;
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const bytes = await readBounded(uri, READ_CAPS.relatedFile);
  return bytes && !bytes.includes(0) ? new TextDecoder().decode(bytes) : undefined;
}

async function findInWorkspace(glob: string, max: number): Promise<vscode.Uri[]> {
  try {
    return await vscode.workspace.findFiles(glob, '**/node_modules/**', max);
  } catch {
    return [];
  }
}
