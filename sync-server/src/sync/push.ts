/**
 * A push, RxDB's replication protocol on the server: for each document, compare the device's assumed master
 * state with the server's copy; write when they agree, answer with the server's copy when they do not (the
 * device merges and pushes again). All in one transaction under the tenant's write lock, so a push is
 * applied whole or not at all and seq order is commit order (tenant-lock.ts).
 */
import {
  WRITE_REFUSALS,
  authorizeWrite,
  canReadDocument,
  isSameState,
  type CollectionName,
  type Role,
} from '@vitals/shared';
import { appendAudit, auditAction, type AuditEntry } from '../audit/append';
import { enforceGrowth, growthOf } from '../billing/limits';
import type { AppDeps } from '../context';
import { withScope } from '../db/tenant-scope';
import { readAccountOwners } from './account-owners';
import {
  readMasters,
  withoutSeq,
  writeDocuments,
  type StoredDocument,
  type WrittenDocument,
} from './documents';
import { syncFailure } from './errors';
import type { PushDocumentRow } from './push-body';
import type { DocumentChange } from '../outbound/types';
import { lockTenantWrites } from './tenant-lock';

export interface PushInput {
  readonly tenantId: string;
  readonly userId: string;
  readonly role: Role;
  readonly collection: CollectionName;
  readonly rows: readonly PushDocumentRow[];
  /** Test hook: runs inside the transaction after the writes, just before commit (a late-committing writer). */
  readonly beforeCommit?: () => Promise<void>;
}

export interface PushResult {
  /** The server's copies of the documents that were not written, for the device to merge. */
  readonly conflicts: readonly StoredDocument[];
  readonly written: readonly WrittenDocument[];
  /** Each written document with the server's copy it replaced: what the alert engine compares. */
  readonly changes: readonly DocumentChange[];
}

type PushDeps = Pick<AppDeps, 'db' | 'feed' | 'log' | 'now' | 'config'>;

/** Accounts whose owners decide a CSM's write: those the documents belong to, before and after. */
function accountIdsOf(
  rows: readonly PushDocumentRow[],
  masters: ReadonlyMap<string, StoredDocument>,
): string[] {
  const ids: string[] = [];
  for (const row of rows) {
    for (const doc of [row.next, masters.get(row.next.id)])
      if (typeof doc?.accountId === 'string') ids.push(doc.accountId);
  }
  return ids;
}

interface Plan {
  readonly conflicts: StoredDocument[];
  readonly writes: StoredDocument[];
  readonly audit: AuditEntry[];
}

/** Decides each row against the server's copy: skip, conflict, write, or refuse the whole push. */
function planWrites(
  input: PushInput,
  masters: ReadonlyMap<string, StoredDocument>,
  owners: ReadonlyMap<string, string | null>,
): Plan {
  const { userId, role, collection } = input;
  const plan: Plan = { conflicts: [], writes: [], audit: [] };
  for (const { assumed, next } of input.rows) {
    const master = masters.get(next.id) ?? null;
    // A conflict answers with the master: never one the user may not read (another person's conversation).
    if (master !== null && !canReadDocument(userId, collection, master)) {
      throw syncFailure('forbidden', { message: WRITE_REFUSALS.conversationsOwn });
    }
    // Already the server's state: a push retried after a lost response, or an edit that changed nothing.
    if (master !== null && isSameState(master, next)) continue;
    if (master !== null && (assumed === null || !isSameState(master, assumed))) {
      plan.conflicts.push(master);
      continue;
    }
    const decision = authorizeWrite({
      role,
      userId,
      collection,
      before: master,
      after: next,
      accountOwner: (accountId) => (owners.has(accountId) ? owners.get(accountId) : undefined),
    });
    if (!decision.ok) throw syncFailure(decision.code, { message: decision.message });
    plan.writes.push(next);
    plan.audit.push({
      action: auditAction(master, next),
      collection,
      documentId: next.id,
      before: master && withoutSeq(master),
      after: next,
    });
  }
  return plan;
}

export async function pushDocuments(deps: PushDeps, input: PushInput): Promise<PushResult> {
  const { tenantId, userId, collection, rows } = input;
  const at = deps.now();
  const result = await withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    // Before any nextval('sync_seq'): see tenant-lock.ts.
    await lockTenantWrites(tx, tenantId);
    const masters = await readMasters(
      tx,
      tenantId,
      collection,
      rows.map((row) => row.next.id),
    );
    const owners =
      collection === 'measurements' || collection === 'playbook_runs'
        ? await readAccountOwners(tx, tenantId, accountIdsOf(rows, masters))
        : new Map<string, string | null>();

    const { conflicts, writes, audit } = planWrites(input, masters, owners);
    // Plan limits (billing/limits.ts): only what the push adds counts (new accounts, more bytes), so deletions
    // always sync, and edits while there is room. A refusal refuses the whole push (402); the device keeps its
    // documents and shows the message.
    await enforceGrowth(tx, deps, tenantId, growthOf(collection, writes, masters));
    const written = await writeDocuments(tx, { tenantId, collection, userId, documents: writes, at });
    await appendAudit(tx, { tenantId, userId, at, entries: audit });
    await input.beforeCommit?.();
    const changes = writes.map((after) => ({ before: masters.get(after.id) ?? null, after }));
    return { conflicts, written, changes };
  });

  const last = result.written.reduce<WrittenDocument | null>(
    (max, doc) => (max === null || doc.seq > max.seq ? doc : max),
    null,
  );
  if (last) {
    // The write has committed and the device gets its answer either way; a stream that misses this
    // change catches up at its next change or RESYNC. The failure is logged, not hidden.
    await deps.feed
      .publish({ tenantId, collection, checkpoint: { id: last.id, seq: last.seq } })
      .catch((error: unknown) => {
        deps.log.error('change feed publish failed', { tenantId, collection, error });
      });
  }
  return result;
}
