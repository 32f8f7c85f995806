/** Download names people can sort and recognise: `vitals-acme-2025-09.csv`. */
import type { Month } from '../units';

export type ExportKind = 'csv' | 'xlsx' | 'pdf';

/** A name as a file-name part: lowercase letters, digits and single dashes; `fallback` when nothing is left. */
export function fileNamePart(text: string, fallback: string): string {
  const part = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return part === '' ? fallback : part;
}

/** `vitals-<tenant>-<month>.<kind>`; the tenant's slug is safest, its name works too. */
export function exportFileName(tenant: string, month: Month, kind: ExportKind): string {
  return `vitals-${fileNamePart(tenant, 'workspace')}-${month}.${kind}`;
}
