/**
 * The sample as a spreadsheet a customer might upload: the long layout of DOMAIN.md (account, KPI,
 * month, value), with accounts by name and ARR in currency units. The CLI uses it as its import fixture,
 * so it goes through the same import path as a real file.
 */
import type { SampleTenant } from './model';

export const LONG_CSV_HEADER = ['account', 'kpi', 'month', 'value'] as const;

/** RFC 4180 quoting, only where a field needs it. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Cents as currency units: `120000000` → `1200000`, `12345` → `123.45`. */
function centsToUnits(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** One row per stored value, in the tenant's value order; empty cells have no row. Lines end in `\n`. */
export function sampleToLongCsv(tenant: SampleTenant): string {
  const names = new Map(tenant.accounts.map((a) => [a.id, a.name]));
  const lines = [LONG_CSV_HEADER.join(',')];
  for (const v of tenant.values) {
    const name = names.get(v.accountId);
    if (name === undefined) throw new RangeError(`Sample value for an unknown account: ${v.accountId}`);
    const value = v.kpi === 'arr' ? centsToUnits(v.value) : String(v.value);
    lines.push([field(name), v.kpi, v.month, value].join(','));
  }
  return `${lines.join('\n')}\n`;
}
