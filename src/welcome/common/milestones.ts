// The getting-started walkthrough's steps and what completes each: real events only (Ollama answered, the
// model is there, a suggestion was accepted, a question was sent, a proposal was applied). Pure.
import type { ConnectionState } from '../../platform/status/common/statusView';

export const MILESTONES = ['ollamaRunning', 'modelPresent', 'completionAccepted', 'chatSent', 'proposalAccepted'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** The context key a walkthrough step's completionEvents waits for. */
export function contextKeyOf(milestone: Milestone): string {
  return `phiLocal.walkthrough.${milestone}`;
}

/** Milestones a connection state proves: Ollama answered; the configured model is installed. */
export function reachedBy(state: ConnectionState): Milestone[] {
  switch (state.kind) {
    case 'ready':
    case 'loading':
      return ['ollamaRunning', 'modelPresent'];
    case 'modelMissing':
    case 'pulling':
      return ['ollamaRunning'];
    default:
      return [];
  }
}

/** Parses the stored set defensively: unknown names are dropped. */
export function storedMilestones(value: unknown): Set<Milestone> {
  const list = Array.isArray(value) ? value : [];
  return new Set(list.filter((m): m is Milestone => typeof m === 'string' && (MILESTONES as readonly string[]).includes(m)));
}

/** A small file to try completions in: the cursor goes to the end of the line that asks for code. */
export const SAMPLE = {
  language: 'typescript',
  text: [
    '// Phi Local: pause at the end of the last line and a suggestion appears as ghost text. Tab accepts it.',
    'interface Item {',
    '  name: string;',
    '  price: number;',
    '  quantity: number;',
    '}',
    '',
    '/** The total price of all items in the cart. */',
    'export function cartTotal(items: Item[]): number {',
    '  return ',
  ].join('\n'),
} as const;
