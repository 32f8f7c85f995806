/**
 * Audit entries of workspace events that are not a document's write: the workspace being created and the
 * sample being loaded into it. Like privacy/audit.ts they carry their own action rather than audit/append.ts's
 * create/update/delete (the sample's documents are summed up in one entry, not listed one by one).
 */
import type { TransactionSql } from '../db/connect';

export type TenantAction = 'tenant.created' | 'sample.loaded';

export async function appendTenantAudit(
  tx: TransactionSql,
  entry: { tenantId: string; userId: string; at: Date; action: TenantAction; after: Readonly<Record<string, unknown>> },
): Promise<void> {
  const { tenantId, userId, at, action, after } = entry;
  await tx`
    insert into audit_log (tenant_id, user_id, at, action, collection, document_id, before, after)
    values (${tenantId}, ${userId}, ${at}, ${action}, 'tenants', ${tenantId}, null, ${tx.json(after as never)})`;
}
