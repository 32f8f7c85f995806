/**
 * Forecasts (DOMAIN.md "Risk, forecasts, anomalies"): the next months of a KPI or of the score by Holt's
 * linear exponential smoothing, with a prediction interval. Pure: the caller passes the history in.
 *
 * Decisions, in one place:
 * - Missing months: Holt needs equally spaced steps. A gap of up to MAX_FILLED_GAP missing months is filled by
 *   linear interpolation between its neighbours; a longer gap cuts the series and only the run after it is
 *   used, because data from before a long silence describes a different situation. Filled months feed the
 *   smoother but never count as forecast errors (they lie on a line and would shrink the interval).
 * - Short series: no points → no forecast; one point → a flat forecast; two points → the line through them.
 *   Fewer than MIN_ERRORS_FOR_INTERVAL usable one-step errors → no interval (`low`/`high` are null): a band
 *   drawn from nothing would look like certainty.
 * - Interval: residual standard deviation = root mean square of the one-step-ahead errors, widened with the
 *   horizon by the ETS(A,A,N) variance formula (Hyndman & Athanasopoulos, FPP, table of forecast variances),
 *   assuming normal errors. With α/β picked on the same errors the interval is somewhat optimistic.
 * - Range: forecasts and interval bounds are clamped to an optional plausible range (e.g. a KPI's).
 * - Forecasts are not rounded: rounding is for display.
 */
import type { ScorePoint } from '../health/health';
import type { KpiDefinition, KpiId, KpiValues, PlausibleRange } from '../kpi/catalog';
import { addMonths, monthIndex } from '../time/months';
import type { Month } from '../units';

export interface SeriesPoint {
  readonly month: Month;
  readonly value: number;
}

/** Smoothing weights in the component form: α for the level, β for the trend, both in [0, 1]. */
export interface HoltParams {
  readonly alpha: number;
  readonly beta: number;
}

/**
 * KPI histories are monthly and short (7 months in the sample data), and move in steps. α = 0.5 lets the
 * level follow the last couple of months; β = 0.2 keeps the trend, estimated from few noisy differences,
 * from swinging a three-month projection on a single odd month.
 */
export const DEFAULT_HOLT_PARAMS: HoltParams = { alpha: 0.5, beta: 0.2 };

/** Candidate values of α and β for `'grid'` smoothing: coarse on purpose, a handful of months cannot tell 0.35 from 0.4. */
export const HOLT_GRID: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export const DEFAULT_HORIZON = 3;
/** Longest run of missing months bridged by interpolation; a longer gap cuts the series. */
export const MAX_FILLED_GAP = 2;
/** One error says nothing about spread; two is the fewest from which a standard deviation means anything. */
export const MIN_ERRORS_FOR_INTERVAL = 2;

export type IntervalLevel = 0.8 | 0.95;
export const DEFAULT_INTERVAL_LEVEL: IntervalLevel = 0.8;
/** Two-sided standard normal quantiles. */
export const INTERVAL_Z: Readonly<Record<IntervalLevel, number>> = {
  0.8: 1.2815515655446004,
  0.95: 1.959963984540054,
};

/** The score's own range: forecasts of it are clamped to 0…100. */
export const SCORE_RANGE: PlausibleRange = { min: 0, max: 100 };

export interface HoltFit {
  readonly params: HoltParams;
  /** Level and trend after the last point: the forecast h steps ahead is level + h·trend. */
  readonly level: number;
  readonly trend: number;
  /** Sum of squared one-step-ahead errors over the observed points from the third on. */
  readonly sse: number;
  readonly errorCount: number;
  /** Root mean square of those errors; `null` with fewer than MIN_ERRORS_FOR_INTERVAL. */
  readonly residualSd: number | null;
}

export interface HoltFitOptions {
  readonly params?: HoltParams;
  /** Which values were observed (the rest were filled in); all observed when omitted. */
  readonly observed?: readonly boolean[];
}

function checkParams(params: HoltParams): HoltParams {
  for (const [name, value] of Object.entries(params)) {
    if (!(value >= 0 && value <= 1)) throw new RangeError(`Holt ${name} must be within 0…1, got ${value}`);
  }
  return params;
}

