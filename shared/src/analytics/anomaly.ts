/**
 * Anomalies (DOMAIN.md "Risk, forecasts, anomalies"): a KPI value whose robust z-score against that
 * account's own history exceeds 3.5. The modified z-score of Iglewicz & Hoaglin, z = 0.6745·(x − median)/MAD,
 * uses the median and the median absolute deviation so that the outliers it hunts cannot hide themselves by
 * inflating a mean and a standard deviation.
 *
 * Decisions, in one place:
 * - History: each value is compared with the account's *other* months (leave-one-out, earlier and later
 *   alike). Including the value would let a spike pull the median and MAD toward itself.
 * - Minimum history: MIN_ANOMALY_HISTORY other months; with fewer, a median and MAD are too fragile to call
 *   anything unusual and the value is not evaluated (z is null).
 * - MAD = 0 (more than half of the history is one value): z = (x − median)/(1.253314·meanAD), the mean absolute
 *   deviation around the median, scaled so both forms estimate the same σ for normal data (as IBM SPSS does).
 * - MAD = meanAD = 0 (the history is constant): any value other than that constant is an anomaly, with
 *   z = ±Infinity; the value itself gives z = 0. Five or more identical months then a change is exactly
 *   what "unusual for this account" means. `basis` says which scale was used so the display can explain it.
 * - Exactly 3.5 is not an anomaly: the rule is "exceeds".
 */
import { compareMonths } from '../time/months';
import type { Month } from '../units';
import type { SeriesPoint } from './forecast';

export const ANOMALY_Z_THRESHOLD = 3.5;
/** Φ⁻¹(0.75): makes MAD a consistent estimator of σ for normal data. */
export const MAD_Z_FACTOR = 0.6745;
/** √(π/2): the same for the mean absolute deviation. */
export const MEAN_AD_Z_FACTOR = 1.253314;
/** Other months needed before a value is judged. */
export const MIN_ANOMALY_HISTORY = 5;

export type ZBasis = 'mad' | 'mean-absolute-deviation' | 'constant';

export interface RobustZ {
  readonly z: number;
  /** Median of the history the value was compared with. */
  readonly median: number;
  readonly basis: ZBasis;
}

/** Median of the values; `null` when there are none. */
export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  const upper = sorted[Math.floor(n / 2)] ?? Number.NaN;
  const lower = sorted[Math.floor((n - 1) / 2)] ?? Number.NaN;
  return (lower + upper) / 2;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * The robust z-score of `value` against `history` (which must not contain the value itself); `null` when the
 * history is shorter than MIN_ANOMALY_HISTORY. Non-finite history values are ignored.
 */
export function robustZ(value: number, history: readonly number[]): RobustZ | null {
  const finite = history.filter((v) => Number.isFinite(v));
  if (finite.length < MIN_ANOMALY_HISTORY) return null;
  const center = median(finite);
  if (center === null) return null;
  const deviations = finite.map((v) => Math.abs(v - center));
  const mad = median(deviations) ?? 0;
  const diff = value - center;
  if (mad > 0) return { z: (MAD_Z_FACTOR * diff) / mad, median: center, basis: 'mad' };
  const meanAd = mean(deviations);
  if (meanAd > 0)
    return { z: diff / (MEAN_AD_Z_FACTOR * meanAd), median: center, basis: 'mean-absolute-deviation' };
  return { z: diff === 0 ? 0 : Math.sign(diff) * Infinity, median: center, basis: 'constant' };
}

/** |z| > 3.5; exactly 3.5 is not an anomaly. */
export function isAnomaly(z: number): boolean {
  return Math.abs(z) > ANOMALY_Z_THRESHOLD;
}

export interface AnomalyCheck {
  readonly month: Month;
  readonly value: number;
  /** `null` when the other months are too few to judge. */
  readonly z: number | null;
  readonly median: number | null;
  readonly basis: ZBasis | null;
  readonly anomaly: boolean;
}

/**
 * Every finite point of one account's KPI series, oldest first, each judged against the other months.
 * Throws on a month given twice: the history would then count one month twice.
 */
export function checkAnomalies(points: readonly SeriesPoint[]): AnomalyCheck[] {
  const sorted = points
    .filter((p) => Number.isFinite(p.value))
    .sort((a, b) => compareMonths(a.month, b.month));
  sorted.forEach((p, i) => {
    if (i > 0 && sorted[i - 1]?.month === p.month)
      throw new RangeError(`Month ${p.month} appears twice in the series`);
  });
  const values = sorted.map((p) => p.value);
  return sorted.map((p, i) => {
    const others = values.filter((_, j) => j !== i);
    const result = robustZ(p.value, others);
    return {
      month: p.month,
      value: p.value,
      z: result?.z ?? null,
      median: result?.median ?? null,
      basis: result?.basis ?? null,
      anomaly: result !== null && isAnomaly(result.z),
    };
  });
}

/** Only the anomalous points of `checkAnomalies`, oldest first. */
export function findAnomalies(points: readonly SeriesPoint[]): AnomalyCheck[] {
  return checkAnomalies(points).filter((c) => c.anomaly);
}
