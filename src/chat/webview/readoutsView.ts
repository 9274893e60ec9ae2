// The chat's readouts in the view: a quiet line under each finished answer (time to first token, speed,
// prompt size) and the context gauge above the input (turns to the warning colour before old turns are left
// out). Text only, from numbers the extension sent; labels translated by the extension.
import type { AnswerStats, ContextUse } from '../common/answerReadouts';
import { CONTEXT_WARNING } from '../common/answerReadouts';

type Label = (key: string) => string;

const fill = (template: string, value: string) => template.replace('{0}', value);

export function statsNode(stats: AnswerStats, t: Label): HTMLElement {
  const parts: string[] = [];
  if (stats.firstTokenMs !== undefined) parts.push(fill(t('statsFirstToken'), (stats.firstTokenMs / 1000).toFixed(1)));
  if (stats.tokensPerSecond !== undefined) parts.push(fill(t('statsSpeed'), stats.tokensPerSecond.toFixed(1)));
  if (stats.promptTokens !== undefined) parts.push(fill(t('statsPrompt'), stats.promptTokens.toLocaleString()));
  const line = document.createElement('div');
  line.className = 'answer-stats';
  line.textContent = parts.join(' · ');
  return line;
}

export function renderGauge(gauge: HTMLElement, use: ContextUse, t: Label): void {
  const share = use.budget > 0 ? use.used / use.budget : 0;
  const warn = share >= CONTEXT_WARNING;
  const fillBar = gauge.querySelector<HTMLElement>('.gauge-fill');
  const text = gauge.querySelector<HTMLElement>('.gauge-text');
  if (fillBar) fillBar.style.width = `${Math.min(100, Math.round(share * 100))}%`;
  const summary = t('contextGauge').replace('{0}', use.used.toLocaleString()).replace('{1}', use.budget.toLocaleString());
  if (text) text.textContent = summary;
  gauge.classList.toggle('warning', warn);
  gauge.setAttribute('aria-valuemax', String(use.budget));
  gauge.setAttribute('aria-valuenow', String(Math.min(use.used, use.budget)));
  gauge.setAttribute('aria-valuetext', warn ? `${summary}. ${t('contextWarning')}` : summary);
  gauge.title = warn ? t('contextWarning') : summary;
}
