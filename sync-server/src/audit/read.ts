/** Reading the audit trail, a page at a time by id: newest first for people, oldest first for exports. */
import type { TransactionSql } from '../db/connect';
import type { AuditAction } from './append';

export interface AuditRecord {
  readonly id: number;
  readonly at: string;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly userEmail: string | null;
  readonly action: AuditAction | string;
  readonly collection: string | null;
  readonly documentId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/** `after`: entries with a larger id, oldest first; `before`: a smaller id, newest first; neither: the newest. */
export type AuditCursor = { readonly after: number } | { readonly before: number } | null;

interface AuditRow {
  id: string;
  at: Date;
  user_id: string | null;
  user_name: string | null;
  user_email: string | null;
  action: string;
  collection: string | null;
  document_id: string | null;
  before: unknown;
  after: unknown;
}

export async function readAudit(
  tx: TransactionSql,
  options: { tenantId: string; cursor: AuditCursor; limit: number },
): Promise<AuditRecord[]> {
  const { tenantId, cursor, limit } = options;
  const ascending = cursor !== null && 'after' in cursor;
  const rows = await tx<AuditRow[]>`
    select a.id, a.at, a.user_id, u.name as user_name, u.email as user_email,
      a.action, a.collection, a.document_id, a.before, a.after
    from audit_log a left join users u on u.id = a.user_id
    where a.tenant_id = ${tenantId}
      ${cursor === null ? tx`` : 'after' in cursor ? tx`and a.id > ${cursor.after}` : tx`and a.id < ${cursor.before}`}
    order by a.id ${ascending ? tx`asc` : tx`desc`}
    limit ${limit}`;
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at.toISOString(),
    userId: row.user_id,
    userName: row.user_name,
    userEmail: row.user_email,
    action: row.action,
    collection: row.collection,
    documentId: row.document_id,
    before: row.before,
    after: row.after,
  }));
}
