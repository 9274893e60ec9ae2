// Project instructions (AGENTS.md and the like) in chat and edit prompts: which files to look for, how much
// of one to take, and how it joins a system prompt. Pure.
import { PROJECT_INSTRUCTION_FILES, type ProjectInstructionsSetting } from '../../config/common/settings';
import { cutToTokens, estimateTokens } from './tokens';

/** About a page: instructions share the window with the code and the answer. */
export const MAX_INSTRUCTION_TOKENS = 1500;
/** Larger files are not read at all (a generated or vendored file, not instructions). */
export const MAX_INSTRUCTION_BYTES = 64 * 1024;

export interface ProjectInstructions {
  /** Relative to its workspace root, e.g. `AGENTS.md`. */
  readonly path: string;
  readonly text: string;
  /** Cut to MAX_INSTRUCTION_TOKENS. */
  readonly truncated: boolean;
}

/** The files to try, in order, for a setting. */
export function instructionCandidates(setting: ProjectInstructionsSetting): readonly string[] {
  if (setting === 'off') return [];
  return setting === 'auto' ? PROJECT_INSTRUCTION_FILES : [setting];
}

/** The instructions from a file's text; undefined when it says nothing (empty, only comments). */
export function readInstructions(path: string, raw: string): ProjectInstructions | undefined {
  const text = raw
    .replace(/^\uFEFF/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\r\n/g, '\n')
    .trim();
  if (!text) return undefined;
  if (estimateTokens(text) <= MAX_INSTRUCTION_TOKENS) return { path, text, truncated: false };
  return { path, text: `${cutToTokens(text, MAX_INSTRUCTION_TOKENS)}\n… (cut)`, truncated: true };
}

/** A system prompt with the project's instructions after it, marked as the project's. */
export function withInstructions(system: string, instructions: ProjectInstructions | undefined): string {
  if (!instructions) return system;
  return (
    `${system}\n\nThe project's own instructions, from \`${instructions.path}\`. Follow them where they apply to ` +
    `the request; they do not override the format asked for above.\n<project-instructions>\n${instructions.text}\n</project-instructions>`
  );
}
