/**
 * Header and KPI-name matching: case- and punctuation-insensitive, with the synonyms people use.
 */
import { DEFAULT_KPIS, type KpiId } from '../kpi/catalog';
import { closestMatch, normalizeName } from '../text/normalize';

export type LongColumn = 'account' | 'kpi' | 'month' | 'value';

export const COLUMN_SYNONYMS: Readonly<Record<LongColumn, readonly string[]>> = {
  account: ['account', 'account name', 'customer', 'customer name', 'client', 'client name', 'company', 'organisation', 'organization'],
  kpi: ['kpi', 'kpi id', 'kpi name', 'metric', 'metric name', 'measure', 'indicator'],
  month: ['month', 'period', 'date', 'reporting month', 'reporting period', 'as of'],
  value: ['value', 'amount', 'actual', 'result', 'reading'],
};

const COLUMN_BY_NAME = new Map<string, LongColumn>(
  (Object.entries(COLUMN_SYNONYMS) as [LongColumn, readonly string[]][]).flatMap(([column, names]) =>
    names.map((name) => [normalizeName(name), column] as const),
  ),
);

export function matchLongColumn(header: unknown): LongColumn | null {
  return typeof header === 'string' ? (COLUMN_BY_NAME.get(normalizeName(header)) ?? null) : null;
}

const KPI_BY_NAME = new Map<string, KpiId>(
  DEFAULT_KPIS.flatMap((k) => [k.id, k.id.replace(/_/g, ' '), k.name, ...k.aliases].map((name) => [normalizeName(name), k.id] as const)),
);

// "Stickiness (DAU/MAU)" is also known by its parenthesised part alone; "Net revenue retention (trailing …)" by its head.
for (const k of DEFAULT_KPIS) {
  const head = k.name.replace(/\s*\(.*\)\s*$/, '');
  if (!KPI_BY_NAME.has(normalizeName(head))) KPI_BY_NAME.set(normalizeName(head), k.id);
}

const KPI_CANDIDATES = [...KPI_BY_NAME].map(([key, value]) => ({ key, value }));

/** The KPI a header or cell names, or `null`. */
export function matchKpi(text: unknown): KpiId | null {
  if (typeof text !== 'string') return null;
  return KPI_BY_NAME.get(normalizeName(text)) ?? null;
}

/** The KPI an unknown name most likely meant, for "did you mean …?". */
export function suggestKpi(text: string): KpiId | null {
  return closestMatch(text, KPI_CANDIDATES);
}
