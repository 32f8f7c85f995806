/**
 * What a playbook trigger looks at for one account in one month, built from its KPI series: that month's
 * values, the status of each listed month up to it, days from the month's end to renewal, churn risk and ARR.
 * The one place recommendations, the sample's run evidence and its tests build it.
 */
import { churnRisk } from '../analytics/risk';
import { scoreMonth, type HealthStatus } from '../health/health';
import { accountHealth, type AccountSeries } from '../health/portfolio';
import type { Catalog } from '../kpi/overrides';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { daysBetween, lastDayOfMonth } from '../time/months';
import { cents, type IsoDate, type Month } from '../units';
import type { TriggerContext } from './triggers';

export interface TriggerContextInput {
  readonly series: AccountSeries;
  readonly month: Month;
  /** Calendar months the status history covers (a month without data counts as `unknown`). */
  readonly months: readonly Month[];
  readonly renewalDate: IsoDate | null;
  readonly catalog?: Catalog;
}

export function buildTriggerContext(input: TriggerContextInput): TriggerContext {
  const { series, month, months, renewalDate, catalog = DEFAULT_CATALOG } = input;
  const latest = series.months.get(month) ?? {};
  const statusHistory: HealthStatus[] = months
    .filter((m) => m <= month)
    .map((m) => scoreMonth(series.months.get(m) ?? {}, catalog).status);
  const daysToRenewal = renewalDate === null ? null : daysBetween(lastDayOfMonth(month), renewalDate);
  const health = accountHealth(series, month, catalog);
  const risk = churnRisk({
    score: health.score,
    slope: health.trend.slope,
    daysToRenewal,
    nps: latest.nps,
    escalations: latest.escalations,
    paymentDelinquencyDays: latest.payment_delinquency_days,
  });
  return {
    accountId: series.accountId,
    latest,
    statusHistory,
    daysToRenewal,
    churnRisk: risk.risk,
    arr: latest.arr === undefined ? null : cents(latest.arr),
  };
}
