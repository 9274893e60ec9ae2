// How a completion is asked for, by the model's prompt format (its backend decides it, see PromptFormat):
//   fim    — the server fills in the middle: the generate endpoint with prompt = code before, suffix = code after.
//   chatml — a chat model that takes raw ChatML turns (phi4): the generate endpoint raw, our own prompt in its
//            turns, the file with a hole marker, and the assistant's answer pre-filled with the cursor line.
//   chat   — any other chat model: the chat endpoint, the same messages, the answer pre-filled as a last
//            assistant message (the server continues it).
// Layout for the server's prompt cache: stable text first (system text, other files, the file from a window
// start that moves in blocks), then what changes. The marker stands for the cursor line's code up to the cursor,
// so the file shows the line's indentation, the marker and the rest of the line, then about two lines (kept
// short, as Cody does for local models); the text typed on the line appears only once, at the very end, in the
// pre-filled answer. While the user types on a line, the server evaluates again just the new characters; a move
// to another line costs the tail (≈60 tokens) once. The layouts this one replaced live in bench/, which
// measures them against it from the building blocks exported here.
import { estimateTokens } from '../../platform/prompt/common/tokens';
import { linePrefixOf, lineSuffixOf, type CompletionSnapshot } from './snapshot';
import { tokensFor } from '../../platform/prompt/common/budget';
import type { ChatMessage, CompletionPrompt, PromptFormat } from '../../platform/backend/common/modelTypes';

export const HOLE = '<FILL_HERE>';

export const TYPED_LAST_SYSTEM_PROMPT =
  'You are a code completion engine inside a code editor. The user shows a file in which the marker ' +
  `${HOLE} stands for the cursor's line up to the cursor; the text after the marker is the rest of that line. ` +
  'Reply with one fenced code block that starts with the text of that line up to the cursor and goes on with ' +
  'exactly the code that belongs at the cursor, in the style of the file. Do not repeat the code that follows ' +
  'the marker. Never explain.';

/** The code after the cursor: the rest of its line, then whole lines up to this length. */
const NEAR_SUFFIX_CHARS = 120;

/** The rest of the cursor line, then whole lines while the text stays within `chars`. */
export function nearSuffix(suffix: string, chars = NEAR_SUFFIX_CHARS): string {
  const lines = suffix.split('\n');
  let kept = lines[0];
  for (const line of lines.slice(1)) {
    if (kept.length + 1 + line.length > chars) break;
    kept += `\n${line}`;
  }
  return kept;
}

export interface Snippet {
  readonly path: string;
  readonly text: string;
}

export interface PromptInput {
  readonly snapshot: CompletionSnapshot;
  readonly snippets: readonly Snippet[];
  /** False: one line at most (a line break stops the model). */
  readonly multiline: boolean;
  /** The cursor line opens a block (or sits empty in one): room for a block. */
  readonly blockExpected?: boolean;
  readonly numCtx: number;
  /** Lines the prefix may be cut by from the top, to stay stable while cutting (the window block). */
  readonly block: number;
}

/** Token limits: one line only; a line or whatever the answer opens; a block. The cleanup ends most answers sooner. */
const NUM_PREDICT = { single: 64, line: 128, multi: 192 } as const;
/** Tokens kept free besides num_predict, for the template and estimate error. */
const SAFETY_TOKENS = 96;

const FENCE_TAGS: Record<string, string> = {
  typescriptreact: 'tsx',
  javascriptreact: 'jsx',
  shellscript: 'bash',
  csharp: 'csharp',
  'objective-c': 'objc',
  plaintext: '',
};

/** Languages whose files are prose: a sentence in the answer is content, not a model's preamble. */
const PROSE_LANGUAGES = new Set(['markdown', 'plaintext', 'latex', 'tex', 'restructuredtext', 'asciidoc', 'mdx', 'git-commit']);

export function proseIsContent(languageId: string): boolean {
  return PROSE_LANGUAGES.has(languageId);
}

