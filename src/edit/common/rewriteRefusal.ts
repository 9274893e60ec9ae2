// Why a rewrite was refused before anything was sent (the code does not fit twice in the context window), and
// which setting bounds that window for the backend in use: Ollama's num_ctx, or the team server's window. Pure.
import type { BackendKind } from '../../platform/backend/common/modelBackend';
import type { Translate } from '../../platform/l10n/common/translate';

interface TooLarge {
  readonly lines: number;
  readonly codeTokens: number;
  readonly maxCodeTokens: number;
  readonly numCtx: number;
}

export function tooLargeRefusal(size: TooLarge, backend: BackendKind, t: Translate): { message: string; setting: string } {
  const { lines, codeTokens, numCtx, maxCodeTokens } = size;
  if (backend === 'openai-compatible') {
    return {
      setting: 'phiLocal.openai.contextLength',
      message: t(
        "The code to rewrite is {0} lines, about {1} tokens; with the team server's context window at {2} tokens (phiLocal.openai.contextLength, or what the server reports), Phi Local can rewrite at most about {3} tokens at once, because the answer needs as much room again. Nothing was sent. Select less code, or serve the model with a larger window.",
        lines,
        codeTokens,
        numCtx,
        maxCodeTokens,
      ),
    };
  }
  return {
    setting: 'phiLocal.ollama.numCtx',
    message: t(
      'The code to rewrite is {0} lines, about {1} tokens; with phiLocal.ollama.numCtx at {2}, Phi Local can rewrite at most about {3} tokens at once, because the answer needs as much room again. Nothing was sent. Select less code, or raise phiLocal.ollama.numCtx.',
      lines,
      codeTokens,
      numCtx,
      maxCodeTokens,
    ),
  };
}
