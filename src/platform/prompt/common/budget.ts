// How each prompt shares out the model's context window (num_ctx), in one place: change a share here and
// every prompt that uses it follows. Shares are fractions of num_ctx, or of a prompt's own budget.

const CONTEXT_SHARES = {
  /** Snippets of other files gathered for a completion prompt. */
  completionSnippets: 0.2,
  /** Of a completion prompt's budget: other files' snippets, and the code after the cursor. */
  completionPromptSnippets: 0.25,
  completionPromptSuffix: 0.15,
  /** Context chips (selection, files) attached to a chat question. */
  chatContext: 0.5,
  /** Code and surroundings of a Refactor / Fix / Document request; the rest is left for the answer. */
  editInput: 0.55,
  /** Of the edit input: the code itself, and each of the lines before and after it. */
  editCode: 0.7,
  editSurroundings: 0.1,
  /** Code of a Write Tests request, and the part of it the code itself may take. */
  testsInput: 0.6,
  testsCode: 0.8,
  /** The diff of a Write Commit Message request, and the part of it one file may take. */
  commitDiff: 0.75,
  commitFile: 0.3,
  /** Of the chat's context budget: a terminal command's output, and one file's part of an attached diff. */
  chatTerminal: 0.4,
  chatDiffFile: 0.3,
} as const;

type ContextShare = keyof typeof CONTEXT_SHARES;

/** Tokens of `total` (num_ctx or a prompt's budget) that `share` may use. */
export function tokensFor(total: number, share: ContextShare): number {
  return Math.floor(total * CONTEXT_SHARES[share]);
}
