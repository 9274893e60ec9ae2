// What the extension knows about a model, parsed from Ollama's /api/show reply: its capabilities, context length,
// stops and the prompt format its template implies. Pure.
import type { ModelInfo, PromptFormat } from '../../backend/common/modelTypes';

export interface ShowReply {
  template?: unknown;
  parameters?: unknown;
  capabilities?: unknown;
  model_info?: unknown;
  details?: unknown;
}

/** Parses `stop "<|im_end|>"` lines of the `parameters` text. */
export function parseStops(parameters: string): string[] {
  const stops: string[] = [];
  for (const line of parameters.split('\n')) {
    const match = /^\s*stop\s+(.*)$/.exec(line);
    if (!match) continue;
    let value = match[1].trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        value = value.slice(1, -1);
      }
    }
    if (value) stops.push(value);
  }
  return stops;
}

/** The prompt format a model's template implies: FIM where it has `insert`, raw ChatML where its turns are ChatML. */
function promptFormatOf(capabilities: readonly string[], template: string): PromptFormat {
  if (capabilities.includes('insert')) return { kind: 'fim' };
  if (template.includes('<|im_start|>')) {
    const sep = /<\|im_sep\|>(\n?)/.exec(template);
    return { kind: 'chatml', roleSeparator: sep ? `<|im_sep|>${sep[1]}` : '\n' };
  }
  return { kind: 'chat' };
}

export function parseModelInfo(name: string, reply: ShowReply): ModelInfo {
  const template = typeof reply.template === 'string' ? reply.template : '';
  const capabilities = Array.isArray(reply.capabilities)
    ? reply.capabilities.filter((c): c is string => typeof c === 'string')
    : // Servers before capabilities existed: derive them from the template the way Ollama does.
      ['completion', ...(template.includes('.Suffix') ? ['insert'] : []), ...(template.includes('.Tools') ? ['tools'] : [])];
  let contextLength: number | undefined;
  if (reply.model_info && typeof reply.model_info === 'object') {
    for (const [key, value] of Object.entries(reply.model_info as Record<string, unknown>)) {
      if (key.endsWith('.context_length') && typeof value === 'number' && value > 0) contextLength = value;
    }
  }
  const details = (reply.details && typeof reply.details === 'object' ? reply.details : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  return {
    name,
    capabilities,
    contextLength,
    promptFormat: promptFormatOf(capabilities, template),
    stop: parseStops(typeof reply.parameters === 'string' ? reply.parameters : ''),
    family: text(details.family),
    parameterSize: text(details.parameter_size),
    quantization: text(details.quantization_level),
  };
}
