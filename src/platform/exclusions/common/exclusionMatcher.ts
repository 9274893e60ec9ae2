// Which files are never sent to the model: phiLocal.exclude globs (gitignore semantics: a pattern without a
// slash matches a name at any depth) and .philocalignore files at workspace roots. Pure.
import ignore, { type Ignore } from 'ignore';

export interface IgnoreFile {
  /** Absolute path of the folder that holds the .philocalignore (a workspace root), with forward slashes. */
  readonly root: string;
  readonly content: string;
}

function relativeTo(root: string, path: string): string | undefined {
  const base = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(base) ? path.slice(base.length) : undefined;
}

export class ExclusionMatcher {
  private readonly globs: Ignore;
  private readonly ignoreFiles: { root: string; matcher: Ignore }[];

  constructor(globs: readonly string[], ignoreFiles: readonly IgnoreFile[] = []) {
    this.globs = ignore({ allowRelativePaths: true }).add([...globs]);
    this.ignoreFiles = ignoreFiles.map((file) => ({ root: file.root, matcher: ignore({ allowRelativePaths: true }).add(file.content) }));
  }

  /**
   * `path` is absolute with forward slashes (e.g. /home/me/project/.env); `roots` are the workspace folders.
   * A file outside every root is matched by its absolute path, so `**\/.ssh/**` still catches ~/.ssh/id_rsa.
   */
  isExcluded(path: string, roots: readonly string[] = []): boolean {
    const normalised = path.replace(/\\/g, '/');
    const root = roots.find((r) => relativeTo(r, normalised) !== undefined);
    const relative = root ? (relativeTo(root, normalised) as string) : normalised.replace(/^\/+/, '').replace(/^[A-Za-z]:\//, '');
    if (!relative) return false;
    if (this.globs.ignores(relative)) return true;
    for (const file of this.ignoreFiles) {
      const inside = relativeTo(file.root, normalised);
      if (inside && file.matcher.ignores(inside)) return true;
    }
    return false;
  }
}
