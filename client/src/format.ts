/** Display formatting in one place: money from cents, months, numbers with their units. */
import type { KpiDefinition, Month } from '@vitals/shared';

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const compactMoney = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });

export function formatCents(cents: number | null | undefined, compact = false): string {
  if (cents === null || cents === undefined) return '—';
  return (compact ? compactMoney : money).format(cents / 100);
}

export function formatMonth(month: Month | string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, 1)).toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatKpiValue(kpi: KpiDefinition, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const rounded = Math.round(value * 10) / 10;
  switch (kpi.unit) {
    case 'percent':
      return `${rounded}%`;
    case 'days':
      return `${rounded} d`;
    case 'hours':
      return `${rounded} h`;
    case 'currency':
      return formatCents(value);
    default:
      return String(rounded);
  }
}

export function formatPercentRatio(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
}
