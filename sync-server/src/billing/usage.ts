/**
 * What a workspace uses now, counted from the rows themselves (no counters to drift): the numbers the plan's
 * limits are checked against (limits.ts) and the usage screen shows. Every function takes a transaction in
 * the tenant's scope (row-level security), as every request query does.
 */
import { type LimitKind, type Usage } from '@vitals/shared';
import type { TransactionSql } from '../db/connect';

/** The calendar month (UTC) an AI question counts towards: 'YYYY-MM', as `ai_usage.month` stores it. */
export function usageMonth(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/** Members, plus invitations that can still be accepted: each is a seat already promised. */
async function countUsers(tx: TransactionSql, tenantId: string, now: Date): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select (select count(*) from memberships where tenant_id = ${tenantId})
      + (select count(*) from invitations
         where tenant_id = ${tenantId} and accepted_at is null and revoked_at is null and expires_at > ${now})
      as n`;
  return Number(row?.n ?? 0);
}

/** Accounts that exist: a deleted one (a tombstone kept for sync) no longer takes a place. */
async function countAccounts(tx: TransactionSql, tenantId: string): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*) as n from sync_documents
    where tenant_id = ${tenantId} and collection = 'accounts' and not deleted`;
  return Number(row?.n ?? 0);
}

/**
 * The bytes the workspace's documents take in the database, as PostgreSQL stores them (`pg_column_size`:
 * the jsonb value after compression). That is what the workspace really costs to keep, it counts every
 * collection alike, tombstones included (they are kept and synced), and it needs no counter of its own kept
 * in step with every write path. Audit rows and indexes are left out: the same for every workspace, and
 * nothing the user could act on.
 */
async function countStorageBytes(tx: TransactionSql, tenantId: string): Promise<number> {
  const [row] = await tx<{ n: string | null }[]>`
    select sum(pg_column_size(data))::bigint as n from sync_documents where tenant_id = ${tenantId}`;
  return Number(row?.n ?? 0);
}

async function countAiQuestions(tx: TransactionSql, tenantId: string, now: Date): Promise<number> {
  const [row] = await tx<{ questions: number }[]>`
    select questions from ai_usage where tenant_id = ${tenantId} and month = ${usageMonth(now)}`;
  return row?.questions ?? 0;
}

/** One kind only: a limit check reads just what it compares (the storage sum scans every document). */
export function readUsageOf(
  tx: TransactionSql,
  tenantId: string,
  kind: LimitKind,
  now: Date,
): Promise<number> {
  switch (kind) {
    case 'users':
      return countUsers(tx, tenantId, now);
    case 'accounts':
      return countAccounts(tx, tenantId);
    case 'storage':
      return countStorageBytes(tx, tenantId);
    case 'ai-questions':
      return countAiQuestions(tx, tenantId, now);
  }
}

export async function readUsage(tx: TransactionSql, tenantId: string, now: Date): Promise<Usage> {
  // One after another: a transaction is one connection, and PGlite has only one.
  const users = await countUsers(tx, tenantId, now);
  const accounts = await countAccounts(tx, tenantId);
  const storageBytes = await countStorageBytes(tx, tenantId);
  const aiQuestionsThisMonth = await countAiQuestions(tx, tenantId, now);
  return { users, accounts, storageBytes, aiQuestionsThisMonth };
}

/** One more question answered by the server's model this month (UTC). */
export async function countAiQuestion(tx: TransactionSql, tenantId: string, now: Date): Promise<void> {
  await tx`
    insert into ai_usage (tenant_id, month, questions) values (${tenantId}, ${usageMonth(now)}, 1)
    on conflict (tenant_id, month) do update set questions = ai_usage.questions + 1`;
}
