/**
 * Health scoring, exactly as DOMAIN.md "Health scoring": KPI status and points, category and account
 * scores, the critical rule, insufficient data, drivers and trend. Pure; the same numbers on every device
 * and on the server.
 */
import type { Category, KpiDefinition, KpiId, KpiValues } from '../kpi/catalog';
import { CATEGORIES } from '../kpi/catalog';
import type { Catalog } from '../kpi/overrides';
import type { Month } from '../units';
import { monthIndex } from '../time/months';
import { roundHalfAwayFromZero } from './rounding';

export type KpiStatus = 'green' | 'yellow' | 'red';
export type HealthStatus = KpiStatus | 'unknown';
export type TrendArrow = 'up' | 'down' | 'flat';

export const STATUS_POINTS: Readonly<Record<KpiStatus, number>> = { green: 100, yellow: 50, red: 0 };
export const GREEN_SCORE = 75;
export const YELLOW_SCORE = 50;
export const CRITICAL_WEIGHT = 3;
/** Below this share of the total scored weight, the status is unknown. */
export const MIN_WEIGHT_COVERAGE = 0.5;
export const TREND_THRESHOLD = 5;
export const SLOPE_WINDOW = 6;

export function kpiStatus(kpi: KpiDefinition, value: number): KpiStatus {
  if (kpi.direction === 'lower') {
    return value <= kpi.green ? 'green' : value <= kpi.yellow ? 'yellow' : 'red';
  }
  return value >= kpi.green ? 'green' : value >= kpi.yellow ? 'yellow' : 'red';
}

export function kpiPoints(status: KpiStatus): number {
  return STATUS_POINTS[status];
}

export function statusForScore(score: number): KpiStatus {
  return score >= GREEN_SCORE ? 'green' : score >= YELLOW_SCORE ? 'yellow' : 'red';
}

function hasValue(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

export interface MonthScore {
  /** Rounded account score, `null` when the data is insufficient. */
  readonly score: number | null;
  readonly status: HealthStatus;
  /** True when the critical rule turned a green score into a yellow status. */
  readonly critical: boolean;
  /** Share of the total scored weight that had a value this month (0…1). */
  readonly coverage: number;
}

/**
 * The account score and status for one month. Allocation-free apart from its result: the portfolio
 * calls it for every account and month.
 */
export function scoreMonth(values: KpiValues, catalog: Catalog): MonthScore {
  let weighted = 0;
  let weight = 0;
  let criticalRed = false;
  const scored = catalog.scored;
  for (let i = 0; i < scored.length; i++) {
    const kpi = scored[i]!;
    const value = values[kpi.id];
    if (!hasValue(value)) continue;
    const status = kpiStatus(kpi, value);
    weighted += kpi.weight * STATUS_POINTS[status];
    weight += kpi.weight;
    if (status === 'red' && kpi.weight >= CRITICAL_WEIGHT) criticalRed = true;
  }
  const coverage = catalog.totalWeight === 0 ? 0 : weight / catalog.totalWeight;
  if (weight === 0 || coverage < MIN_WEIGHT_COVERAGE) {
    return { score: null, status: 'unknown', critical: false, coverage };
  }
  const score = roundHalfAwayFromZero(weighted / weight);
  const byScore = statusForScore(score);
  const critical = criticalRed && byScore === 'green';
  return { score, status: critical ? 'yellow' : byScore, critical, coverage };
}

/** Category scores for one month: `null` for a category with no values. */
export function categoryScores(values: KpiValues, catalog: Catalog): Record<Category, number | null> {
  const sums = {} as Record<Category, { weighted: number; weight: number }>;
  for (const category of CATEGORIES) sums[category] = { weighted: 0, weight: 0 };
  for (const kpi of catalog.scored) {
    const value = values[kpi.id];
    if (!hasValue(value)) continue;
    const sum = sums[kpi.category];
    sum.weighted += kpi.weight * STATUS_POINTS[kpiStatus(kpi, value)];
    sum.weight += kpi.weight;
  }
  const out = {} as Record<Category, number | null>;
  for (const category of CATEGORIES) {
    const { weighted, weight } = sums[category];
    out[category] = weight === 0 ? null : roundHalfAwayFromZero(weighted / weight);
  }
  return out;
}

export interface KpiReading {
  readonly kpi: KpiId;
  readonly value: number;
  readonly status: KpiStatus;
  readonly points: number;
  readonly weight: number;
}

/** Every scored KPI that has a value, with its status, in catalog order. */
export function kpiReadings(values: KpiValues, catalog: Catalog): KpiReading[] {
  const out: KpiReading[] = [];
  for (const kpi of catalog.scored) {
    const value = values[kpi.id];
    if (!hasValue(value)) continue;
    const status = kpiStatus(kpi, value);
    out.push({ kpi: kpi.id, value, status, points: STATUS_POINTS[status], weight: kpi.weight });
  }
  return out;
}

export interface Driver extends KpiReading {
  /** Points this KPI cost the score: weight · (100 − points). */
  readonly cost: number;
}

/** The KPIs that cost the most points, most costly first, ties in catalog order. Green KPIs cost nothing and are left out. */
export function drivers(values: KpiValues, catalog: Catalog): Driver[] {
  return kpiReadings(values, catalog)
    .map((r) => ({ ...r, cost: r.weight * (100 - r.points) }))
    .filter((d) => d.cost > 0)
    .sort((a, b) => b.cost - a.cost || catalog.order[a.kpi] - catalog.order[b.kpi]);
}

export interface ScorePoint {
  readonly month: Month;
  readonly score: number | null;
}

export interface Trend {
  /** score(month) − score(previous month); `null` when either is missing. */
  readonly delta: number | null;
  readonly arrow: TrendArrow;
  /** Least-squares slope over the last up-to-6 scored months, in points per month; `null` with fewer than 2. */
  readonly slope: number | null;
}

export function trendArrow(delta: number | null): TrendArrow {
  if (delta === null) return 'flat';
  return delta >= TREND_THRESHOLD ? 'up' : delta <= -TREND_THRESHOLD ? 'down' : 'flat';
}

/** Least-squares slope of y over x. */
export function leastSquaresSlope(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i]!;
    sy += ys[i]!;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    num += dx * (ys[i]! - my);
    den += dx * dx;
  }
  return den === 0 ? null : num / den;
}

/**
 * Trend at `month` from a score history (any order). The slope uses the months' real positions, so a
 * gap of a missing month does not compress time.
 */
export function trend(history: readonly ScorePoint[], month: Month): Trend {
  const at = monthIndex(month);
  let current: number | null = null;
  let previous: number | null = null;
  const scored: { x: number; y: number }[] = [];
  for (const point of history) {
    const index = monthIndex(point.month);
    if (index === at) current = point.score;
    if (index === at - 1) previous = point.score;
    if (point.score !== null && index <= at) scored.push({ x: index, y: point.score });
  }
  const delta = current !== null && previous !== null ? current - previous : null;
  scored.sort((a, b) => a.x - b.x);
  const window = scored.slice(-SLOPE_WINDOW);
  const slope = leastSquaresSlope(
    window.map((p) => p.x),
    window.map((p) => p.y),
  );
  return { delta, arrow: trendArrow(delta), slope };
}
