import type { components } from '../../../client/index.js';
import type { Language } from '../i18n/language.js';

export type Rate = components['schemas']['RateResponse'];

/**
 * A rate as the service gives it: its whole percent and the counts it comes from ("63 %", "10 / 16").
 * Never recomputed here: `percent` is the service's rounding.
 */
export function formatPercent(rate: Rate, language: Language): string {
  return language === 'fr' ? `${rate.percent} %` : `${rate.percent}%`;
}

export function formatCounts(rate: Rate): string {
  return `${rate.numerator} / ${rate.denominator}`;
}

/** "63 % (10 / 16)", or a dash where there is no rate (no denominator yet). */
export function formatRate(rate: Rate | null | undefined, language: Language): string {
  return rate ? `${formatPercent(rate, language)} (${formatCounts(rate)})` : '—';
}
