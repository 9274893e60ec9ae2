// The completion statistics as the status bar's tooltip shows them (translated; all local, never sent).
import * as vscode from 'vscode';
import type { StatsSnapshot } from '../common/completionStats';

export function completionDetails(stats: StatsSnapshot): string[] {
  if (stats.lastLatency === undefined) return [vscode.l10n.t('No inline completion yet in this window.')];
  const rate = stats.shown ? Math.round((stats.accepted / stats.shown) * 100) : 0;
  return [
    vscode.l10n.t('Last completion {0} ms (p50 {1} ms, p90 {2} ms).', stats.lastLatency, stats.latencyP50 ?? 0, stats.latencyP90 ?? 0),
    vscode.l10n.t(
      '{0} of {1} suggestions accepted ({2} %); {3} served without a request.',
      stats.accepted,
      stats.shown,
      rate,
      stats.cacheHits + stats.typedAheadHits,
    ),
  ];
}
