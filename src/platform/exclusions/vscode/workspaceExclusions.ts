// Files never sent to the model: phiLocal.exclude plus .philocalignore files at workspace roots.
import * as vscode from 'vscode';
import { ExclusionMatcher, type IgnoreFile } from '../common/exclusionMatcher';
import type { Config } from '../../config/vscode/config';
import { Disposable } from '../../lifecycle/common/lifecycle';

export const IGNORE_FILE = '.philocalignore';

export class WorkspaceExclusions extends Disposable {
  private matcher: ExclusionMatcher;
  private ignoreFiles: IgnoreFile[] = [];
  /** Resolves once the .philocalignore files have been read. */
  ready: Promise<void>;

  constructor(private readonly config: Config) {
    super();
    this.matcher = new ExclusionMatcher(config.current.exclude);
    this.ready = this.reload();
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${IGNORE_FILE}`);
    const reload = () => (this.ready = this.reload());
    for (const disposable of [
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      config.onDidChange(() => (this.matcher = new ExclusionMatcher(config.current.exclude, this.ignoreFiles))),
    ]) {
      this._register(disposable);
    }
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
}
