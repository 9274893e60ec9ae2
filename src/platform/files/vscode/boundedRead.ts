// Reading a file a repository chooses (an import, a prompt file, an ignore file, a manifest, an attached file):
// its size is looked at before it is read, so a 90 MB `dump.json` costs a stat, not 90 MB of the extension
// host's time and memory; a file that grew past the cap meanwhile is refused after the read as well.
import * as vscode from 'vscode';

/** What the extension reads at most of each kind of file a repository chooses. */
export const READ_CAPS = {
  /** Imported and open files used as completion context. */
  relatedFile: 200_000,
  /** A file attached to a chat question. */
  chatFile: 1_000_000,
  /** .philocal/prompts/*.md and manifests (package.json, pyproject.toml…). */
  projectFile: 256_000,
  /** .philocalignore: it only adds exclusions, so it is read up to a size no real one reaches. */
  ignoreFile: 1_000_000,
} as const;

/** The bytes of `uri` when it is a file of at most `maxBytes`; undefined when it is larger, missing or not a file. */
export async function readBounded(uri: vscode.Uri, maxBytes: number): Promise<Uint8Array | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0 || stat.size > maxBytes) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    return bytes.length > maxBytes ? undefined : bytes;
  } catch {
    return undefined;
  }
}
