/** The audit trail as CSV: one line per write, the documents before and after as JSON. */
import type { AuditRecord } from './read';
import { toCsv } from './csv';

export const AUDIT_CSV_HEADER = [
  'id',
  'at',
  'user_email',
  'user_name',
  'action',
  'collection',
  'document_id',
  'before',
  'after',
] as const;

export function auditToCsv(records: readonly AuditRecord[]): string {
  const json = (value: unknown): string | null =>
    value === null || value === undefined ? null : JSON.stringify(value);
  return toCsv(
    AUDIT_CSV_HEADER,
    records.map((r) => [
      r.id,
      r.at,
      r.userEmail,
      r.userName,
      r.action,
      r.collection,
      r.documentId,
      json(r.before),
      json(r.after),
    ]),
  );
}
