// What the extension knows about a model, parsed from Ollama's /api/show reply. Pure.

export interface ModelInfo {
  /** The name as the user wrote it (e.g. `phi4`). */
  readonly name: string;
  readonly capabilities: readonly string[];
  /** The model's trained context length, when the server reports it. */
  readonly contextLength?: number;
  readonly template: string;
  /** Stop sequences from the model's parameters. */
  readonly stop: readonly string[];
  readonly family?: string;
  readonly parameterSize?: string;
  readonly quantization?: string;
}

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
    template,
    stop: parseStops(typeof reply.parameters === 'string' ? reply.parameters : ''),
    family: text(details.family),
    parameterSize: text(details.parameter_size),
    quantization: text(details.quantization_level),
  };
}

/** Ollama lists `phi4` as `phi4:latest`: compare names the way it resolves them. */
export function sameModelName(a: string, b: string): boolean {
  const full = (name: string) => (name.includes(':') ? name : `${name}:latest`);
  return full(a.trim()) === full(b.trim());
}

/** "9.1 GB" style size, as Ollama prints it. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
