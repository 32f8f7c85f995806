/**
 * Writes to a tenant's synced documents are serialised by a transaction-level advisory lock, taken before
 * any `nextval('sync_seq')`. Sequence values are handed out before commit, so without it a write that takes
 * seq 10 and commits after another write's seq 11 would be skipped by every device that pulled in between
 * (`seq > 11`). With the lock, within a tenant seq order is commit order, and a pull can never step over a
 * write that is still to commit. Tenants do not wait for each other.
 *
 * Every writer of sync_documents (push, imports, server-raised alerts) must take it.
 */
import type { TransactionSql } from '../db/connect';

export async function lockTenantWrites(tx: TransactionSql, tenantId: string): Promise<void> {
  // hashtextextended gives a 64-bit key; the prefix keeps it apart from other advisory locks.
  await tx`select pg_advisory_xact_lock(hashtextextended(${`vitals-sync:${tenantId}`}, 0))`;
}