export function fenceTag(languageId: string): string {
  return FENCE_TAGS[languageId] ?? languageId;
}

const CHATML_STOPS = ['<|im_end|>', '<|im_start|>', '<|im_sep|>', '<|endoftext|>'];

/** Markers that end an answer in cleanup (and are sent as stop sequences where the model kind allows). */
export function completionMarkers(style: PromptFormat): string[] {
  return style.kind === 'fim'
    ? [...CHATML_STOPS, '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|file_sep|>']
    : [...CHATML_STOPS, '```', HOLE];
}

/** Cuts whole blocks of lines from the top of the prefix until it fits `budget` tokens. */
export function fitPrefix(prefix: string, startLine: number, block: number, budget: number): string {
  let text = prefix;
  let line = startLine;
  while (estimateTokens(text) > budget) {
    const nextStart = (Math.floor(line / block) + 1) * block;
    let cut = 0;
    for (let l = line; l < nextStart; l++) {
      const newline = text.indexOf('\n', cut);
      if (newline < 0) return text.slice(Math.max(0, text.length - budget * 3));
      cut = newline + 1;
    }
    text = text.slice(cut);
    line = nextStart;
  }
  return text;
}

/** Keeps whole lines from the start of the suffix while they fit `budget` tokens. */
export function fitSuffix(suffix: string, budget: number): string {
  if (estimateTokens(suffix) <= budget) return suffix;
  const lines = suffix.split('\n');
  let kept = '';
  for (const line of lines) {
    const next = kept ? `${kept}\n${line}` : line;
    if (estimateTokens(next) > budget) break;
    kept = next;
  }
  return kept;
}

/** Related snippets within `budget` tokens: fenced blocks for a chat model, line comments for a FIM prompt. */
export function snippetsText(snippets: readonly Snippet[], budget: number, asComments: string | undefined): string {
  let out = '';
  let used = 0;
  for (const snippet of snippets) {
    const block = asComments
      ? `${snippet.text
          .split('\n')
          .map((line) => `${asComments} ${line}`)
          .join('\n')}\n`
      : `Related code from \`${snippet.path}\`:\n\`\`\`\n${snippet.text}\n\`\`\`\n\n`;
    const header = asComments ? `${asComments} Related code from ${snippet.path}:\n` : '';
    const cost = estimateTokens(header + block);
    if (used + cost > budget) continue;
    out += header + block;
    used += cost;
  }
  return out;
}

const LINE_COMMENT: Record<string, string> = {
  python: '#',
  ruby: '#',
  shellscript: '#',
  r: '#',
  perl: '#',
  yaml: '#',
  toml: '#',
  lua: '--',
  sql: '--',
  haskell: '--',
};

/** The token limits of a completion prompt: the answer's, the whole prompt's, and the shares of snippets and suffix. */
export function promptBudget(input: Pick<PromptInput, 'multiline' | 'blockExpected' | 'numCtx'>): {
  numPredict: number;
  budget: number;
  snippetBudget: number;
  suffixBudget: number;
} {
  const numPredict = !input.multiline ? NUM_PREDICT.single : input.blockExpected ? NUM_PREDICT.multi : NUM_PREDICT.line;
  const budget = Math.max(256, input.numCtx - numPredict - SAFETY_TOKENS);
  return {
    numPredict,
    budget,
    snippetBudget: tokensFor(budget, 'completionPromptSnippets'),
    suffixBudget: tokensFor(budget, 'completionPromptSuffix'),
  };
}

/** The stops of a chat-style completion: a line break when one line is all the user wants, the turn markers, the marker. */
export function chatStops(multiline: boolean): string[] {
  // Not the closing fence: a model that opens its own fence would be cut to nothing. The cleanup ends the
  // answer at the fence instead and closes the request there.
  return [...(multiline ? [] : ['\n']), ...CHATML_STOPS, HOLE];
}

