/**
 * Erasure (GDPR):
 * - an owner deletes a tenant: the tenant row goes and every tenant-owned table cascades with it, its audit
 *   trail included (migration 0009 lets the cascade through; 0009_tenant_deletion.sql here until it lands).
 *   A trail cannot record its own deletion, so the server log does, at info level: who, when, which tenant;
 * - a user deletes their account: their memberships go and their `members` documents become tombstones (as
 *   a removal does, team/membership.ts), their assistant conversations become tombstones emptied of their
 *   content, and the user row goes with its sessions, recovery codes and the rest. Accounts they owned keep
 *   `ownerId`: the workspace's data is not theirs to delete. A workspace always keeps an owner, so the last
 *   owner of one is refused until they transfer it or delete it.
 * Both ask for proof: the tenant's slug typed out; the user's password (rate-limited like every re-entry).
 */
import type { CollectionName } from '@vitals/shared';
import { AUTH_ERROR_CODES } from '../auth/errors';
import { guardedAttempt, type Guarded } from '../auth/guarded';
import { verifyPassword } from '../auth/passwords';
import { limitKey, REAUTH_LIMIT } from '../auth/rate-limit';
import type { AppDeps, Membership } from '../context';
import type { TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import { writeDocuments, type StoredDocument, type WrittenDocument } from '../sync/documents';
import { lockTenantWrites } from '../sync/tenant-lock';
import { memberDocument, type Member } from '../team/membership';
import { appendPrivacyAudit, enterTenant } from './audit';
import { readMemberships } from './export';

export const PRIVACY_ERROR_CODES = {
  /** The confirmation typed is not the tenant's slug. */
  confirmationMismatch: 'confirmation-mismatch',
  /** A live Stripe subscription would go on billing a deleted tenant. */
  subscriptionActive: 'subscription-active',
  /** The user is the last owner of a workspace. */
  lastOwner: 'last-owner',
} as const;

export async function deleteTenant(deps: AppDeps, member: Membership, confirm: string): Promise<void> {
  const { tenantId, userId } = member;
  const at = deps.now();
  const deleted = await withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    // No write of the tenant's documents may be half-way while its rows go.
    await lockTenantWrites(tx, tenantId);
    const [tenant] = await tx<{ slug: string; name: string; subscription: string | null }[]>`
      select t.slug, t.name, b.stripe_subscription_id as subscription
      from tenants t left join tenant_billing b
        on b.tenant_id = t.id and b.status not in ('canceled', 'none')
      where t.id = ${tenantId}`;
    if (!tenant) throw new Error(`Tenant ${tenantId} vanished before its deletion.`);
    if (confirm.trim().toLowerCase() !== tenant.slug) {
      const message = `Type the workspace's address, ${tenant.slug}, to confirm.`;
      throw new ApiError(400, PRIVACY_ERROR_CODES.confirmationMismatch, message, {
        issues: [{ path: 'confirm', message }],
      });
    }
    if (tenant.subscription !== null) {
      throw new ApiError(
        409,
        PRIVACY_ERROR_CODES.subscriptionActive,
        `Cancel the subscription of ${tenant.name} in Billing first: deleting the workspace does not stop Stripe from charging it.`,
      );
    }
    await tx`delete from tenants where id = ${tenantId}`;
    return tenant;
  });
  // After commit, and only then: the trail went with the tenant, so this line is the record of its deletion.
  deps.log.info('tenant deleted', {
    event: 'privacy.tenant-delete',
    tenantId,
    slug: deleted.slug,
    name: deleted.name,
    userId,
    at: at.toISOString(),
  });
}

interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: Member['role'];
  manager_id: string | null;
  created_at: Date;
}

const toMember = (r: MemberRow): Member => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  managerId: r.manager_id,
  joinedAt: r.created_at.toISOString(),
});

/** The leaving user and whoever reports to them (by membership, or by `members` document as seeding sets it). */
async function affectedMembers(tx: TransactionSql, tenantId: string, userId: string): Promise<Member[]> {
  const rows = await tx<MemberRow[]>`
    select * from (
      select m.user_id::text as id, u.name, u.email, m.role,
        coalesce(m.manager_id::text, d.data->>'managerId') as manager_id, m.created_at
      from memberships m join users u on u.id = m.user_id
      left join sync_documents d on d.tenant_id = m.tenant_id and d.collection = 'members'
        and d.id = m.user_id::text and not d.deleted
      where m.tenant_id = ${tenantId}
    ) x
    where x.id = ${userId} or x.manager_id = ${userId}`;
  return rows.map(toMember);
}

