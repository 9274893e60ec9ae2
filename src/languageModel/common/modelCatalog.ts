import { type ModelInfo, sameModelName } from '../../platform/backend/common/modelTypes';
// What VS Code's language-model API is told about the models installed in Ollama. Pure: the provider in
// vscode/ turns these into LanguageModelChatInformation.

/** The vendor under which Phi Local's models appear (`vscode.lm.selectChatModels({ vendor })`). */
export const LM_VENDOR = 'phi-local';

interface CatalogLimits {
  /** The context window Phi Local loads models with (`phiLocal.ollama.numCtx`). */
  readonly numCtx: number;
  /** The longest answer (`phiLocal.maxAnswerTokens`). */
  readonly maxAnswerTokens: number;
  /** Where Ollama runs, for the tooltip. */
  readonly host: string;
}

export interface CatalogEntry {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly detail: string;
  readonly tooltip: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly toolCalling: boolean; readonly imageInput: boolean };
}

/** Ollama generates text with models that have the `completion` capability; embedding models do not. */
export function canChat(info: ModelInfo): boolean {
  return info.capabilities.includes('completion');
}

/**
 * The entry for one model. The window is what Phi Local really gives the model: the smaller of its trained
 * context and num_ctx (Ollama truncates to num_ctx), of which the answer may take maxAnswerTokens.
 */
export function catalogEntry(info: ModelInfo, limits: CatalogLimits): CatalogEntry {
  const window = Math.min(info.contextLength ?? limits.numCtx, limits.numCtx);
  const maxOutputTokens = Math.max(1, Math.min(limits.maxAnswerTokens, Math.floor(window / 2)));
  const [base, tag] = splitTag(info.name);
  const size = [info.parameterSize, info.quantization].filter(Boolean).join(' ');
  const trained = info.contextLength ? `trained context ${info.contextLength} tokens, ` : '';
  return {
    id: info.name,
    name: info.name,
    family: info.family ?? base,
    version: tag,
    detail: size ? `Ollama · ${size}` : 'Ollama',
    tooltip: `${info.name} in Ollama at ${limits.host} (${trained}Phi Local uses ${window}). Served by Phi Local.`,
    maxInputTokens: Math.max(1, window - maxOutputTokens),
    maxOutputTokens,
    // Tool calling needs the tools passed to Ollama and its tool_calls read back, which this provider does not
    // do yet: no model declares it, even one with `tools`.
    capabilities: { toolCalling: false, imageInput: info.capabilities.includes('vision') },
  };
}

/** The chat-capable models, in a stable order: the chat model first, then by name. */
export function catalog(infos: readonly ModelInfo[], limits: CatalogLimits, chatModel: string): CatalogEntry[] {
  return infos
    .filter(canChat)
    .map((info) => catalogEntry(info, limits))
    .sort((a, b) => Number(sameModelName(b.id, chatModel)) - Number(sameModelName(a.id, chatModel)) || a.id.localeCompare(b.id));
}

function splitTag(name: string): [string, string] {
  const slash = name.lastIndexOf('/');
  const colon = name.indexOf(':', slash + 1);
  return colon < 0 ? [name, 'latest'] : [name.slice(0, colon), name.slice(colon + 1)];
}