/** The three turns as the model takes them: raw ChatML turns, or chat messages with the answer pre-filled. */
export function promptFromTurns(
  style: Exclude<PromptFormat, { kind: 'fim' }>,
  turns: { readonly system: string; readonly user: string; readonly prefill: string },
  stop: readonly string[],
  numPredict: number,
): CompletionPrompt {
  const { system, user, prefill } = turns;
  if (style.kind === 'chatml') {
    const turn = (role: string, content: string) => `<|im_start|>${role}${style.roleSeparator}${content}<|im_end|>\n`;
    const prompt = `${turn('system', system)}${turn('user', user)}<|im_start|>assistant${style.roleSeparator}${prefill}`;
    return { endpoint: 'generate', prompt, raw: true, stop, numPredict, promptTokens: estimateTokens(prompt) };
  }
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: user },
    { role: 'assistant', content: prefill },
  ];
  return {
    endpoint: 'chat',
    prompt: '',
    raw: false,
    messages,
    stop,
    numPredict,
    promptTokens: messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0),
  };
}

export function buildCompletionPrompt(input: PromptInput, style: PromptFormat): CompletionPrompt {
  const { snapshot, multiline } = input;
  const { numPredict, budget, snippetBudget, suffixBudget } = promptBudget(input);
  const suffix = nearSuffix(fitSuffix(snapshot.suffix, suffixBudget)).replace(/\s+$/, '');

  if (style.kind === 'fim') {
    const comment = LINE_COMMENT[snapshot.languageId] ?? '//';
    const context = snippetsText(input.snippets, snippetBudget, comment);
    const header = `${comment} Path: ${snapshot.relativePath}\n`;
    const fixed = estimateTokens(context + header) + estimateTokens(suffix);
    const prefix = fitPrefix(snapshot.prefix, snapshot.windowStartLine, input.block, budget - fixed);
    const prompt = context + header + prefix;
    return {
      endpoint: 'generate',
      prompt,
      suffix,
      raw: false,
      stop: [...(multiline ? [] : ['\n']), ...completionMarkers(style).slice(CHATML_STOPS.length)],
      numPredict,
      promptTokens: estimateTokens(prompt) + estimateTokens(suffix),
    };
  }

  const tag = fenceTag(snapshot.languageId);
  const context = snippetsText(input.snippets, snippetBudget, undefined);
  const linePrefix = linePrefixOf(snapshot);
  const fileHeader = `Fill in ${HOLE} in \`${snapshot.relativePath}\`:\n\`\`\`${tag}\n`;
  const fileFooter = `\n\`\`\``;
  const prefill = `\`\`\`${tag}\n${linePrefix}`;
  const system = TYPED_LAST_SYSTEM_PROMPT;
  const fixed = estimateTokens(system + context + fileHeader + HOLE + suffix + fileFooter + prefill) + 16;
  const prefix = fitPrefix(snapshot.prefix, snapshot.windowStartLine, input.block, budget - fixed);
  // The line's indentation stays in the file, what was typed after it goes only in the answer.
  const before = prefix.slice(0, Math.max(0, prefix.length - linePrefix.length));
  const user = `${context}${fileHeader}${before}${/^\s*/.exec(linePrefix)?.[0] ?? ''}${HOLE}${suffix}${fileFooter}`;
  return promptFromTurns(style, { system, user, prefill }, chatStops(multiline), numPredict);
}

/** The cursor line's pieces the cleanup needs. */
export function cursorContext(snapshot: CompletionSnapshot): {
  linePrefix: string;
  lineSuffix: string;
  previousLines: string[];
  nextLines: string[];
} {
  const before = snapshot.prefix.split('\n');
  const after = snapshot.suffix.split('\n');
  return {
    linePrefix: linePrefixOf(snapshot),
    lineSuffix: lineSuffixOf(snapshot),
    previousLines: before.slice(Math.max(0, before.length - 9), before.length - 1),
    nextLines: after.slice(1, 6),
  };
}
