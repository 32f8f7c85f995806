/**
 * Numbers, money and dates as the playbook screens, reports and evidence word them. Fixed English forms, not
 * the device's locale: the same run must read the same in a report made on any device or on the server.
 */
import type { KpiId } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const UNIT_SUFFIXES = { percent: '%', days: ' days', hours: ' hours' } as const;

/** A number as people read it: a real minus sign, at most two decimals. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded).replace('-', '\u2212');
}

/** Whole dollars from cents, grouped: ARR is stored in cents everywhere in Vitals. */
export function formatMoney(cents: number): string {
  const dollars = Math.round(cents / 100);
  const grouped = String(Math.abs(dollars)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${dollars < 0 ? '\u2212' : ''}$${grouped}`;
}

/** A KPI value with its unit: "52.2%", "31.5 hours", "$1,200,000", "−12". */
export function formatKpiNumber(kpi: KpiId, value: number): string {
  const unit = DEFAULT_CATALOG.byId[kpi].unit;
  if (unit === 'currency') return formatMoney(value);
  const suffix = UNIT_SUFFIXES[unit as keyof typeof UNIT_SUFFIXES] ?? '';
  return `${formatNumber(value)}${suffix}`;
}

/**
 * A difference of a KPI in words: a percentage moves in points ("10 points", not "10%", which would read
 * as a relative change), as does a score; other units keep theirs.
 */
export function formatKpiDifference(kpi: KpiId, size: number): string {
  const unit = DEFAULT_CATALOG.byId[kpi].unit;
  if (unit === 'percent' || unit === 'score') return `${formatNumber(size)} point${size === 1 ? '' : 's'}`;
  return formatKpiNumber(kpi, size);
}

/** A change with its sign: "+10 points", "−2.5 hours", "+$1,000", "0". */
export function formatChange(kpi: KpiId, change: number): string {
  if (change === 0) return '0';
  return `${change > 0 ? '+' : '\u2212'}${formatKpiDifference(kpi, Math.abs(change))}`;
}

/** "3 Sep 2025" from a date or a timestamp (its UTC day). */
export function formatDay(dateOrTimestamp: string): string {
  const year = dateOrTimestamp.slice(0, 4);
  const month = MONTHS[Number(dateOrTimestamp.slice(5, 7)) - 1] ?? '';
  return `${Number(dateOrTimestamp.slice(8, 10))} ${month} ${year}`;
}