/**
 * Runs Holt's smoothing over equally spaced values. The level starts at the first value and the trend at the
 * first difference, so the second point is always forecast exactly: its error is left out of the SSE, which
 * would otherwise count a free zero.
 */
export function fitHolt(values: readonly number[], options: HoltFitOptions = {}): HoltFit | null {
  const params = checkParams(options.params ?? DEFAULT_HOLT_PARAMS);
  const [first, second] = values;
  if (first === undefined) return null;
  let level = first;
  let trend = second === undefined ? 0 : second - first;
  let sse = 0;
  let errorCount = 0;
  values.forEach((y, t) => {
    if (t === 0) return;
    const predicted = level + trend;
    const error = y - predicted;
    if (t >= 2 && (options.observed?.[t] ?? true)) {
      sse += error * error;
      errorCount++;
    }
    // Error-correction form of ℓ = αy + (1−α)(ℓ+b), b = β(ℓ'−ℓ) + (1−β)b: the same numbers, but a zero
    // error leaves level and trend bit-for-bit unchanged, so an exact line stays exact.
    level = predicted + params.alpha * error;
    trend = trend + params.alpha * params.beta * error;
  });
  const residualSd = errorCount >= MIN_ERRORS_FOR_INTERVAL ? Math.sqrt(sse / errorCount) : null;
  return { params, level, trend, sse, errorCount, residualSd };
}

/**
 * The α/β of HOLT_GRID with the smallest one-step SSE; ties keep the earlier pair (α, then β, ascending), so
 * the choice is deterministic. Falls back to the defaults when there are too few errors to compare.
 */
export function chooseHoltParams(values: readonly number[], observed?: readonly boolean[]): HoltParams {
  const probe = fitHolt(values, { observed });
  if (!probe || probe.errorCount < MIN_ERRORS_FOR_INTERVAL) return DEFAULT_HOLT_PARAMS;
  let best: { readonly params: HoltParams; readonly sse: number } = {
    params: DEFAULT_HOLT_PARAMS,
    sse: Infinity,
  };
  for (const alpha of HOLT_GRID) {
    for (const beta of HOLT_GRID) {
      const fit = fitHolt(values, { params: { alpha, beta }, observed });
      if (fit && fit.sse < best.sse) best = fit;
    }
  }
  return best.params;
}

/**
 * Variance of the h-step forecast error in units of the one-step variance: 1 + Σ_{j=1}^{h−1} (α + αβ·j)²,
 * which is FPP's 1 + (h−1)(α² + αβ'h + β'²h(2h−1)/6) with its state-space β' = αβ.
 */
export function holtVarianceFactor(h: number, params: HoltParams): number {
  let factor = 1;
  for (let j = 1; j < h; j++) factor += (params.alpha + params.alpha * params.beta * j) ** 2;
  return factor;
}

export interface ForecastStep {
  /** Steps ahead of the last point, from 1. */
  readonly step: number;
  readonly value: number;
  /** Interval bounds; `null` when the history is too short to estimate the spread. */
  readonly low: number | null;
  readonly high: number | null;
}

export interface HoltForecastOptions {
  readonly horizon?: number;
  readonly level?: IntervalLevel;
  readonly range?: PlausibleRange;
}

function clamp(value: number, range: PlausibleRange | undefined): number {
  return range ? Math.min(range.max, Math.max(range.min, value)) : value;
}

function checkHorizon(horizon: number): number {
  if (!Number.isInteger(horizon) || horizon < 0)
    throw new RangeError(`Forecast horizon must be a whole number ≥ 0, got ${horizon}`);
  return horizon;
}

export function holtForecast(fit: HoltFit, options: HoltForecastOptions = {}): ForecastStep[] {
  const horizon = checkHorizon(options.horizon ?? DEFAULT_HORIZON);
  const z = INTERVAL_Z[options.level ?? DEFAULT_INTERVAL_LEVEL];
  const steps: ForecastStep[] = [];
  for (let step = 1; step <= horizon; step++) {
    const value = fit.level + step * fit.trend;
    const sd = fit.residualSd;
    const half = sd === null ? null : z * sd * Math.sqrt(holtVarianceFactor(step, fit.params));
    steps.push({
      step,
      value: clamp(value, options.range),
      low: half === null ? null : clamp(value - half, options.range),
      high: half === null ? null : clamp(value + half, options.range),
    });
  }
  return steps;
}

