import type { CompletionPrompt } from '../../platform/backend/common/modelTypes';
// A cache warm-up in flight, and whether a completion can use it: pure helpers of the completion engine.

export interface WarmUp {
  readonly controller: AbortController;
  readonly model: string;
  /** The prompt as the model sees it. */
  readonly text: string;
  /** Length of the part before the text typed on the cursor line. */
  readonly stable: number;
  /** Settles when the warm-up's request has ended, however it ended. */
  done: Promise<void>;
}

export function promptText(prompt: CompletionPrompt): string {
  return prompt.messages ? prompt.messages.map((m) => `${m.role}\n${m.content}`).join('\n') : prompt.prompt;
}

/**
 * Whether `next` is the warm-up's prompt with other text typed on the cursor line: it shares everything before
 * that text (the file, the marker, the code after it), so Ollama reuses all the warm-up evaluates.
 */
export function continuesWarmUp(warm: Pick<WarmUp, 'text' | 'stable'>, next: string): boolean {
  if (next.length < warm.stable) return false;
  for (let i = 0; i < warm.stable; i++) if (warm.text.charCodeAt(i) !== next.charCodeAt(i)) return false;
  return true;
}

/** Waits for `settled`; false when the signal aborts first. */
export function untilSettled(settled: Promise<void>, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(!signal.aborted);
    });
  });
}
