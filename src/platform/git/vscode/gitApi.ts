// The part of the built-in Git extension's API (`vscode.git`, getAPI(1)) Phi Local uses, typed here from its
// documented shape, and how to reach it.
import * as vscode from 'vscode';

interface GitCommit {
  readonly hash: string;
  readonly message: string;
}

interface GitChange {
  readonly uri: vscode.Uri;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  readonly state: { readonly indexChanges: readonly GitChange[]; readonly workingTreeChanges: readonly GitChange[] };
  diff(cached?: boolean): Promise<string>;
  log(options?: { readonly maxEntries?: number }): Promise<GitCommit[]>;
  status(): Promise<void>;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The Git API, or undefined when the Git extension is missing or disabled (`git.enabled: false`). */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  return exports?.enabled ? exports.getAPI(1) : undefined;
}

/**
 * The repository the user means: the one whose Source Control title bar the command came from, else the one
 * holding the active editor's file, else the only one.
 */
export function repositoryFor(api: GitApi, from: unknown): GitRepository | undefined {
  const root = (from as { rootUri?: unknown } | undefined)?.rootUri;
  if (root instanceof vscode.Uri) {
    const match = api.repositories.find((r) => r.rootUri.toString() === root.toString()) ?? api.getRepository(root);
    if (match) return match;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active) {
    const holding = api.getRepository(active);
    if (holding) return holding;
  }
  return api.repositories.length === 1 ? api.repositories[0] : undefined;
}
