// Prompts of the selection commands (explain, refactor, fix, document, write tests). Pure.
import type { ContextBlock } from '../../platform/prompt/common/contextBlock';
import { cutToTokens, estimateTokens } from '../../platform/prompt/common/tokens';
import { tokensFor } from '../../platform/prompt/common/budget';
import { withInstructions, type ProjectInstructions } from '../../platform/prompt/common/projectInstructions';
import type { ChatMessage } from '../../platform/backend/common/modelTypes';

export type EditAction = 'refactor' | 'fix' | 'document';

export interface CodeTarget {
  /** Path shown to the model, relative to the workspace. */
  readonly path: string;
  readonly languageId: string;
  /** 0-based first and last line of the code. */
  readonly startLine: number;
  readonly endLine: number;
  readonly code: string;
  /** A few lines before and after, for context only. */
  readonly before: string;
  readonly after: string;
}

export interface DiagnosticInfo {
  readonly line: number;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  readonly source?: string;
  readonly code?: string;
}

/** Shown translated in the refactor quick pick (scripts/l10n.mjs takes the array marked l10n-messages). */
// l10n-messages
export const REFACTOR_PRESETS = ['Improve readability', 'Add types', 'Simplify', 'Make it faster', 'Add error handling'] as const;

const EDIT_SYSTEM =
  'You are Phi Local, a careful senior engineer inside VS Code. You rewrite the code you are given. Reply with ' +
  'exactly one fenced code block containing the complete replacement for the given code, with the same ' +
  'indentation style and nothing left out or elided. Keep behaviour unless asked to change it. No explanation ' +
  'before or after the block.';

export function label(target: CodeTarget): string {
  return `${target.path}:${target.startLine + 1}-${target.endLine + 1}`;
}

function surroundings(target: CodeTarget): string {
  const parts: string[] = [];
  if (target.before.trim())
    parts.push(`Code just before it (context only, do not repeat):\n\`\`\`${target.languageId}\n${target.before}\n\`\`\``);
  if (target.after.trim())
    parts.push(`Code just after it (context only, do not repeat):\n\`\`\`${target.languageId}\n${target.after}\n\`\`\``);
  return parts.join('\n\n');
}

/** The question and context an Explain sends to the chat. */
export function explainRequest(target: CodeTarget): { question: string; context: ContextBlock[] } {
  const context: ContextBlock[] = [{ label: label(target), language: target.languageId, text: target.code }];
  const around = [target.before && `// before\n${target.before}`, target.after && `// after\n${target.after}`].filter(Boolean).join('\n');
  if (around.trim()) context.push({ label: `${target.path} (surrounding lines)`, language: target.languageId, text: around });
  return {
    question: `Explain what the code in \`${label(target)}\` (${target.languageId}) does: its purpose, how it works step by step, and anything surprising or risky.`,
    context,
  };
}

function instructionFor(action: EditAction, instruction: string, diagnostics: readonly DiagnosticInfo[], target: CodeTarget): string {
  switch (action) {
    case 'refactor':
      return `Rewrite the code: ${instruction.trim()}.`;
    case 'fix': {
      const problems = diagnostics.length
        ? diagnostics
            .map((d) => `- line ${d.line + 1}: ${d.severity}: ${d.message}${d.source ? ` (${d.source}${d.code ? ` ${d.code}` : ''})` : ''}`)
            .join('\n')
        : '- (no diagnostics reported: look for bugs yourself)';
      return `Fix the problems in the code. The editor reports:\n${problems}\nChange only what is needed to fix them.${also(instruction)}`;
    }
    case 'document':
      return `${documentInstruction(target)}${also(instruction)}`;
  }
}

/** What the user added in their own words (after /fix or /doc in the chat). */
function also(instruction: string): string {
  const words = instruction.trim();
  return words ? `\nAlso: ${words.replace(/\.$/, '')}.` : '';
}

function documentInstruction(target: CodeTarget): string {
  return `Add documentation comments in the idiomatic style of ${target.languageId} (for example JSDoc/TSDoc for TypeScript and JavaScript, docstrings for Python, /// for Rust and C#, // comments above declarations for Go, Javadoc for Java) to every declaration in the code, and brief comments where the logic is not obvious. Do not change the code itself.`;
}

/** Messages for a rewrite of `target` (refactor, fix, document), within `budgetTokens` for the code and context. */
interface RewriteFit {
  readonly fits: boolean;
  /** Estimated tokens of the code to rewrite. */
  readonly codeTokens: number;
  /** The most a rewrite may take with this num_ctx: the prompt carries the code once and the answer needs as much again. */
  readonly maxCodeTokens: number;
}

