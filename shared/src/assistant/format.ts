/**
 * Numbers and names as answers say them. Written out by hand rather than with `toLocaleString`, because
 * locale data differs between devices and the server, and the same question must read the same everywhere.
 */
import type { HealthStatus } from '../health/health';
import type { KpiId } from '../kpi/catalog';
import type { Catalog } from '../kpi/overrides';
import type { Measure } from './query';

/** Thousands separators on a whole number: 1234567 → "1,234,567". */
export function groupDigits(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Up to `places` decimals, trailing zeros dropped: 12.50 → "12.5", 3.0 → "3". */
export function decimals(value: number, places = 1): string {
  const factor = 10 ** places;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Cents as a short amount: $1.25M, $420k, $9,500. */
export function formatMoney(amountCents: number): string {
  const dollars = amountCents / 100;
  const sign = dollars < 0 ? '−' : '';
  const size = Math.abs(dollars);
  if (size >= 1_000_000) return `${sign}$${decimals(size / 1_000_000, 2)}M`;
  if (size >= 10_000) return `${sign}$${decimals(size / 1_000, 1)}k`;
  return `${sign}$${groupDigits(size)}`;
}

/** A ratio as a percentage: 1.0523 → "105.2%". */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? 'n/a' : `${decimals(ratio * 100, 1)}%`;
}

export function measureName(measure: Measure, catalog: Catalog): string {
  return measure === 'score' ? 'Health score' : catalog.byId[measure].name;
}

/** A KPI value with its unit: "72%", "40 days", "9.5 h", "$420k". */
export function formatKpiValue(kpi: KpiId, value: number, catalog: Catalog): string {
  const unit = catalog.byId[kpi].unit;
  switch (unit) {
    case 'percent':
      return `${decimals(value)}%`;
    case 'days':
      return `${decimals(value)} day${value === 1 ? '' : 's'}`;
    case 'hours':
      return `${decimals(value)} h`;
    case 'per100users':
      return `${decimals(value)} per 100 users`;
    case 'currency':
      return formatMoney(value);
    case 'count':
    case 'score':
      return decimals(value);
  }
}

export function formatMeasure(measure: Measure, value: number | null, catalog: Catalog): string {
  if (value === null) return 'no value';
  return measure === 'score' ? decimals(value) : formatKpiValue(measure, value, catalog);
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * At most `max` items written out, the rest counted: "a, b, c and 4 more". Only the items shown are formatted:
 * a list of 1,500 accounts costs five sentences, not 1,500.
 */
export function shortList<T>(items: readonly T[], format: (item: T) => string, max = 5): string {
  const shown = items.slice(0, max).map(format);
  if (items.length <= max) return listText(shown);
  return `${shown.join(', ')} and ${items.length - max} more`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Status words as the app shows them (StatusBadge): colour never alone. */
export const STATUS_WORD: Readonly<Record<HealthStatus, string>> = {
  green: 'green (healthy)',
  yellow: 'yellow (at risk)',
  red: 'red (critical)',
  unknown: 'unknown (not enough data)',
};

/** "+5", "−3", "0". */
export function signed(value: number, places = 1): string {
  if (value === 0) return '0';
  return value > 0 ? `+${decimals(value, places)}` : `−${decimals(-value, places)}`;
}
