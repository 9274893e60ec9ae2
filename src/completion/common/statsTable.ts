// The rows of the completion statistics view: what happened to the suggestions, how fast they came, and how
// many requests reuse saved. All local. Pure: labels go through `t`.
import type { StatsSnapshot } from './completionStats';

import type { Translate } from '../../platform/l10n/common/translate';

export function statsRows(s: StatsSnapshot, t: Translate): [string, string][] {
  const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)} %` : '–');
  const ms = (value: number | undefined) => (value === undefined ? '–' : `${value} ms`);
  const reused = s.cacheHits + s.typedAheadHits;
  return [
    [t('Suggestions shown'), String(s.shown)],
    [t('Accepted'), `${s.accepted} (${percent(s.accepted, s.shown)})`],
    [t('Latency p50 / p90'), `${ms(s.latencyP50)} / ${ms(s.latencyP90)}`],
    [t('Last completion'), ms(s.lastLatency)],
    [t('Model requests'), String(s.requests)],
    [t('Served without a request (cache, typed ahead)'), `${reused} (${percent(reused, reused + s.requests)})`],
    [t('Requests closed early (you typed on)'), String(s.aborted)],
    [t('Failed requests'), String(s.failed)],
    [t('Tokens generated'), String(s.tokensGenerated)],
    [t('Cache warm-ups / prefetches'), `${s.warmUps} / ${s.prefetches}`],
  ];
}
