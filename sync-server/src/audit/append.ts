/**
 * The audit trail: every write, who made it, when, and the document before and after. `audit_log` is
 * append-only (a trigger refuses UPDATE and DELETE, and the request role may only SELECT and INSERT), so
 * the trail cannot be edited afterwards, not even by a bug in this server.
 */
import type { TransactionSql } from '../db/connect';

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  readonly action: AuditAction;
  readonly collection: string;
  readonly documentId: string;
  /** `null` when the document is new. */
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
}

type Tombstoned = { readonly _deleted?: unknown } | null;

/** A write as people say it: a tombstone is a delete, and a document coming back from one is a (re)creation. */
export function auditAction(before: Tombstoned, after: Tombstoned): AuditAction {
  if (before === null) return 'create';
  const wasLive = before !== null && before._deleted !== true;
  const isLive = after !== null && after._deleted !== true;
  if (!isLive) return wasLive ? 'delete' : 'update';
  return wasLive ? 'update' : 'create';
}

export async function appendAudit(
  tx: TransactionSql,
  options: { tenantId: string; userId: string | null; at: Date; entries: readonly AuditEntry[] },
): Promise<void> {
  const { tenantId, userId, at, entries } = options;
  if (entries.length === 0) return;
  // One statement for the whole batch, in the order given (ids follow it).
  await tx`
    insert into audit_log (tenant_id, user_id, at, action, collection, document_id, before, after)
    select ${tenantId}, ${userId}, ${at}, e->>'action', e->>'collection', e->>'documentId',
      nullif(e->'before', 'null'::jsonb), nullif(e->'after', 'null'::jsonb)
    from jsonb_array_elements(${tx.json(entries as never)}::jsonb) with ordinality as t(e, n)
    order by n`;
}
