// Files never sent to the model: phiLocal.exclude plus .philocalignore files at workspace roots.
import * as vscode from 'vscode';
import { ExclusionMatcher, type IgnoreFile } from '../common/exclusionMatcher';
import type { Config } from '../../config/vscode/config';

export const IGNORE_FILE = '.philocalignore';

export class Exclusions implements vscode.Disposable {
  private matcher: ExclusionMatcher;
  private ignoreFiles: IgnoreFile[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** Resolves once the .philocalignore files have been read. */
  ready: Promise<void>;

  constructor(private readonly config: Config) {
    this.matcher = new ExclusionMatcher(config.current.exclude);
    this.ready = this.reload();
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${IGNORE_FILE}`);
    const reload = () => (this.ready = this.reload());
    this.disposables.push(
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      config.onDidChange(() => (this.matcher = new ExclusionMatcher(config.current.exclude, this.ignoreFiles))),
    );
  }

  private async reload(): Promise<void> {
    const files: IgnoreFile[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, IGNORE_FILE));
        files.push({ root: folder.uri.path, content: new TextDecoder().decode(bytes) });
      } catch {
        // no ignore file in this folder
      }
    }
    this.ignoreFiles = files;
    this.matcher = new ExclusionMatcher(this.config.current.exclude, files);
  }

  isExcluded(uri: vscode.Uri): boolean {
    if (uri.scheme === 'untitled') return false;
    const roots = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.path);
    return this.matcher.isExcluded(uri.path, roots);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
