// Files never sent to the model: phiLocal.exclude plus .philocalignore files at workspace roots, checked under
// the name a file is opened by and under its real path; and files outside the workspace never read as context.
import { realpath } from 'node:fs/promises';
import * as vscode from 'vscode';
import { ExclusionMatcher, type IgnoreFile } from '../common/exclusionMatcher';
import { containingRoot, normalisePath } from '../common/workspacePaths';
import type { Config } from '../../config/vscode/config';
import { Disposable } from '../../lifecycle/common/lifecycle';
import { READ_CAPS, readBounded } from '../../files/vscode/boundedRead';

const IGNORE_FILE = '.philocalignore';
const REAL_PATH_TTL_MS = 5_000;
/** Whether this machine's usual file systems compare names without case. */
const CASE_INSENSITIVE = process.platform === 'win32' || process.platform === 'darwin';

export class WorkspaceExclusions extends Disposable {
  private matcher: ExclusionMatcher;
  private ignoreFiles: IgnoreFile[] = [];
  private readonly realPaths = new Map<string, { at: number; path: string | undefined }>();
  /** Resolves once the .philocalignore files have been read. */
  ready: Promise<void>;

  constructor(private readonly config: Config) {
    super();
    this.matcher = new ExclusionMatcher(config.current.exclude);
    this.ready = this.reload();
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${IGNORE_FILE}`);
    const reload = () => {
      this.realPaths.clear();
      this.ready = this.reload();
    };
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
      // No ignore file in this folder, or one too large to be one: the settings' exclusions still apply.
      const bytes = await readBounded(vscode.Uri.joinPath(folder.uri, IGNORE_FILE), READ_CAPS.ignoreFile);
      if (bytes) files.push({ root: folder.uri.path, content: new TextDecoder().decode(bytes) });
    }
    this.ignoreFiles = files;
    this.matcher = new ExclusionMatcher(this.config.current.exclude, files);
  }

  /** Matched by the exclusions under the name it is opened by (fast, no file system access). */
  isExcluded(uri: vscode.Uri): boolean {
    if (uri.scheme === 'untitled') return false;
    return this.matcher.isExcluded(uri.path, this.roots());
  }

  /**
   * Whether a document may be completed: untitled, or a file that is not excluded under its own name nor
   * under its real one (a link named `notes.txt` that points at `~/.ssh/id_rsa` is excluded).
   */
  async mayComplete(uri: vscode.Uri): Promise<boolean> {
    if (uri.scheme === 'untitled') return true;
    if (uri.scheme !== 'file' || this.isExcluded(uri)) return false;
    const real = await this.realPath(uri);
    return real !== undefined && !this.matcher.isExcluded(real, await this.realRoots());
  }

  /**
   * Whether a file may be read into a prompt as context (imports, open tabs, chat chips): untitled, or a file
   * whose real path lies inside a workspace folder and is not excluded under either name. Nothing outside
   * the workspace, nothing of another scheme.
   */
  async mayRead(uri: vscode.Uri): Promise<boolean> {
    if (uri.scheme === 'untitled') return true;
    if (!(await this.mayComplete(uri))) return false;
    const real = await this.realPath(uri);
    return real !== undefined && containingRoot(real, await this.realRoots(), CASE_INSENSITIVE) !== undefined;
  }

  private roots(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.path);
  }

  /** Real paths of the workspace folders (a workspace opened through a link still contains its files). */
  private async realRoots(): Promise<string[]> {
    const roots: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      roots.push(normalisePath(folder.uri.path));
      const real = await this.realPath(folder.uri);
      if (real && !roots.includes(real)) roots.push(real);
    }
    return roots;
  }

  /** The path with every symbolic link resolved (cached briefly: this runs on keystrokes), or undefined. */
  private async realPath(uri: vscode.Uri): Promise<string | undefined> {
    const key = uri.toString();
    const cached = this.realPaths.get(key);
    if (cached && Date.now() - cached.at < REAL_PATH_TTL_MS) return cached.path;
    let path: string | undefined;
    try {
      path = normalisePath(vscode.Uri.file(await realpath(uri.fsPath)).path);
    } catch {
      path = undefined;
    }
    this.realPaths.set(key, { at: Date.now(), path });
    if (this.realPaths.size > 2000) this.realPaths.delete(this.realPaths.keys().next().value as string);
    return path;
  }
}
