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
 * Σ weight·points, Σ weight and "a weight-3 KPI is red" for one month, packed into one integer so the
 * portfolio can score 48,000 account-months without allocating: (weighted · 256 + weight) · 2 + critical.
 * Weighted is at most 100 · Σ weight, and Σ weight at most 18 · 3, so the packing is exact.
 */
function tally(values: KpiValues, catalog: Catalog): number {
  let weighted = 0;
  let weight = 0;
  let criticalRed = 0;
  const scored = catalog.scored;
  for (let i = 0; i < scored.length; i++) {
    const kpi = scored[i]!;
    const value = values[kpi.id];
    if (!hasValue(value)) continue;
    // kpiStatus and STATUS_POINTS inlined as numbers: this loop runs ~700,000 times per portfolio.
    const points =
      kpi.direction === 'lower'
        ? value <= kpi.green ? 100 : value <= kpi.yellow ? 50 : 0
        : value >= kpi.green ? 100 : value >= kpi.yellow ? 50 : 0;
    weighted += kpi.weight * points;
    weight += kpi.weight;
    if (points === 0 && kpi.weight >= CRITICAL_WEIGHT) criticalRed = 1;
  }
  return (weighted * 256 + weight) * 2 + criticalRed;
}

function unpack(packed: number): { weighted: number; weight: number; criticalRed: boolean } {
  const criticalRed = packed % 2 === 1;
  const rest = (packed - (criticalRed ? 1 : 0)) / 2;
  const weight = rest % 256;
  return { weighted: (rest - weight) / 256, weight, criticalRed };
}

function isSufficient(weight: number, catalog: Catalog): boolean {
  return weight > 0 && weight / catalog.totalWeight >= MIN_WEIGHT_COVERAGE;
}

/** The account score for one month, or `null` when the data is insufficient; allocation-free. */
export function scoreOnly(values: KpiValues, catalog: Catalog): number | null {
  const packed = tally(values, catalog);
  const weight = (packed >> 1) % 256;
  if (!isSufficient(weight, catalog)) return null;
  return roundHalfAwayFromZero(Math.floor(packed / 512) / weight);
}

/** The account score and status for one month. */
export function scoreMonth(values: KpiValues, catalog: Catalog): MonthScore {
  const { weighted, weight, criticalRed } = unpack(tally(values, catalog));
  const coverage = catalog.totalWeight === 0 ? 0 : weight / catalog.totalWeight;
  if (!isSufficient(weight, catalog)) return { score: null, status: 'unknown', critical: false, coverage };
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
  const out: Driver[] = [];
  // Built in catalog order, so a stable sort by cost alone keeps ties in catalog order.
  for (const kpi of catalog.scored) {
    const value = values[kpi.id];
    if (!hasValue(value)) continue;
    const status = kpiStatus(kpi, value);
    if (status === 'green') continue;
    const points = STATUS_POINTS[status];
    out.push({ kpi: kpi.id, value, status, points, weight: kpi.weight, cost: kpi.weight * (100 - points) });
  }
  return out.sort((a, b) => b.cost - a.cost);
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

/** A score at its month's position (months since year 0), the form the trend maths wants. */
export interface IndexedScore {
  readonly index: number;
  readonly score: number | null;
}

/**
 * Trend at month index `at` from scores sorted by index. The slope uses the months' real positions, so
 * a missing month does not compress time.
 */
export function trendOfSorted(sorted: readonly IndexedScore[], at: number): Trend {
  let current: number | null = null;
  let previous: number | null = null;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const point = sorted[i]!;
    if (point.index > at) continue;
    if (point.index === at) current = point.score;
    else if (point.index === at - 1) previous = point.score;
    if (point.score !== null && xs.length < SLOPE_WINDOW) {
      xs.push(point.index);
      ys.push(point.score);
    }
  }
  const delta = current !== null && previous !== null ? current - previous : null;
  return { delta, arrow: trendArrow(delta), slope: leastSquaresSlope(xs, ys) };
}

/** Trend at `month` from a score history in any order. */
export function trend(history: readonly ScorePoint[], month: Month): Trend {
  const sorted = history.map((p) => ({ index: monthIndex(p.month), score: p.score })).sort((a, b) => a.index - b.index);
  return trendOfSorted(sorted, monthIndex(month));
}
