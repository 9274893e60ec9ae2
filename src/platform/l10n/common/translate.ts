// How pure code says a user-visible sentence: through a `t` that the vscode layer binds to vscode.l10n.t (the
// sentence is the key of l10n/bundle.l10n.json, `{0}` its placeholders); `english` is the same without a
// translation, for logs and tests. Pure.

export type Translate = (message: string, ...args: (string | number)[]) => string;

/** The English sentence with its placeholders filled in, as vscode.l10n.t does without a bundle. */
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
