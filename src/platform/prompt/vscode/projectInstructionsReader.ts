// Reads the project's instructions file (AGENTS.md, .github/copilot-instructions.md, .philocal/instructions.md)
// from the workspace roots: only in a trusted workspace, never an excluded file or one whose real path is
// outside the workspace, never a large one. Re-read when such a file, the setting or the trust changes.
import * as vscode from 'vscode';
import type { Config } from '../../config/vscode/config';
import type { WorkspaceExclusions } from '../../exclusions/vscode/workspaceExclusions';
import { Disposable, Emitter } from '../../lifecycle/common/lifecycle';
import { instructionCandidates, MAX_INSTRUCTION_BYTES, readInstructions, type ProjectInstructions } from '../common/projectInstructions';

export class ProjectInstructionsReader extends Disposable {
  private cached?: Promise<ProjectInstructions | undefined>;
  private readonly changed = this._register(new Emitter<void>());
  /** The instructions may be different now: read `current()` again. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly config: Config,
    private readonly exclusions: WorkspaceExclusions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    const invalidate = () => {
      this.cached = undefined;
      this.changed.fire();
    };
    const watcher = this._register(
      vscode.workspace.createFileSystemWatcher('**/{AGENTS.md,.github/copilot-instructions.md,.philocal/instructions.md}'),
    );
    this._register(watcher.onDidCreate(invalidate));
    this._register(watcher.onDidChange(invalidate));
    this._register(watcher.onDidDelete(invalidate));
    this._register(config.onDidChange(invalidate));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(invalidate));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(invalidate));
  }

  /** The instructions in use now, if any. */
  current(): Promise<ProjectInstructions | undefined> {
    this.cached ??= this.read().catch((error: unknown) => {
      this.log.warn(`project instructions could not be read: ${String(error)}`);
      return undefined;
    });
    return this.cached;
  }

  private async read(): Promise<ProjectInstructions | undefined> {
    const candidates = instructionCandidates(this.config.current.projectInstructions);
    if (!candidates.length || !vscode.workspace.isTrusted) return undefined;
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const folder of folders) {
      for (const candidate of candidates) {
        const uri = vscode.Uri.joinPath(folder.uri, candidate);
        const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
        if (!stat || stat.type !== vscode.FileType.File) continue;
        if (!(await this.exclusions.mayRead(uri))) {
          this.log.info(
            `project instructions: ${candidate} is excluded (phiLocal.exclude, .philocalignore or outside the workspace); not used`,
          );
          continue;
        }
        if (stat.size > MAX_INSTRUCTION_BYTES) {
          this.log.warn(`project instructions: ${candidate} is ${stat.size} bytes, over ${MAX_INSTRUCTION_BYTES}; not used`);
          continue;
        }
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.includes(0)) continue;
        const path = folders.length > 1 ? `${folder.name}/${candidate}` : candidate;
        const instructions = readInstructions(path, new TextDecoder().decode(bytes));
        if (!instructions) continue;
        this.log.info(`project instructions: using ${path}${instructions.truncated ? ' (cut to fit)' : ''}`);
        return instructions;
      }
    }
    return undefined;
  }
}
