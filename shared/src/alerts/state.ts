/**
 * What the alert rules look at for one account: its latest month with data, scored and judged by the same
 * functions as the dashboard and the playbooks screen, so an alert never disagrees with what the app shows.
 */
import { scoreMonth, type HealthStatus } from '../health/health';
import type { AccountSeries } from '../health/portfolio';
import type { KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG, type Catalog } from '../kpi/overrides';
import { buildTriggerContext } from '../playbooks/context';
import { PLAYBOOK_IDS, type PlaybookId } from '../playbooks/definitions';
import { DEFAULT_PLAYBOOK_RULES, evaluateTrigger, type ResolvedPlaybookRules } from '../playbooks/triggers';
import { daysBetween, monthRange, previousMonth } from '../time/months';
import type { IsoDate, Month } from '../units';
import type { AccountAlertState } from './types';

export interface AccountAlertStateInput {
  readonly account: {
    readonly id: string;
    readonly name: string;
    readonly ownerId: string | null;
    readonly renewalDate: IsoDate | null;
  };
  readonly series: AccountSeries;
  /** The day the rules are evaluated on (the server's, in UTC): days to renewal count from it. */
  readonly today: IsoDate;
  /** The tenant's catalog; the defaults otherwise. */
  readonly catalog?: Catalog;
  /** The tenant's playbook rules (`resolvePlaybookRules`); the defaults otherwise. */
  readonly playbookRules?: ResolvedPlaybookRules;
  /** Playbooks with a planned or active run on the account: their triggers are not news. */
  readonly activePlaybooks?: readonly PlaybookId[];
}

function hasAnyValue(values: KpiValues): boolean {
  return Object.values(values).some((value) => value !== undefined && Number.isFinite(value));
}

/** The latest month with any value; a month stored empty (every value cleared) does not count. */
export function latestMonthWithData(series: AccountSeries): Month | null {
  let latest: Month | null = null;
  for (const [month, values] of series.months) {
    if ((latest === null || month > latest) && hasAnyValue(values)) latest = month;
  }
  return latest;
}

function earliestMonth(series: AccountSeries, fallback: Month): Month {
  let earliest = fallback;
  for (const month of series.months.keys()) if (month < earliest) earliest = month;
  return earliest;
}

function firedPlaybooks(input: AccountAlertStateInput, month: Month, catalog: Catalog): PlaybookId[] {
  const rules = input.playbookRules?.rules ?? DEFAULT_PLAYBOOK_RULES;
  const active = new Set(input.activePlaybooks ?? []);
  // The context the playbooks screen builds (days to renewal from the month's end, its status history), so a
  // "playbook trigger fired" alert always matches a recommendation on that screen.
  const context = buildTriggerContext({
    series: input.series,
    month,
    months: monthRange(earliestMonth(input.series, month), month),
    renewalDate: input.account.renewalDate,
    catalog,
  });
  return PLAYBOOK_IDS.filter((id) => !active.has(id) && evaluateTrigger(rules[id], context, catalog).fired);
}

export function accountAlertState(input: AccountAlertStateInput): AccountAlertState {
  const { account, series, today } = input;
  const catalog = input.catalog ?? DEFAULT_CATALOG;
  const month = latestMonthWithData(series);
  const daysToRenewal = account.renewalDate === null ? null : daysBetween(today, account.renewalDate);
  const base = {
    accountId: account.id,
    accountName: account.name,
    ownerId: account.ownerId,
    renewalDate: account.renewalDate,
    daysToRenewal,
  };
  if (month === null) {
    const status: HealthStatus = 'unknown';
    return { ...base, month, status, score: null, previousScore: null, values: {}, firedPlaybooks: [] };
  }
  const values = series.months.get(month) ?? {};
  const current = scoreMonth(values, catalog);
  const previousValues = series.months.get(previousMonth(month));
  return {
    ...base,
    month,
    status: current.status,
    score: current.score,
    previousScore: previousValues === undefined ? null : scoreMonth(previousValues, catalog).score,
    values,
    firedPlaybooks: firedPlaybooks(input, month, catalog),
  };
}
