// The completion prompt layouts that today's layout ('typedLast', src/completion/common/completionPrompt)
// replaced, kept only so that `npm run bench:completion` can measure them against it on the same typing:
//   nearSuffix  — the marker at the cursor, the typed text in the file and in the answer, ≈120 characters after;
//   hole        — 0.1's layout: the marker at the cursor and the whole 15-line window after it;
//   suffixFirst — the code after the cursor first, the answer pre-filled with the file up to the cursor.
// Built from the same blocks as today's prompt (budget, fitting, snippets, turns), for phi4's ChatML or a chat model.
import {
  buildCompletionPrompt,
  chatStops,
  fenceTag,
  fitPrefix,
  fitSuffix,
  HOLE,
  nearSuffix,
  promptBudget,
  promptFromTurns,
  snippetsText,
  type PromptInput,
} from '../src/completion/common/completionPrompt';
import { linePrefixOf } from '../src/completion/common/snapshot';
import type { CompletionPrompt, PromptFormat } from '../src/platform/backend/common/modelTypes';
import { estimateTokens } from '../src/platform/prompt/common/tokens';

export type PromptLayout = 'typedLast' | 'nearSuffix' | 'hole' | 'suffixFirst';

export const SYSTEM_PROMPT =
  'You are a code completion engine inside a code editor. The user shows a file in which the marker ' +
  `${HOLE} stands at the cursor. Reply with one fenced code block that starts with the text of the marker's ` +
  'line before the marker and goes on with exactly the code that belongs at the marker, in the style of the ' +
  'file. Do not repeat the code that follows the marker. Never explain.';

export const SUFFIX_FIRST_SYSTEM_PROMPT =
  'You are a code completion engine inside a code editor. The user shows the code that follows the cursor; ' +
  'you continue the file from the cursor with exactly the code that belongs there, in the style of the file, ' +
  'and stop where the code after the cursor begins. Do not repeat that code. Never explain.';

/** The prompt of `layout` for a chat model (today's layout for 'typedLast' and for FIM models). */
export function layoutPrompt(input: PromptInput, style: PromptFormat, layout: PromptLayout): CompletionPrompt {
  if (layout === 'typedLast' || style.kind === 'fim') return buildCompletionPrompt(input, style);
  const { snapshot } = input;
  const { numPredict, budget, snippetBudget, suffixBudget } = promptBudget(input);
  const window = fitSuffix(snapshot.suffix, suffixBudget);
  const suffix = (layout === 'nearSuffix' ? nearSuffix(window) : window).replace(/\s+$/, '');
  const tag = fenceTag(snapshot.languageId);
  const context = snippetsText(input.snippets, snippetBudget, undefined);
  let turns: { system: string; user: string; prefill: string };
  if (layout !== 'suffixFirst') {
    const fileHeader = `Fill in ${HOLE} in \`${snapshot.relativePath}\`:\n\`\`\`${tag}\n`;
    const fileFooter = `\n\`\`\``;
    const prefill = `\`\`\`${tag}\n${linePrefixOf(snapshot)}`;
    const fixed = estimateTokens(SYSTEM_PROMPT + context + fileHeader + HOLE + suffix + fileFooter + prefill) + 16;
    const prefix = fitPrefix(snapshot.prefix, snapshot.windowStartLine, input.block, budget - fixed);
    turns = { system: SYSTEM_PROMPT, user: `${context}${fileHeader}${prefix}${HOLE}${suffix}${fileFooter}`, prefill };
  } else {
    const path = `\`${snapshot.relativePath}\``;
    const user = suffix.trim()
      ? `${context}The code after the cursor in ${path}:\n\`\`\`${tag}\n${suffix}\n\`\`\`\nContinue ${path} from the cursor up to that code.`
      : `${context}The cursor is at the end of ${path}. Continue it from the cursor.`;
    const fixed = estimateTokens(SUFFIX_FIRST_SYSTEM_PROMPT + user) + 24;
    const prefill = `\`\`\`${tag}\n${fitPrefix(snapshot.prefix, snapshot.windowStartLine, input.block, budget - fixed)}`;
    turns = { system: SUFFIX_FIRST_SYSTEM_PROMPT, user, prefill };
  }
  return promptFromTurns(style, turns, chatStops(input.multiline), numPredict);
}
