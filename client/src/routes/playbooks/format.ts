/** How the playbook screens word results, dates and days; one place, so the overview and the run page agree. */
import { DEFAULT_CATALOG, type MetricResult, type PlaybookResult } from '@vitals/shared';

export function formatDay(iso: string): string {
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function successRateText(result: PlaybookResult): string {
  return result.successRate === null ? '—' : `${Math.round(result.successRate * 100)}%`;
}

export function successRateNote(result: PlaybookResult): string {
  return result.measured === 0
    ? 'No completed runs yet'
    : `${result.met} of ${result.measured} completed met it`;
}

/**
 * A median improvement as the KPI moved: "+12 pts", "−9.4 pts" (an SLA breach rate, where lower is
 * better), "+8.5%" for ARR. `median` is signed so that positive is better; the figure shows the KPI's own
 * direction and `improvementNote` says which way is better.
 */
export function improvementText(metric: MetricResult | undefined): string {
  if (!metric || metric.median === null) return '—';
  const lowerIsBetter = metric.kind === 'kpi' && DEFAULT_CATALOG.byId[metric.metric].direction === 'lower';
  const moved = Math.round((lowerIsBetter ? -metric.median : metric.median) * 10) / 10;
  const unit =
    metric.unit === '%'
      ? '%'
      : metric.unit === 'points'
        ? ' pts'
        : metric.unit === ''
          ? ''
          : ` ${metric.unit}`;
  return `${moved > 0 ? '+' : moved < 0 ? '\u2212' : ''}${Math.abs(moved)}${unit}`;
}

export function improvementNote(metric: MetricResult | undefined): string {
  if (!metric) return '';
  const lowerIsBetter = metric.kind === 'kpi' && DEFAULT_CATALOG.byId[metric.metric].direction === 'lower';
  return lowerIsBetter ? `${metric.label} (lower is better)` : metric.label;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
