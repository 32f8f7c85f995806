/**
 * What a person types into a KPI's edit box, as the stored number: "72", "72%", "1,200,000", "$1.2M" is not
 * accepted (that is the importer's job), "7,5" is 7.5. Money is typed in dollars and stored in cents.
 * Returns a reason instead of throwing, so the form can say what is wrong.
 */
import type { KpiDefinition } from '@vitals/shared';
import { isPlausible, rangeMessage } from '@vitals/shared';
// The package index does not re-export the value rules; this is the same module the schemas use.

export type ParsedInput =
  { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly message: string };

export function parseKpiInput(kpi: KpiDefinition, text: string): ParsedInput {
  const cleaned = text
    .trim()
    .replace(/\u2212/g, '-')
    .replace(/[\s$%]/g, '');
  // Empty means "clear this value": the cleared value syncs like any other edit.
  if (cleaned === '') return { ok: true, value: null };
  const decimal = /^-?\d+,\d{1,2}$/.test(cleaned) ? cleaned.replace(',', '.') : cleaned.replace(/,/g, '');
  const number = /^-?(\d+\.?\d*|\.\d+)$/.test(decimal) ? Number(decimal) : Number.NaN;
  if (!Number.isFinite(number))
    return { ok: false, message: `Enter a number for ${kpi.name}, or leave it empty to clear the value.` };
  const stored = kpi.unit === 'currency' ? Math.round(number * 100) : number;
  if (!isPlausible(kpi.id, stored))
    return {
      ok: false,
      message: `${rangeMessage(kpi.id)}${kpi.unit === 'currency' ? ' (in dollars)' : ''}.`,
    };
  return { ok: true, value: stored };
}

/** The stored number as the edit box shows it. */
export function inputText(kpi: KpiDefinition, value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(kpi.unit === 'currency' ? value / 100 : value);
}

/** "0 to 100", "at least 0": the hint under the box, from the same plausible range the check uses. */
export function allowedText(kpi: KpiDefinition): string {
  const { min, max } = kpi.plausible;
  const unit =
    kpi.unit === 'percent'
      ? ' %'
      : kpi.unit === 'currency'
        ? ' dollars'
        : kpi.unit === 'days'
          ? ' days'
          : kpi.unit === 'hours'
            ? ' hours'
            : '';
  return Number.isFinite(max) ? `${min} to ${max}${unit}` : `${min}${unit} or more`;
}
