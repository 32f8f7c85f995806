/** Download names people can sort and recognise: `vitals-acme-2025-09.csv`. */
import type { Month } from '../units';

export type ExportKind = 'csv' | 'xlsx' | 'pdf';

/** A tenant slug or name as a file-name part: lowercase letters, digits and single dashes. */
function fileSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug === '' ? 'workspace' : slug;
}

/** `vitals-<tenant>-<month>.<kind>`; the tenant's slug is safest, its name works too. */
export function exportFileName(tenant: string, month: Month, kind: ExportKind): string {
  return `vitals-${fileSlug(tenant)}-${month}.${kind}`;
}