/** Their assistant conversations as tombstones, emptied: a tombstone that kept the messages would erase nothing. */
async function conversationTombstones(
  tx: TransactionSql,
  tenantId: string,
  userId: string,
  at: Date,
): Promise<StoredDocument[]> {
  const rows = await tx<{ data: Record<string, unknown> }[]>`
    select data from sync_documents
    where tenant_id = ${tenantId} and collection = 'conversations' and data->>'userId' = ${userId}
      and not deleted`;
  return rows.map(({ data }) => ({
    ...data,
    id: String(data.id),
    title: '',
    messages: [],
    updatedAt: at.toISOString(),
    _deleted: true,
  }));
}

interface Written {
  readonly tenantId: string;
  readonly collection: CollectionName;
  readonly last: WrittenDocument;
}

async function leaveTenant(
  tx: TransactionSql,
  options: { tenantId: string; userId: string; role: string; at: Date },
): Promise<Written[]> {
  const { tenantId, userId, at } = options;
  await enterTenant(tx, tenantId);
  await lockTenantWrites(tx, tenantId);
  const affected = await affectedMembers(tx, tenantId, userId);
  const leaving = affected.find((m) => m.id === userId);
  if (!leaving) throw new Error(`User ${userId} left tenant ${tenantId} during their deletion.`);
  const reports = affected.filter((m) => m.id !== userId);
  await tx`delete from memberships where tenant_id = ${tenantId} and user_id = ${userId}`;
  // The tombstone keeps no name or address: erasure means the devices lose those too.
  const gone: Member = { ...leaving, name: 'Deleted user', email: `${userId}@deleted.invalid` };
  const memberDocs = [
    memberDocument(gone, true),
    ...reports.map((r) => memberDocument({ ...r, managerId: null }, false)),
  ];
  const conversations = await conversationTombstones(tx, tenantId, userId, at);
  const written: Written[] = [];
  for (const [collection, documents] of [
    ['members', memberDocs],
    ['conversations', conversations],
  ] as const) {
    const seqs = await writeDocuments(tx, { tenantId, collection, userId, documents, at });
    const last = seqs.at(-1);
    if (last) written.push({ tenantId, collection, last });
  }
  await appendPrivacyAudit(tx, {
    tenantId,
    userId,
    at,
    action: 'privacy.user-delete',
    collection: 'users',
    documentId: userId,
    after: { role: options.role, conversations: conversations.length, reports: reports.map((r) => r.id) },
  });
  return written;
}

function lastOwnerOf(name: string): ApiError {
  return new ApiError(
    409,
    PRIVACY_ERROR_CODES.lastOwner,
    `Transfer ownership of ${name} or delete it first.`,
  );
}

/**
 * Deletes the signed-in user, in one transaction across their workspaces (each entered in turn, in id
 * order so two deletions never wait on each other's tenant locks crosswise), then tells open streams.
 */
export async function deleteUser(deps: AppDeps, userId: string, password: string): Promise<Guarded<void>> {
  const guard = { userId, key: limitKey('reauth', userId), policy: REAUTH_LIMIT };
  const outcome = await guardedAttempt(deps, guard, async (tx, user, now) => {
    if (!(await verifyPassword(user.passwordHash, password))) {
      return {
        ok: false,
        error: new ApiError(401, AUTH_ERROR_CODES.invalidPassword, 'Your password is not correct.'),
      };
    }
    const memberships = await readMemberships(tx, userId);
    const written: Written[] = [];
    for (const m of memberships) {
      if (m.role === 'owner') {
        await enterTenant(tx, m.tenant_id);
        await lockTenantWrites(tx, m.tenant_id);
        const [owners] = await tx<{ n: number }[]>`
          select count(*)::int as n from memberships where tenant_id = ${m.tenant_id} and role = 'owner'`;
        if ((owners?.n ?? 0) <= 1) throw lastOwnerOf(m.name);
      }
      written.push(...(await leaveTenant(tx, { tenantId: m.tenant_id, userId, role: m.role, at: now })));
    }
    await enterTenant(tx, '');
    // Sessions, recovery codes, reset links, push subscriptions and notification settings cascade.
    await tx`delete from users where id = ${userId}`;
    return { ok: true as const, value: written };
  });
  if (outcome.kind !== 'ok') return outcome;
  for (const { tenantId, collection, last } of outcome.value) {
    await deps.feed
      .publish({ tenantId, collection, checkpoint: { id: last.id, seq: last.seq } })
      .catch((error: unknown) => {
        deps.log.error('change feed publish failed', { tenantId, collection, error });
      });
  }
  return { kind: 'ok', value: undefined };
}
