// An OpenAI-compatible server's replies (vLLM, llama.cpp's server, LM Studio) as the rest of the extension
// sees them: the model list, what a model is (context window, prompt format), the final counts of a stream.
// Parsed defensively: a reply in the wrong shape becomes an empty list or an unknown, never a crash. Pure.
import { CHATML_FORMAT, PHI4_FORMAT, type InstalledModel, type ModelInfo, type StreamStats } from '../../backend/common/modelTypes';

/** One entry of GET /v1/models, with the fields servers add to OpenAI's. */
export interface ServedModel {
  readonly id: string;
  readonly ownedBy?: string;
  /** The context window the server runs the model with, when it says (vLLM's max_model_len, llama.cpp's n_ctx…). */
  readonly contextLength?: number;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The `data` list of GET /v1/models; entries without a string id are left out. */
export function parseServedModels(reply: unknown): ServedModel[] {
  const data = reply && typeof reply === 'object' ? (reply as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) return [];
  const models: ServedModel[] = [];
  for (const entry of data) {
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    if (typeof e.id !== 'string' || !e.id) continue;
    const meta = e.meta && typeof e.meta === 'object' ? (e.meta as Record<string, unknown>) : {};
    const contextLength =
      positiveInteger(e.max_model_len) ?? // vLLM
      positiveInteger(e.context_length) ?? // LM Studio, OpenRouter-style servers
      positiveInteger(e.max_context_length) ??
      // llama.cpp lists only n_ctx_train (what the model was trained with), not the -c it runs with: not used.
      positiveInteger(meta.n_ctx);
    models.push({ id: e.id, ownedBy: typeof e.owned_by === 'string' ? e.owned_by : undefined, contextLength });
  }
  return models;
}

export function installedFrom(models: readonly ServedModel[]): InstalledModel[] {
  return models.map((m) => ({ name: m.id, sizeBytes: 0 }));
}

/** Model ids name the same model: exact, or the same ignoring case (servers keep the Hugging Face spelling). */
export function sameServedModel(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

const PHI4_STOPS = ['<|im_start|>', '<|im_end|>', '<|im_sep|>'];
const CHATML_STOPS = ['<|im_start|>', '<|im_end|>'];

/**
 * What the extension knows about a served model. The OpenAI-compatible API does not say which prompt template
 * a model uses, so it is known by name: Phi-4 (microsoft/phi-4, phi4, phi-4-Q4_K_M.gguf…) takes phi4's raw
 * ChatML, so completions use the raw hole-filling prompt through /v1/completions; Qwen-style ChatML models
 * take theirs; any other model is asked through /v1/chat/completions. Fill-in-the-middle (`insert`) only
 * where the server offers it: llama.cpp's /infill, for code models with FIM tokens (/v1/completions has no
 * suffix that the servers honour).
 */
export function servedModelInfo(name: string, served: ServedModel | undefined, contextSetting: number): ModelInfo {
  const id = (served?.id ?? name).toLowerCase();
  const phi4 = /(^|[/_:-])phi-?4(?![\d.]|-?mini|-?multimodal)/.test(id);
  const chatml = !phi4 && /qwen|chatml|hermes|openhermes/.test(id);
  // llama.cpp's server fills in the middle (/infill) for models with FIM tokens: the code models known to have them.
  const fim = served?.ownedBy === 'llamacpp' && /coder|starcoder|codellama|codegemma|codestral/.test(id);
  return {
    name,
    capabilities: fim ? ['completion', 'insert'] : ['completion'],
    contextLength: contextSetting > 0 ? contextSetting : served?.contextLength,
    promptFormat: fim ? { kind: 'fim' } : phi4 ? PHI4_FORMAT : chatml ? CHATML_FORMAT : { kind: 'chat' },
    stop: phi4 ? PHI4_STOPS : chatml ? CHATML_STOPS : [],
  };
}

/** The `usage` object of a stream's last chunk, and the finish reason, as the stats Ollama's final chunk gives. */
export function statsFromUsage(usage: unknown, finishReason: string | undefined, totalMs: number, firstTokenMs?: number): StreamStats {
  const u = usage && typeof usage === 'object' ? (usage as Record<string, unknown>) : {};
  const promptTokens = positiveInteger(u.prompt_tokens) ?? (u.prompt_tokens === 0 ? 0 : undefined);
  const completionTokens = positiveInteger(u.completion_tokens) ?? (u.completion_tokens === 0 ? 0 : undefined);
  return {
    doneReason: finishReason === 'length' ? 'length' : 'stop',
    promptEvalCount: promptTokens,
    evalCount: completionTokens,
    totalDurationMs: Math.round(totalMs),
    // The API gives no split; the time to the first token is the closest to prompt evaluation.
    promptEvalDurationMs: firstTokenMs !== undefined ? Math.round(firstTokenMs) : undefined,
    evalDurationMs: firstTokenMs !== undefined ? Math.max(0, Math.round(totalMs - firstTokenMs)) : undefined,
  };
}
