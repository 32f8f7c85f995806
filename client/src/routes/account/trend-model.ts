/**
 * Chart data for an account's trends: the score or one KPI over the months, the shared forecast appended
 * with its interval, and the shared anomaly check marking unusual months. Pure, so the numbers the chart
 * draws, the table lists and the summary states are one and the same.
 */
import {
  checkAnomalies,
  forecastKpi,
  forecastScore,
  kpiSeries,
  monthRange,
  type AnomalyCheck,
  type KpiDefinition,
  type KpiValues,
  type MonthForecast,
  type Month,
  type ScorePoint,
  type SeriesPoint,
} from '@vitals/shared';
import type { TrendData } from '../../components/charts/TrendChart';
import { formatCents, formatKpiValue, formatMonth } from '../../format';

export interface Trend {
  readonly data: TrendData;
  readonly points: readonly SeriesPoint[];
  readonly forecast: readonly MonthForecast[];
  readonly anomalies: readonly AnomalyCheck[];
  readonly yRange: readonly [number, number];
}

/** "Mar", with the year on the first month and on January so the axis stays short and unambiguous. */
export function axisLabel(month: Month, first: boolean): string {
  const [y, m] = month.split('-');
  const name = new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleDateString(undefined, {
    month: 'short',
    timeZone: 'UTC',
  });
  return first || m === '01' ? `${name} ’${y!.slice(2)}` : name;
}

function buildTrend(
  points: readonly SeriesPoint[],
  forecast: readonly MonthForecast[],
  range: (values: number[]) => readonly [number, number],
): Trend | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  const end = forecast[forecast.length - 1]?.month ?? last.month;
  const months = monthRange(first.month, end);
  const byMonth = new Map(points.map((p) => [p.month, p.value]));
  const forecastByMonth = new Map(forecast.map((f) => [f.month, f]));
  const anomalies = checkAnomalies(points).filter((c) => c.anomaly);
  const unusual = new Set(anomalies.map((a) => a.month));
  const actual = months.map((m) => byMonth.get(m) ?? null);
  // The forecast starts at the last actual point, so line and band grow out of it instead of floating apart.
  const joined = (pick: (f: MonthForecast) => number | null): (number | null)[] =>
    months.map((m) =>
      m === last.month && forecast.length > 0
        ? last.value
        : forecastByMonth.has(m)
          ? pick(forecastByMonth.get(m)!)
          : null,
    );
  const data: TrendData = {
    labels: months.map((m, i) => axisLabel(m, i === 0)),
    months: months.map((m) => formatMonth(m)),
    actual,
    forecast: joined((f) => f.value),
    low: joined((f) => f.low),
    high: joined((f) => f.high),
    anomaly: months.map((m) => unusual.has(m)),
  };
  const all: number[] = [];
  for (const v of [...data.actual, ...data.forecast, ...data.low, ...data.high]) if (v !== null) all.push(v);
  return { data, points, forecast, anomalies, yRange: range(all) };
}

/** The account score over its months, forecast clamped to 0…100. */
export function scoreTrend(history: readonly ScorePoint[]): Trend | null {
  const points: SeriesPoint[] = [];
  for (const p of history) if (p.score !== null) points.push({ month: p.month, value: p.score });
  return buildTrend(points, forecastScore(history), () => [0, 100]);
}

/** One KPI over the account's months up to `latest`; the scale takes in the values and the KPI's bounds. */
export function kpiTrend(
  months: ReadonlyMap<Month, KpiValues>,
  kpi: KpiDefinition,
  latest: Month,
): Trend | null {
  const points = kpiSeries(months, kpi.id).filter((p) => p.month <= latest);
  points.sort((a, b) => (a.month < b.month ? -1 : 1));
  return buildTrend(points, forecastKpi(points, kpi), (values) => {
    const scored = kpi.direction !== null ? [kpi.green, kpi.yellow] : [];
    const lo = Math.min(...values, ...scored);
    const hi = Math.max(...values, ...scored);
    const pad = (hi - lo) * 0.12 || Math.max(Math.abs(hi) * 0.1, 1);
    const min = Math.max(kpi.plausible.min, lo - pad);
    const max = Math.min(kpi.plausible.max, hi + pad);
    return [min, max > min ? max : min + 1];
  });
}

/** Axis numbers: compact money, otherwise the KPI's own format. */
export function axisFormat(kpi: KpiDefinition): (value: number) => string {
  return kpi.unit === 'currency' ? (v) => formatCents(v, true) : (v) => formatKpiValue(kpi, v);
}

/** One or two sentences: where it stands, where it is heading, and what was unusual. */
export function trendSummary(name: string, trend: Trend, format: (value: number) => string): string {
  const last = trend.points[trend.points.length - 1]!;
  const previous = trend.points[trend.points.length - 2];
  const parts = [`${name} ${format(last.value)} in ${formatMonth(last.month)}`];
  if (previous) {
    const delta = last.value - previous.value;
    const change =
      Math.abs(delta) < 1e-9 ? 'unchanged' : `${delta > 0 ? 'up' : 'down'} ${format(Math.abs(delta))}`;
    parts[0] += ` (${change} from ${formatMonth(previous.month)})`;
  }
  const end = trend.forecast[trend.forecast.length - 1];
  if (end) {
    const range =
      end.low !== null && end.high !== null
        ? `, likely ${format(end.low)} to ${format(end.high)}`
        : ' (too little history for a range)';
    parts.push(`Forecast for ${formatMonth(end.month)}: ${format(end.value)}${range}`);
  }
  parts.push(
    trend.anomalies.length === 0
      ? 'No unusual months'
      : `Unusual: ${trend.anomalies.map((a) => `${formatMonth(a.month)} (${format(a.value)})`).join(', ')}`,
  );
  return `${parts.join('. ')}.`;
}
