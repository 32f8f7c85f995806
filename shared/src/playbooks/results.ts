/**
 * How each playbook has done (DOMAIN.md template 13, "Results of ⟨playbook⟩"): runs by state, the success
 * rate of completed runs, and the median improvement of what its criterion measures — from the before/after
 * values the runs recorded, so a result never changes when today's KPIs do.
 */
import { median } from '../analytics/anomaly';
import type { KpiId, KpiUnit, KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import { PLAYBOOK_IDS, getPlaybook, type PlaybookId, type RunState } from './definitions';
import { DEFAULT_PLAYBOOK_RULES, type PlaybookRules } from './triggers';

/** What a criterion measures: a KPI, or ARR as a percentage change. */
export interface CriterionMetric {
  readonly metric: KpiId;
  readonly kind: 'kpi' | 'arr_percent';
  readonly label: string;
  /** The unit of an improvement: the KPI's, or percent of the baseline ARR. */
  readonly unit: string;
}

export interface RunResultRow {
  readonly runId: string;
  readonly accountId: string;
  readonly state: RunState;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  /** `null` until the run is completed with an outcome. */
  readonly criterionMet: boolean | null;
  readonly before: KpiValues;
  readonly after: KpiValues;
  /** One per criterion metric, in the better direction (+ is better); `null` when not measured. */
  readonly improvements: readonly (number | null)[];
}

export interface MetricResult extends CriterionMetric {
  /** Median improvement over completed runs that measured it; `null` when none did. */
  readonly median: number | null;
  readonly runs: number;
}

export interface PlaybookResult {
  readonly playbookId: PlaybookId;
  readonly name: string;
  readonly counts: Readonly<Record<RunState, number>>;
  /** Completed runs with a recorded outcome: the base of the success rate. */
  readonly measured: number;
  readonly met: number;
  /** met / measured, 0…1; `null` before any run completed. */
  readonly successRate: number | null;
  readonly metrics: readonly MetricResult[];
  /** The first metric's median improvement (the headline figure). */
  readonly medianImprovement: number | null;
  /** Newest first. */
  readonly runs: readonly RunResultRow[];
}

export interface ResultsOptions {
  /** The tenant's rules, for what each criterion measures (the defaults otherwise). */
  readonly rules?: Readonly<Record<PlaybookId, PlaybookRules>>;
  /** Which playbooks, in this order (all five by default). */
  readonly playbookIds?: readonly PlaybookId[];
}

/** A change of a percentage is in percentage points. */
const IMPROVEMENT_UNITS: Readonly<Record<KpiUnit, string>> = {
  percent: 'points',
  score: 'points',
  days: 'days',
  hours: 'hours',
  count: '',
  per100users: 'per 100 users',
  currency: '',
};

export function criterionMetrics(rules: PlaybookRules): CriterionMetric[] {
  const metrics: CriterionMetric[] = [];
  for (const c of rules.success.conditions) {
    if (c.kind === 'renewed') continue;
    const metric: KpiId = c.kind === 'arr_percent' ? 'arr' : c.kpi;
    if (metrics.some((m) => m.metric === metric)) continue;
    if (c.kind === 'arr_percent') {
      metrics.push({ metric, kind: 'arr_percent', label: 'ARR change', unit: '%' });
    } else {
      const kpi = DEFAULT_CATALOG.byId[metric];
      metrics.push({ metric, kind: 'kpi', label: kpi.name, unit: IMPROVEMENT_UNITS[kpi.unit] });
    }
  }
  return metrics;
}

/** Differences of decimals carry float noise; 10 decimals are far below any KPI's precision. */
const tidy = (n: number): number => Math.round(n * 1e10) / 1e10;

/** after vs before in the better direction: +5 means better by 5, for "lower is better" KPIs too. */
export function improvement(metric: CriterionMetric, before: KpiValues, after: KpiValues): number | null {
  const b = before[metric.metric];
  const a = after[metric.metric];
  if (b === undefined || a === undefined) return null;
  if (metric.kind === 'arr_percent') return b > 0 ? Math.round(((a - b) / b) * 1000) / 10 : null;
  return tidy(DEFAULT_CATALOG.byId[metric.metric].direction === 'lower' ? b - a : a - b);
}

function rowOf(run: PlaybookRunDoc, metrics: readonly CriterionMetric[]): RunResultRow {
  const outcome = run.state === 'completed' ? run.outcome : null;
  const before = outcome?.before ?? {};
  const after = outcome?.after ?? {};
  return {
    runId: run.id,
    accountId: run.accountId,
    state: run.state,
    startedAt: run.startedAt,
    completedAt: run.completedAt,
    criterionMet: outcome ? outcome.criterionMet : null,
    before,
    after,
    improvements: metrics.map((m) => (outcome ? improvement(m, before, after) : null)),
  };
}

/** Newest first: by start (planned runs, not started, by creation), then id for a stable order. */
function newestFirst(a: PlaybookRunDoc, b: PlaybookRunDoc): number {
  const ta = a.startedAt ?? a.createdAt;
  const tb = b.startedAt ?? b.createdAt;
  if (ta !== tb) return ta < tb ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function resultOf(
  playbookId: PlaybookId,
  runs: readonly PlaybookRunDoc[],
  rules: PlaybookRules,
): PlaybookResult {
  const metrics = criterionMetrics(rules);
  const own = runs.filter((r) => !r._deleted && r.playbookId === playbookId).sort(newestFirst);
  const rows = own.map((r) => rowOf(r, metrics));
  const counts: Record<RunState, number> = { planned: 0, active: 0, completed: 0, abandoned: 0 };
  for (const r of own) counts[r.state] += 1;
  const measuredRows = rows.filter((r) => r.criterionMet !== null);
  const met = measuredRows.filter((r) => r.criterionMet === true).length;
  const metricResults: MetricResult[] = metrics.map((m, i) => {
    const values = measuredRows
      .map((r) => r.improvements[i])
      .filter((x): x is number => x !== null && x !== undefined);
    const middle = median(values);
    return { ...m, median: middle === null ? null : tidy(middle), runs: values.length };
  });
  return {
    playbookId,
    name: getPlaybook(playbookId).name,
    counts,
    measured: measuredRows.length,
    met,
    successRate: measuredRows.length === 0 ? null : met / measuredRows.length,
    metrics: metricResults,
    medianImprovement: metricResults[0]?.median ?? null,
    runs: rows,
  };
}

/** Results of every playbook (or those asked for), from the tenant's runs. */
export function playbookResults(
  runs: readonly PlaybookRunDoc[],
  options: ResultsOptions = {},
): PlaybookResult[] {
  const rules = options.rules ?? DEFAULT_PLAYBOOK_RULES;
  return (options.playbookIds ?? PLAYBOOK_IDS).map((id) => resultOf(id, runs, rules[id]));
}
