// Slash commands in the chat input (/explain, /fix, /doc, /tests, /commit) and the project's reusable
// prompts (.philocal/prompts/*.md). Pure: parsing, the list offered while typing, and filling a prompt.

export const BUILT_IN_COMMANDS = ['explain', 'fix', 'doc', 'tests', 'commit'] as const;
export type BuiltInCommand = (typeof BUILT_IN_COMMANDS)[number];

export interface SlashEntry {
  /** Without the slash. */
  readonly name: string;
  readonly description: string;
  /** A built-in command, or a prompt file. */
  readonly kind: 'command' | 'prompt';
}

/** `/name rest…` at the start of the input; undefined for anything else (a path like `/usr/bin` included). */
export function parseSlash(text: string): { name: string; rest: string } | undefined {
  const match = /^\/([a-z][\w-]{0,39})(?:\s+([\s\S]*))?$/i.exec(text.trim());
  return match ? { name: match[1].toLowerCase(), rest: (match[2] ?? '').trim() } : undefined;
}

/** The entries whose name starts with what was typed after the slash, commands first, then prompts. */
export function matchingEntries(entries: readonly SlashEntry[], typed: string): SlashEntry[] {
  const prefix = typed.toLowerCase();
  return entries
    .filter((entry) => entry.name.startsWith(prefix))
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'command' ? -1 : 1));
}

export interface PromptFile {
  readonly name: string;
  readonly description: string;
  readonly body: string;
}

/** Longest prompt file body used; larger files are not prompts. */
const MAX_PROMPT_CHARS = 16 * 1024;

/**
 * A prompt file: optional front matter (`name:`, `description:`) between `---` lines, then the body. The
 * name defaults to the file's; names of built-in commands are not taken over. Undefined when it has no body
 * or no usable name.
 */
export function parsePromptFile(fileName: string, raw: string): PromptFile | undefined {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  let body = text;
  const fields: Record<string, string> = {};
  const front = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (front) {
    body = text.slice(front[0].length);
    for (const line of front[1].split('\n')) {
      const field = /^(\w+):\s*(.*)$/.exec(line);
      if (field) fields[field[1].toLowerCase()] = field[2].trim().replace(/^(["'])(.*)\1$/, '$2');
    }
  }
  body = body.trim();
  const name = (fields.name || fileName.replace(/\.prompt\.md$|\.md$/i, ''))
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^\w-]/g, '');
  if (!body || body.length > MAX_PROMPT_CHARS || !/^[a-z][\w-]{0,39}$/.test(name)) return undefined;
  if ((BUILT_IN_COMMANDS as readonly string[]).includes(name)) return undefined;
  const description = (fields.description || body.split('\n')[0]).slice(0, 120);
  return { name, description, body };
}

interface PromptValues {
  /** The selected code, fenced, or empty. */
  readonly selection: string;
  /** The current file's workspace-relative name, or empty. */
  readonly file: string;
  /** What was typed after the command. */
  readonly input: string;
}

/**
 * The question a prompt file asks: `{{selection}}`, `{{file}}` and `{{input}}` filled in once (values are not
 * scanned for placeholders again); typed text the body does not place is added at the end.
 */
export function fillPrompt(body: string, values: PromptValues): string {
  let usedInput = false;
  const filled = body.replace(/\{\{\s*(selection|file|input)\s*\}\}/g, (_, key: keyof PromptValues) => {
    if (key === 'input') usedInput = true;
    return values[key];
  });
  return !usedInput && values.input ? `${filled}\n\n${values.input}` : filled;
}