/** A series on consecutive months, ready for Holt: the tail after any long gap, short gaps filled. */
export interface RegularSeries {
  /** Month of `values[0]`; `null` when there are no values. */
  readonly start: Month | null;
  readonly values: number[];
  /** False where the value was interpolated. */
  readonly observed: boolean[];
}

/** Sorts, drops non-finite values, cuts at the last long gap and fills short ones. Throws on a repeated month. */
export function regularSeries(points: readonly SeriesPoint[]): RegularSeries {
  const sorted = points
    .filter((p) => Number.isFinite(p.value))
    .map((p) => ({ index: monthIndex(p.month), month: p.month, value: p.value }))
    .sort((a, b) => a.index - b.index);
  let tailStart = 0;
  sorted.forEach((p, i) => {
    const before = sorted[i - 1];
    if (!before) return;
    if (p.index === before.index) throw new RangeError(`Month ${p.month} appears twice in the series`);
    if (p.index - before.index - 1 > MAX_FILLED_GAP) tailStart = i;
  });
  const tail = sorted.slice(tailStart);
  const values: number[] = [];
  const observed: boolean[] = [];
  tail.forEach((p, i) => {
    const before = tail[i - 1];
    if (before) {
      const span = p.index - before.index;
      for (let k = 1; k < span; k++) {
        values.push(before.value + ((p.value - before.value) * k) / span);
        observed.push(false);
      }
    }
    values.push(p.value);
    observed.push(true);
  });
  return { start: tail[0]?.month ?? null, values, observed };
}

export interface MonthForecast {
  readonly month: Month;
  readonly value: number;
  readonly low: number | null;
  readonly high: number | null;
}

export interface SeriesForecastOptions extends HoltForecastOptions {
  /** Fixed α/β, or `'grid'` to pick them by one-step SSE over HOLT_GRID. Default: DEFAULT_HOLT_PARAMS. */
  readonly smoothing?: HoltParams | 'grid';
}

/** The months after the series' last point, with forecast and interval; empty for an empty series. */
export function forecastSeries(
  points: readonly SeriesPoint[],
  options: SeriesForecastOptions = {},
): MonthForecast[] {
  const series = regularSeries(points);
  if (series.start === null) return [];
  const params =
    options.smoothing === 'grid'
      ? chooseHoltParams(series.values, series.observed)
      : (options.smoothing ?? DEFAULT_HOLT_PARAMS);
  const fit = fitHolt(series.values, { params, observed: series.observed });
  if (!fit) return [];
  const last = addMonths(series.start, series.values.length - 1);
  return holtForecast(fit, options).map((s) => ({
    month: addMonths(last, s.step),
    value: s.value,
    low: s.low,
    high: s.high,
  }));
}

/** A KPI's forecast, clamped to its plausible range (pass `catalog.byId[id]`). */
export function forecastKpi(
  points: readonly SeriesPoint[],
  kpi: KpiDefinition,
  options: Omit<SeriesForecastOptions, 'range'> = {},
): MonthForecast[] {
  return forecastSeries(points, { ...options, range: kpi.plausible });
}

/** The score's forecast from a score history (months without a score are missing), clamped to 0…100. */
export function forecastScore(
  history: readonly ScorePoint[],
  options: Omit<SeriesForecastOptions, 'range'> = {},
): MonthForecast[] {
  const points: SeriesPoint[] = [];
  for (const p of history) if (p.score !== null) points.push({ month: p.month, value: p.score });
  return forecastSeries(points, { ...options, range: SCORE_RANGE });
}

/** One KPI's values out of an account's months (e.g. `AccountSeries.months`), months without it left out. */
export function kpiSeries(months: ReadonlyMap<Month, KpiValues>, kpi: KpiId): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (const [month, values] of months) {
    const value = values[kpi];
    if (value !== undefined && Number.isFinite(value)) points.push({ month, value });
  }
  return points;
}
