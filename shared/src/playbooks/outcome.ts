/**
 * What a run achieved (DOMAIN.md "Playbooks": "a completed run records before/after values of the KPIs its
 * trigger and criterion name, and whether the criterion was met").
 *
 * - Before: the baseline snapshot the run took when it started (the account's latest month then).
 * - After: the account's latest values when the run completes. KPI values are monthly and the app edits the
 *   latest month, so "after" may be the same month as the baseline with values updated since (a pulse
 *   survey's NPS typed in after the sprint): the snapshot is what makes that comparable.
 * - A criterion with a window ("within 60 days") is judged when the run completes, or at the window's end if
 *   the run completes later: the values read are those of the last month that began inside the window, so
 *   a late completion neither hides a success reached in time nor counts one reached too late.
 */
import type { AccountSeries } from '../health/portfolio';
import type { KpiId, KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import { addDays, daysBetween, monthOfDate } from '../time/months';
import { cents, type Cents, type IsoDate, type Month } from '../units';
import { evaluateSuccess, namedKpis, type PlaybookRules, type SuccessResult } from './triggers';

export type Baseline = NonNullable<PlaybookRunDoc['baseline']>;
export type RunOutcome = NonNullable<PlaybookRunDoc['outcome']>;

/**
 * What a completed run records: the KPIs its trigger and criterion name (the rows of the before/after table),
 * plus `arr` when the criterion measures ARR (`evaluateSuccess` reads it as baseline and after ARR).
 */
export function outcomeKpisOf(rules: PlaybookRules): KpiId[] {
  const kpis = namedKpis(rules);
  if (rules.success.conditions.some((c) => c.kind === 'arr_percent') && !kpis.includes('arr'))
    kpis.push('arr');
  return kpis.sort((a, b) => DEFAULT_CATALOG.order[a] - DEFAULT_CATALOG.order[b]);
}

/** The account's latest month with values, copied: a run's baseline. `null` when it has no values at all. */
export function baselineSnapshot(series: AccountSeries | undefined): Baseline | null {
  let latest: Month | null = null;
  for (const [m, values] of series?.months ?? []) {
    if (Object.keys(values).length > 0 && (latest === null || m > latest)) latest = m;
  }
  return latest === null ? null : { month: latest, values: { ...series!.months.get(latest)! } };
}

function pick(values: KpiValues, kpis: readonly KpiId[]): KpiValues {
  const picked: KpiValues = {};
  for (const kpi of kpis) {
    const value = values[kpi];
    if (value !== undefined && Number.isFinite(value)) picked[kpi] = value;
  }
  return picked;
}

const dayOf = (timestamp: string): IsoDate => timestamp.slice(0, 10) as IsoDate;
const arrOf = (values: KpiValues): Cents | null => (values.arr === undefined ? null : cents(values.arr));

export interface OutcomeInput {
  readonly rules: PlaybookRules;
  readonly baseline: Baseline | null;
  /** When the run started (ISO timestamp): day 0 of the success window. */
  readonly startedAt: string;
  /** When the run is completed (ISO timestamp). */
  readonly completedAt: string;
  /** The account's KPI values by month, as they are now. */
  readonly series: AccountSeries | undefined;
  /** Whether the account renewed (Renewal Safeguard asks); `null` when not known. */
  readonly renewed: boolean | null;
}

export interface MeasuredOutcome {
  /** What the run document records. */
  readonly outcome: RunOutcome;
  /** The criterion's measures, for the confirmation and the report. */
  readonly result: SuccessResult;
  /** The month the after-values come from; `null` when the account had none to read. */
  readonly afterMonth: Month | null;
  /** Days from the start to the day the values were judged on. */
  readonly daysElapsed: number;
  /** The day the values were judged on: the completion, or the window's last day when that came first. */
  readonly judgedOn: IsoDate;
}

/** The latest month with values, no earlier than `from` and no later than `until`. */
function latestMonthBetween(
  series: AccountSeries | undefined,
  from: Month | null,
  until: Month,
): Month | null {
  let found: Month | null = null;
  for (const [m, values] of series?.months ?? []) {
    if (Object.keys(values).length === 0 || m > until || (from !== null && m < from)) continue;
    if (found === null || m > found) found = m;
  }
  return found;
}

/** Measures a run's outcome at its completion (see the header for which values count). */
export function measureOutcome(input: OutcomeInput): MeasuredOutcome {
  const { rules, baseline, series } = input;
  const started = dayOf(input.startedAt);
  const completed = dayOf(input.completedAt);
  const window = rules.success.withinDays;
  const windowEnd = window === null ? null : addDays(started, window);
  const judgedOn = windowEnd !== null && windowEnd < completed ? windowEnd : completed;
  const daysElapsed = Math.max(0, daysBetween(started, judgedOn));
  const afterMonth = latestMonthBetween(series, baseline?.month ?? null, monthOfDate(judgedOn));
  const before = baseline?.values ?? {};
  const after = afterMonth === null ? {} : (series?.months.get(afterMonth) ?? {});
  const renewalCriterion = rules.success.conditions.some((c) => c.kind === 'renewed');
  const result = evaluateSuccess(rules, {
    baseline: before,
    after,
    daysElapsed,
    renewed: renewalCriterion ? input.renewed : null,
    baselineArr: arrOf(before),
    afterArr: arrOf(after),
  });
  const kpis = outcomeKpisOf(rules);
  return {
    outcome: {
      criterionMet: result.met,
      before: pick(before, kpis),
      after: pick(after, kpis),
      measuredAt: input.completedAt,
    },
    result,
    afterMonth,
    daysElapsed,
    judgedOn,
  };
}

/**
 * The criterion's measures again, from what a completed run recorded (for its report). A renewal is not
 * stored on its own: a met Renewal Safeguard renewed; otherwise the report cannot say, and shows that.
 */
export function recordedSuccess(run: PlaybookRunDoc, rules: PlaybookRules): SuccessResult | null {
  const outcome = run.outcome;
  if (!outcome || run.startedAt === null) return null;
  const window = rules.success.withinDays;
  const elapsed = Math.max(0, daysBetween(dayOf(run.startedAt), dayOf(outcome.measuredAt)));
  return evaluateSuccess(rules, {
    baseline: outcome.before,
    after: outcome.after,
    daysElapsed: window === null ? elapsed : Math.min(elapsed, window),
    renewed: outcome.criterionMet ? true : null,
    baselineArr: arrOf(outcome.before),
    afterArr: arrOf(outcome.after),
  });
}
