// Whether a path lies inside one of the workspace folders, compared the way the file system compares names.
// Pure: the VS Code layer resolves symbolic links (real paths) before asking.

/** Forward slashes, no trailing slash (but the root `/` itself). */
export function normalisePath(path: string): string {
  const forward = path.replace(/\\/g, '/');
  return forward.length > 1 ? forward.replace(/\/+$/, '') : forward;
}

/** The root that contains `path` (the root itself counts), or undefined. */
export function containingRoot(path: string, roots: readonly string[], caseInsensitive: boolean): string | undefined {
  const fold = (text: string) => (caseInsensitive ? text.toLowerCase() : text);
  const target = fold(normalisePath(path));
  return roots.find((root) => {
    const base = fold(normalisePath(root));
    return target === base || target.startsWith(base === '/' ? '/' : `${base}/`);
  });
}
