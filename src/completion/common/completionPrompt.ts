// How a completion is asked for, by the model's prompt format (its backend decides it, see PromptFormat):
//   fim    — the server fills in the middle: the generate endpoint with prompt = code before, suffix = code after.
//   chatml — a chat model that takes raw ChatML turns (phi4): the generate endpoint raw, our own prompt in its
//            turns, the file with a hole marker, and the assistant's answer pre-filled with the cursor line.
//   chat   — any other chat model: the chat endpoint, the same messages, the answer pre-filled as a last
//            assistant message (the server continues it).
// Layout for Ollama's prompt cache: stable text first (system text, other files, the file from a window start
// that moves in blocks), then what changes. In the default layout ('typedLast') the marker stands for the
// cursor line's code up to the cursor, so the file shows the line's indentation, the marker and the rest of the
// line, then about two lines (kept short, as Cody does for local models); the text typed on the line appears
// only once, at the very end, in the pre-filled answer. While the user types on a line, Ollama evaluates again
// just the new characters; a move to another line costs the tail (≈60 tokens) once. The earlier layouts —
// the marker at the cursor with the typed text in the file ('nearSuffix'), 0.1's whole 15-line suffix ('hole'),
// the code after the cursor first ('suffixFirst') — stay for `npm run bench:completion`, which measures them.
import { estimateTokens } from '../../platform/prompt/common/tokens';
import { linePrefixOf, lineSuffixOf, type CompletionSnapshot } from './snapshot';
import { tokensFor } from '../../platform/prompt/common/budget';
import type { ChatMessage, CompletionPrompt, PromptFormat } from '../../platform/backend/common/modelTypes';

export const HOLE = '<FILL_HERE>';

export const SYSTEM_PROMPT =
  'You are a code completion engine inside a code editor. The user shows a file in which the marker ' +
  `${HOLE} stands at the cursor. Reply with one fenced code block that starts with the text of the marker's ` +
  'line before the marker and goes on with exactly the code that belongs at the marker, in the style of the ' +
  'file. Do not repeat the code that follows the marker. Never explain.';

export const TYPED_LAST_SYSTEM_PROMPT =
  'You are a code completion engine inside a code editor. The user shows a file in which the marker ' +
  `${HOLE} stands for the cursor's line up to the cursor; the text after the marker is the rest of that line. ` +
  'Reply with one fenced code block that starts with the text of that line up to the cursor and goes on with ' +
  'exactly the code that belongs at the cursor, in the style of the file. Do not repeat the code that follows ' +
  'the marker. Never explain.';

export const SUFFIX_FIRST_SYSTEM_PROMPT =
  'You are a code completion engine inside a code editor. The user shows the code that follows the cursor; ' +
  'you continue the file from the cursor with exactly the code that belongs there, in the style of the file, ' +
  'and stop where the code after the cursor begins. Do not repeat that code. Never explain.';

/**
 * Where the typed text and the code after the cursor go: the marker for the line up to the cursor, the typed
 * text only in the answer (the default); the marker at the cursor with the rest of the line and about two lines
 * after it; the whole 15-line window after the marker (0.1); the code after the cursor before the file, the
 * answer pre-filled with the file up to the cursor. The benchmark measures all four.
 */
export type PromptLayout = 'typedLast' | 'nearSuffix' | 'hole' | 'suffixFirst';

/** The code after the cursor in the default layout: the rest of its line, then whole lines up to this length. */
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
  /** The benchmark compares them; the default is 'typedLast'. */
  readonly layout?: PromptLayout;
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

function fenceTag(languageId: string): string {
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
function fitPrefix(prefix: string, startLine: number, block: number, budget: number): string {
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
function fitSuffix(suffix: string, budget: number): string {
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

function snippetsText(snippets: readonly Snippet[], budget: number, asComments: string | undefined): string {
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

export function buildCompletionPrompt(input: PromptInput, style: PromptFormat): CompletionPrompt {
  const { snapshot, multiline } = input;
  const numPredict = !multiline ? NUM_PREDICT.single : input.blockExpected ? NUM_PREDICT.multi : NUM_PREDICT.line;
  const budget = Math.max(256, input.numCtx - numPredict - SAFETY_TOKENS);
  const snippetBudget = tokensFor(budget, 'completionPromptSnippets');
  const suffixBudget = tokensFor(budget, 'completionPromptSuffix');
  const window = fitSuffix(snapshot.suffix, suffixBudget);
  const layout = input.layout ?? 'typedLast';
  const suffix = (layout === 'hole' || layout === 'suffixFirst' ? window : nearSuffix(window)).replace(/\s+$/, '');
  const lineStops = multiline ? [] : ['\n'];

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
      stop: [...lineStops, ...completionMarkers(style).slice(CHATML_STOPS.length)],
      numPredict,
      promptTokens: estimateTokens(prompt) + estimateTokens(suffix),
    };
  }

  const tag = fenceTag(snapshot.languageId);
  const context = snippetsText(input.snippets, snippetBudget, undefined);
  // Not the closing fence: a model that opens its own fence would be cut to nothing. The cleanup ends the
  // answer at the fence instead and closes the request there.
  const stop = [...lineStops, ...CHATML_STOPS, HOLE];
  let system: string;
  let user: string;
  let prefill: string;
  if (layout !== 'suffixFirst') {
    const linePrefix = linePrefixOf(snapshot);
    const fileHeader = `Fill in ${HOLE} in \`${snapshot.relativePath}\`:\n\`\`\`${tag}\n`;
    const fileFooter = `\n\`\`\``;
    prefill = `\`\`\`${tag}\n${linePrefix}`;
    system = layout === 'typedLast' ? TYPED_LAST_SYSTEM_PROMPT : SYSTEM_PROMPT;
    const fixed = estimateTokens(system + context + fileHeader + HOLE + suffix + fileFooter + prefill) + 16;
    const prefix = fitPrefix(snapshot.prefix, snapshot.windowStartLine, input.block, budget - fixed);
    // typedLast: the line's indentation stays in the file, what was typed after it goes only in the answer.
    const before = prefix.slice(0, Math.max(0, prefix.length - linePrefix.length));
    const hole = layout === 'typedLast' ? `${before}${/^\s*/.exec(linePrefix)?.[0] ?? ''}${HOLE}` : `${prefix}${HOLE}`;
    user = `${context}${fileHeader}${hole}${suffix}${fileFooter}`;
  } else {
    const path = `\`${snapshot.relativePath}\``;
    user = suffix.trim()
      ? `${context}The code after the cursor in ${path}:\n\`\`\`${tag}\n${suffix}\n\`\`\`\nContinue ${path} from the cursor up to that code.`
      : `${context}The cursor is at the end of ${path}. Continue it from the cursor.`;
    system = SUFFIX_FIRST_SYSTEM_PROMPT;
    const fixed = estimateTokens(system + user) + 24;
    prefill = `\`\`\`${tag}\n${fitPrefix(snapshot.prefix, snapshot.windowStartLine, input.block, budget - fixed)}`;
  }

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
