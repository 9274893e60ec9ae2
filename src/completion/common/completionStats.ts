// Local completion statistics (never sent anywhere): shown in the status bar tooltip and a command.

export interface StatsSnapshot {
  readonly requests: number;
  readonly shown: number;
  readonly accepted: number;
  readonly aborted: number;
  readonly failed: number;
  readonly cacheHits: number;
  readonly typedAheadHits: number;
  readonly skipped: number;
  readonly latencyP50?: number;
  readonly latencyP90?: number;
  /** The most recent completion's latency, ms. */
  readonly lastLatency?: number;
  readonly tokensGenerated: number;
  /** Prompts sent ahead (num_predict 1) so Ollama has them cached when the user pauses. */
  readonly warmUps: number;
  /** Continuations asked for in the background right after an accept. */
  readonly prefetches: number;
}

export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

type Counter =
  | 'requests'
  | 'shown'
  | 'accepted'
  | 'aborted'
  | 'failed'
  | 'cacheHits'
  | 'typedAheadHits'
  | 'skipped'
  | 'tokensGenerated'
  | 'warmUps'
  | 'prefetches';

/** Written only by the completion engine; everybody else reads a snapshot or the summary. */
export class CompletionStats {
  private readonly counts: Record<Counter, number> = {
    requests: 0,
    shown: 0,
    accepted: 0,
    aborted: 0,
    failed: 0,
    cacheHits: 0,
    typedAheadHits: 0,
    skipped: 0,
    tokensGenerated: 0,
    warmUps: 0,
    prefetches: 0,
  };
  private readonly latencies: number[] = [];

  /** Starts counting afresh (the user's Reset). */
  reset(): void {
    for (const key of Object.keys(this.counts) as Counter[]) this.counts[key] = 0;
    this.latencies.length = 0;
  }

  count(counter: Counter): void {
    this.counts[counter]++;
  }

  /** Time from the provider being asked to the suggestion being ready, for requests that reached the model. */
  recordLatency(ms: number): void {
    this.latencies.push(ms);
    if (this.latencies.length > 500) this.latencies.shift();
  }

  snapshot(): StatsSnapshot {
    return {
      ...this.counts,
      latencyP50: percentile(this.latencies, 50),
      latencyP90: percentile(this.latencies, 90),
      lastLatency: this.latencies.at(-1),
    };
  }

  /** One line for the tooltip and the log. */
  summary(): string {
    const s = this.snapshot();
    const latency = s.latencyP50 === undefined ? 'no latency yet' : `latency p50 ${s.latencyP50} ms, p90 ${s.latencyP90} ms`;
    return `Completions: ${s.requests} requests, ${s.shown} shown, ${s.accepted} accepted, ${s.aborted} aborted, ${s.cacheHits + s.typedAheadHits} served without a request; ${latency}`;
  }
}
