// Ollama's replies as the rest of the extension sees them: plain, typed, and parsed defensively (a reply in
// the wrong shape becomes a clear error or an empty list, never a crash deeper in). Pure.
import type { InstalledModel, LoadedModel, PullProgress, StreamStats } from '../../backend/common/modelTypes';

function nsToMs(value: unknown): number | undefined {
  return typeof value === 'number' ? Math.round(value / 1e6) : undefined;
}

export function statsOf(part: Record<string, unknown>): StreamStats {
  return {
    doneReason: typeof part.done_reason === 'string' ? part.done_reason : undefined,
    promptEvalCount: typeof part.prompt_eval_count === 'number' ? part.prompt_eval_count : undefined,
    evalCount: typeof part.eval_count === 'number' ? part.eval_count : undefined,
    totalDurationMs: nsToMs(part.total_duration),
    loadDurationMs: nsToMs(part.load_duration),
    promptEvalDurationMs: nsToMs(part.prompt_eval_duration),
    evalDurationMs: nsToMs(part.eval_duration),
  };
}

type Row = Record<string, unknown>;

function namedRows(list: unknown[]): Row[] {
  return list.filter((m): m is Row => !!m && typeof m === 'object' && typeof (m as Row).name === 'string');
}

/** GET /api/tags. A reply without a models list is not Ollama's: that throws. */
export function parseInstalledModels(reply: unknown): InstalledModel[] {
  const models = (reply as { models?: unknown } | undefined)?.models;
  if (!Array.isArray(models)) throw new Error('unexpected /api/tags reply: no models list');
  return namedRows(models).map((m) => {
    const details = (m.details ?? {}) as Row;
    return {
      name: m.name as string,
      sizeBytes: typeof m.size === 'number' ? m.size : 0,
      parameterSize: typeof details.parameter_size === 'string' ? details.parameter_size : undefined,
      quantization: typeof details.quantization_level === 'string' ? details.quantization_level : undefined,
    };
  });
}

/** GET /api/ps: the models in memory (none when the reply has no list). */
export function parseLoadedModels(reply: unknown): LoadedModel[] {
  const models = (reply as { models?: unknown } | undefined)?.models;
  if (!Array.isArray(models)) return [];
  return namedRows(models).map((m) => ({ name: m.name as string, expiresAt: typeof m.expires_at === 'string' ? m.expires_at : undefined }));
}

/** Sums /api/pull progress over the layers seen so far (each line reports one layer). */
export class PullTally {
  private readonly layers = new Map<string, { completed: number; total: number }>();

  add(raw: unknown): PullProgress {
    const part = (raw && typeof raw === 'object' ? raw : {}) as Row;
    const status = typeof part.status === 'string' ? part.status : '';
    if (typeof part.digest === 'string' && typeof part.total === 'number') {
      this.layers.set(part.digest, { total: part.total, completed: typeof part.completed === 'number' ? part.completed : 0 });
    }
    let completed = 0;
    let total = 0;
    for (const layer of this.layers.values()) {
      completed += layer.completed;
      total += layer.total;
    }
    return { status, completed, total };
  }
}
