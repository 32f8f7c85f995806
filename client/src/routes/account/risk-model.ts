/**
 * Churn risk for the account screen: the shared logistic model over the account's latest health and values,
 * and its top factors turned into sentences a CSM can repeat in a meeting.
 */
import {
  churnRisk,
  daysBetween,
  lastDayOfMonth,
  type AccountHealth,
  type ChurnRisk,
  type FeatureContribution,
  type IsoDate,
  type KpiValues,
  type Month,
} from '@vitals/shared';

export type RiskLevel = 'low' | 'moderate' | 'high';

export interface RiskView {
  readonly risk: ChurnRisk;
  readonly level: RiskLevel;
  /** Days from the end of the latest month to the renewal date; `null` without a renewal date. */
  readonly daysToRenewal: number | null;
}

/** Thresholds for the words only; the percentage is always shown beside them. */
export function riskLevel(risk: number): RiskLevel {
  return risk >= 0.5 ? 'high' : risk >= 0.2 ? 'moderate' : 'low';
}

/** `null` when the account has no score: a risk made only of neutral guesses would look like knowledge. */
export function accountRisk(
  health: AccountHealth,
  values: KpiValues,
  renewalDate: string | null,
  latest: Month,
): RiskView | null {
  if (health.score === null) return null;
  // Values describe a month as of its end, so the renewal is counted from there, not from today.
  const daysToRenewal = renewalDate ? daysBetween(lastDayOfMonth(latest), renewalDate as IsoDate) : null;
  const risk = churnRisk({
    score: health.score,
    slope: health.trend.slope,
    daysToRenewal,
    nps: values.nps,
    escalations: values.escalations,
    paymentDelinquencyDays: values.payment_delinquency_days,
  });
  return { risk, level: riskLevel(risk.risk), daysToRenewal };
}

export interface FactorWords {
  readonly text: string;
  readonly effect: 'raises' | 'lowers' | 'neutral';
  /** "strongly raises risk", "slightly lowers risk", "not known, counted as neutral". */
  readonly impact: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function describe(c: FeatureContribution): string {
  const v = c.input;
  switch (c.feature) {
    case 'score':
      return v === null ? 'Health score' : `Health score ${Math.round(v)} (typical is 60)`;
    case 'slope':
      if (v === null) return 'Score trend';
      if (Math.abs(v) < 0.05) return 'Score holding steady';
      return `Score ${v < 0 ? 'falling' : 'rising'} ${Math.abs(v).toFixed(1)} points a month`;
    case 'daysToRenewal':
      if (v === null) return 'Renewal date';
      return v <= 0 ? 'Renewal date has passed' : `Renewal in ${plural(Math.round(v), 'day')}`;
    case 'nps':
      return v === null ? 'Net Promoter Score' : `Net Promoter Score ${Math.round(v)}`;
    case 'escalations':
      return v === null ? 'Escalations' : `${plural(Math.round(v), 'escalation')} last month`;
    case 'paymentDelinquencyDays':
      if (v === null) return 'Payment status';
      return v <= 0 ? 'Invoices paid on time' : `Payment ${plural(Math.round(v), 'day')} overdue`;
  }
}

export function factorWords(c: FeatureContribution): FactorWords {
  const text = describe(c);
  if (c.imputed) return { text, effect: 'neutral', impact: 'not known, counted as neutral' };
  const size = Math.abs(c.contribution);
  if (size < 0.01) return { text, effect: 'neutral', impact: 'no effect on risk' };
  const strength = size >= 1 ? 'strongly ' : size < 0.25 ? 'slightly ' : '';
  const effect = c.contribution > 0 ? 'raises' : 'lowers';
  return { text, effect, impact: `${strength}${effect} risk` };
}