/** Whether `target` can be rewritten whole within `numCtx`: a rewrite is never sent in part. */
export function rewriteFits(target: CodeTarget, numCtx: number): RewriteFit {
  const codeTokens = estimateTokens(target.code);
  const maxCodeTokens = tokensFor(tokensFor(numCtx, 'editInput'), 'editCode');
  return { fits: codeTokens <= maxCodeTokens, codeTokens, maxCodeTokens };
}

export function editMessages(
  action: EditAction,
  target: CodeTarget,
  options: { instruction?: string; diagnostics?: readonly DiagnosticInfo[]; budgetTokens: number; project?: ProjectInstructions },
): ChatMessage[] {
  // The code itself is never cut: a rewrite replaces the whole range (rewriteFits says beforehand).
  const code = target.code;
  const trimmed = {
    ...target,
    before: cutToTokens(target.before, tokensFor(options.budgetTokens, 'editSurroundings')),
    after: cutToTokens(target.after, tokensFor(options.budgetTokens, 'editSurroundings')),
  };
  const user = [
    `File \`${target.path}\` (${target.languageId}), lines ${target.startLine + 1}-${target.endLine + 1}:`,
    `\`\`\`${target.languageId}\n${code}\n\`\`\``,
    surroundings(trimmed),
    instructionFor(action, options.instruction ?? '', options.diagnostics ?? [], target),
    `Reply with the complete replacement for lines ${target.startLine + 1}-${target.endLine + 1} in one \`\`\`${target.languageId} block.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return [
    { role: 'system', content: withInstructions(EDIT_SYSTEM, options.project) },
    { role: 'user', content: user },
  ];
}

interface TestSetup {
  /** Language id of the test file. */
  readonly languageId: string;
  /** e.g. `vitest`, `jest`, `mocha`, `pytest`, `go test`. */
  readonly framework: string;
}

/** Guesses the test framework from the workspace's manifests (their text, keyed by file name). */
export function guessTestSetup(languageId: string, manifests: Readonly<Record<string, string>>): TestSetup {
  const pkg = manifests['package.json'] ?? '';
  if (['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].includes(languageId)) {
    for (const framework of ['vitest', 'jest', 'mocha', 'ava'])
      if (new RegExp(`"${framework}"\\s*:`).test(pkg)) return { languageId, framework };
    if (/"test"\s*:\s*"node --test/.test(pkg)) return { languageId, framework: 'node:test' };
    return { languageId, framework: languageId.startsWith('typescript') ? 'vitest' : 'node:test' };
  }
  if (languageId === 'python') {
    const python =
      (manifests['pyproject.toml'] ?? '') +
      (manifests['requirements-dev.txt'] ?? '') +
      (manifests['requirements.txt'] ?? '') +
      (manifests['setup.cfg'] ?? '');
    return { languageId, framework: /pytest/.test(python) || !/unittest/.test(python) ? 'pytest' : 'unittest' };
  }
  if (languageId === 'go') return { languageId, framework: 'go test (testing package, table-driven)' };
  if (languageId === 'rust') return { languageId, framework: '#[cfg(test)] module with #[test] functions' };
  if (languageId === 'java')
    return {
      languageId,
      framework:
        /junit-jupiter|junit5/.test(manifests['pom.xml'] ?? '') || !/junit<|junit:junit/.test(manifests['pom.xml'] ?? '')
          ? 'JUnit 5'
          : 'JUnit 4',
    };
  if (languageId === 'csharp') return { languageId, framework: /nunit/i.test(manifests['*.csproj'] ?? '') ? 'NUnit' : 'xUnit' };
  return { languageId, framework: 'the usual test framework of the language' };
}

export function testMessages(target: CodeTarget, setup: TestSetup, budgetTokens: number, project?: ProjectInstructions): ChatMessage[] {
  const code = cutToTokens(target.code, tokensFor(budgetTokens, 'testsCode'));
  return [
    {
      role: 'system',
      content: withInstructions(
        'You are Phi Local, a careful engineer who writes focused, runnable unit tests. Reply with exactly one fenced code block containing a complete test file (imports included), no explanation.',
        project,
      ),
    },
    {
      role: 'user',
      content: `Write unit tests with ${setup.framework} for this ${target.languageId} code from \`${target.path}\` (import it from there). Cover normal cases, edge cases and errors.\n\n\`\`\`${target.languageId}\n${code}\n\`\`\``,
    },
  ];
}
