/**
 * The owners of accounts, for deciding whether a CSM (`data.write-own`) may write a KPI month or a playbook
 * run: they may only when the account it belongs to is theirs.
 */
import type { TransactionSql } from '../db/connect';

/** `null`: the account has no owner; an account missing from the map does not exist (or is deleted). */
export async function readAccountOwners(
  tx: TransactionSql,
  tenantId: string,
  accountIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (accountIds.length === 0) return new Map();
  // A join rather than `id = any(...)`, for the reason in documents.ts (readMasters).
  const rows = await tx<{ id: string; owner_id: string | null }[]>`
    select a.id, a.data->>'ownerId' as owner_id
    from sync_documents a join unnest(${tx.array([...new Set(accountIds)])}::text[]) as k(id) on a.id = k.id
    where a.tenant_id = ${tenantId} and a.collection = 'accounts' and not a.deleted`;
  return new Map(rows.map((row) => [row.id, row.owner_id]));
}
