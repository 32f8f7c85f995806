/**
 * Audit entries of privacy requests: they change no document, so they carry their own actions
 * (`privacy.export`, …) rather than audit/append.ts's create/update/delete. Append-only like the rest.
 */
import type { TransactionSql } from '../db/connect';

export type PrivacyAction = 'privacy.export' | 'privacy.user-export' | 'privacy.user-delete';

export async function appendPrivacyAudit(
  tx: TransactionSql,
  entry: {
    tenantId: string;
    userId: string;
    at: Date;
    action: PrivacyAction;
    /** What it was about: the tenant for an export, the user for a user's request. */
    collection: 'tenants' | 'users';
    documentId: string;
    after: Readonly<Record<string, unknown>>;
  },
): Promise<void> {
  const { tenantId, userId, at, action, collection, documentId, after } = entry;
  await tx`
    insert into audit_log (tenant_id, user_id, at, action, collection, document_id, before, after)
    values (${tenantId}, ${userId}, ${at}, ${action}, ${collection}, ${documentId}, null, ${tx.json(after as never)})`;
}

/**
 * Moves a transaction (opened by withScope) to another of the user's tenants: row-level security then
 * confines its queries to that one. Requests that span a user's workspaces run in one transaction this way.
 */
export async function enterTenant(tx: TransactionSql, tenantId: string): Promise<void> {
  await tx`select set_config('app.tenant_id', ${tenantId}, true)`;
}
