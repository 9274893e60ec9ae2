// The fenced code blocks of an answer as the model wrote them, and whether each was closed: an answer cut at the
// token limit or stopped because it looped ends inside its last block, and that block is not whole. Pure.

interface AnswerBlock {
  readonly code: string;
  /** Its closing fence came: the block is whole. */
  readonly closed: boolean;
}

/** The fenced blocks of `answer` (``` or ~~~, three or more, as Markdown reads them). */
export function answerBlocks(answer: string): AnswerBlock[] {
  const blocks: AnswerBlock[] = [];
  let open: { fence: string; lines: string[] } | undefined;
  for (const line of answer.split('\n')) {
    if (!open) {
      const start = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (start && !(start[1][0] === '`' && line.slice(start[0].length).includes('`'))) open = { fence: start[1], lines: [] };
      continue;
    }
    const end = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (end && end[1][0] === open.fence[0] && end[1].length >= open.fence.length) {
      blocks.push({ code: open.lines.join('\n'), closed: true });
      open = undefined;
    } else {
      open.lines.push(line);
    }
  }
  if (open) blocks.push({ code: open.lines.join('\n'), closed: false });
  return blocks;
}

/**
 * Whether `code` (a block the view offers to apply) is, or is part of, a block some answer never closed (the
 * view shows an unclosed block to the end of the answer, a note after it included). Compared without
 * surrounding blank space, as the view may trim it.
 */
export function isCutBlock(answers: readonly string[], code: string): boolean {
  const wanted = code.trim();
  if (!wanted) return false;
  return answers.some((answer) =>
    answerBlocks(answer).some((block) => {
      if (block.closed) return false;
      const cut = block.code.trim();
      return cut.startsWith(wanted) || wanted.startsWith(cut);
    }),
  );
}
