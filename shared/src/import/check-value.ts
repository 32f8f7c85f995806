/** One KPI cell → a value within the KPI's plausible range, nothing (an empty cell), or the reason it is neither. */
import type { KpiId } from '../kpi/catalog';
import type { Catalog } from '../kpi/overrides';
import { cellText } from './cells';
import { IMPORT_ISSUES, quoteCell, type ImportIssueCode } from './issues';
import { parseNumericValue } from './parse-value';

export type ValueCheck =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'error'; readonly code: ImportIssueCode; readonly message: string };

/** ARR is stored in cents: an amount whose cents are not a safe integer cannot be stored exactly. */
const MAX_MONEY = Math.floor(Number.MAX_SAFE_INTEGER / 100);

export function describeRange(kpi: KpiId, catalog: Catalog): string {
  const { min, max } = catalog.byId[kpi].plausible;
  return Number.isFinite(max) ? `${min}…${max}` : `at least ${min}`;
}

export function checkValue(cell: unknown, kpi: KpiId, catalog: Catalog): ValueCheck {
  const parsed = parseNumericValue(cell);
  if (!parsed.ok) {
    return parsed.reason === 'empty'
      ? { kind: 'empty' }
      : { kind: 'error', code: IMPORT_ISSUES.notANumber, message: `${quoteCell(cellText(cell))} is not a number.` };
  }
  const { name, plausible } = catalog.byId[kpi];
  // Both bounds are part of the range: 0 and 100 are plausible percentages.
  if (parsed.value < plausible.min || parsed.value > plausible.max) {
    return {
      kind: 'error',
      code: IMPORT_ISSUES.outOfRange,
      message: `${parsed.value} is outside the plausible range of ${name} (${describeRange(kpi, catalog)}).`,
    };
  }
  if (kpi === 'arr' && parsed.value > MAX_MONEY) {
    return { kind: 'error', code: IMPORT_ISSUES.outOfRange, message: `${parsed.value} is too large an amount for ${name}.` };
  }
  return { kind: 'value', value: parsed.value };
}
