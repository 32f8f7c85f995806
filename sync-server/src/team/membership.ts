/**
 * Changing a workspace's membership once people are in it: role and manager, removal, leaving, handing over
 * ownership. The routes check `team.manage` first; here, under the tenant's write lock, the actor's role is
 * read again (it may have changed since the request began) and the rest is checked against it:
 * - only an owner makes, changes or removes owners (`canAssignRole`);
 * - a workspace always keeps an owner: the last one can be neither demoted, removed, nor leave.
 *
 * Every change also rewrites the member's `members` document (tombstoned on removal), so devices see it at
 * their next pull, and is audited. Accounts a removed member owned keep their `ownerId`: nothing is lost, and
 * a manager hands them over like any other account.
 */
import { can, canAssignRole, isRole, ROLE_NAMES, type MemberDoc, type MemberView, type Role } from '@vitals/shared';
import { appendAudit, type AuditEntry } from '../audit/append';
import { invalidateUserSessions } from '../auth/sessions';
import type { AppDeps, Membership } from '../context';
import type { TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { ApiError, ERROR_CODES, notFound } from '../errors';
import { writeDocuments, type StoredDocument, type WrittenDocument } from '../sync/documents';
import { lockTenantWrites } from '../sync/tenant-lock';

/** Reason code of the last-owner refusal (belongs beside TEAM_ERROR_CODES in ./errors.ts). */
export const LAST_OWNER_CODE = 'last-owner';
export const LAST_OWNER_MESSAGE = 'A workspace needs an owner: make someone else owner first.';

/** A member as the API shows it. */
export type Member = MemberView;

interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: string;
  manager_id: string | null;
  created_at: Date;
}

function toMember(row: MemberRow): Member {
  // The table's CHECK allows only roles; anything else is a schema out of step with the code.
  if (!isRole(row.role)) throw new Error(`Membership with unknown role ${JSON.stringify(row.role)}.`);
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    managerId: row.manager_id,
    joinedAt: row.created_at.toISOString(),
  };
}

/**
 * The tenant's members (or one), by name. The manager is the membership's, else the `members` document's:
 * seeded workspaces set it on the document only, and rewriting a document must not lose it.
 */
async function selectMembers(tx: TransactionSql, tenantId: string, userId?: string): Promise<Member[]> {
  const rows = await tx<MemberRow[]>`
    select m.user_id::text as id, u.name, u.email, m.role,
      coalesce(m.manager_id::text, d.data->>'managerId') as manager_id, m.created_at
    from memberships m join users u on u.id = m.user_id
    left join sync_documents d on d.tenant_id = m.tenant_id and d.collection = 'members'
      and d.id = m.user_id::text and not d.deleted
    where m.tenant_id = ${tenantId} ${userId === undefined ? tx`` : tx`and m.user_id = ${userId}`}
    order by u.name, u.id`;
  return rows.map(toMember);
}

async function readMember(tx: TransactionSql, tenantId: string, userId: string): Promise<Member | null> {
  return (await selectMembers(tx, tenantId, userId))[0] ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function lastOwner(): ApiError {
  return new ApiError(409, LAST_OWNER_CODE, LAST_OWNER_MESSAGE);
}

function forbidden(message: string): ApiError {
  return new ApiError(403, ERROR_CODES.forbidden, message);
}

const memberNotFound = (): ApiError => notFound('That member');

/** One membership's change: `null` before for none, `null` after for a removal. */
interface Change {
  readonly before: Member;
  readonly after: Member | null;
}

interface Work<T> {
  readonly result: T;
  readonly changes: readonly Change[];
}

interface TeamContext {
  readonly tx: TransactionSql;
  readonly tenantId: string;
  /** The actor as the database says now, not as the request began. */
  readonly actor: Member;
}

/**
 * Runs a membership change under the tenant's write lock (which every writer of `members` documents takes,
 * so two changes never both see two owners and each demote one), then writes the documents and the audit
 * of what it changed, and tells open sync streams once committed.
 */
async function changeTeam<T>(
  deps: AppDeps,
  member: Membership,
  work: (ctx: TeamContext) => Promise<Work<T>>,
): Promise<T> {
  const { tenantId, userId } = member;
  const at = deps.now();
  const { result, written } = await withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    await lockTenantWrites(tx, tenantId);
    const actor = await readMember(tx, tenantId, userId);
    // Removed meanwhile: the same answer requireMember gives a non-member.
    if (!actor) throw notFound('That workspace');
    const { result, changes } = await work({ tx, tenantId, actor });
    const documents = changes.map(({ before, after }) => memberDocument(after ?? before, after === null));
    const written = await writeDocuments(tx, { tenantId, collection: 'members', userId, documents, at });
    await appendAudit(tx, { tenantId, userId, at, entries: changes.map(auditEntry) });
    return { result, written };
  });
  await publish(deps, tenantId, written);
  return result;
}

async function publish(deps: AppDeps, tenantId: string, written: readonly WrittenDocument[]): Promise<void> {
  const last = written.reduce<WrittenDocument | null>((max, d) => (max && max.seq > d.seq ? max : d), null);
  if (!last) return;
  // Committed already; a stream that misses this catches up at its next change or RESYNC (as in push.ts).
  await deps.feed
    .publish({ tenantId, collection: 'members', checkpoint: { id: last.id, seq: last.seq } })
    .catch((error: unknown) => {
      deps.log.error('change feed publish failed', { tenantId, collection: 'members', error });
    });
}

export function memberDocument(m: Member, deleted: boolean): StoredDocument {
  const doc: Omit<MemberDoc, 'seq'> = {
    id: m.id,
    // The document requires a name; accounts made by older tools may have none, and the address says who.
    name: m.name.trim() || m.email,
    email: m.email,
    role: m.role,
    managerId: m.managerId,
    _deleted: deleted,
  };
  return doc;
}

function auditEntry({ before, after }: Change): AuditEntry {
  const shown = (m: Member) => ({ email: m.email, role: m.role, managerId: m.managerId });
  return {
    action: after ? 'update' : 'delete',
    collection: 'memberships',
    documentId: before.id,
    before: shown(before),
    after: after ? shown(after) : null,
  };
}

async function ownerCount(tx: TransactionSql, tenantId: string): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from memberships where tenant_id = ${tenantId} and role = 'owner'`;
  return row?.n ?? 0;
}

/** The member by id, or 404: an id of another workspace's user gets the same answer as an unknown one. */
async function targetOf(ctx: TeamContext, userId: string): Promise<Member> {
  const target = UUID.test(userId) ? await readMember(ctx.tx, ctx.tenantId, userId.toLowerCase()) : null;
  if (!target) throw memberNotFound();
  return target;
}

/** What an admin may not touch: owners (only an owner makes, changes or removes them). */
function refuseUnmanageable(actor: Member, target: Member, doing: string): void {
  if (!can(actor.role, 'team.manage')) throw forbidden('Your role does not allow this.');
  if (!canAssignRole(actor.role, target.role)) {
    throw forbidden(`Your role cannot ${doing} an ${ROLE_NAMES[target.role]}. Ask an owner.`);
  }
}

async function refuseLastOwner(ctx: TeamContext, target: Member): Promise<void> {
  if (target.role === 'owner' && (await ownerCount(ctx.tx, ctx.tenantId)) <= 1) throw lastOwner();
}

export async function listMembers(deps: AppDeps, member: Membership): Promise<Member[]> {
  const { tenantId, userId } = member;
  return withScope(deps.db.sql, { tenantId, userId }, (tx) => selectMembers(tx, tenantId));
}

export interface MemberUpdate {
  readonly role?: Role;
  readonly managerId?: string | null;
}

export async function updateMember(
  deps: AppDeps,
  member: Membership,
  userId: string,
  input: MemberUpdate,
): Promise<Member> {
  return changeTeam(deps, member, async (ctx) => {
    const target = await targetOf(ctx, userId);
    refuseUnmanageable(ctx.actor, target, 'change');
    const role = input.role ?? target.role;
    if (!canAssignRole(ctx.actor.role, role)) {
      throw forbidden(`Your role cannot give the ${ROLE_NAMES[role]} role. Ask an owner.`);
    }
    if (role !== 'owner') await refuseLastOwner(ctx, target);
    const managerId =
      input.managerId === undefined ? target.managerId : await managerOf(ctx, target, input.managerId);
    if (role === target.role && managerId === target.managerId) return { result: target, changes: [] };

    await ctx.tx`
      update memberships set role = ${role}
        ${input.managerId === undefined ? ctx.tx`` : ctx.tx`, manager_id = ${managerId}`}
      where tenant_id = ${ctx.tenantId} and user_id = ${target.id}`;
    const after: Member = { ...target, role, managerId };
    return { result: after, changes: [{ before: target, after }] };
  });
}

/** A manager must be another member of this workspace. */
async function managerOf(ctx: TeamContext, target: Member, managerId: string | null): Promise<string | null> {
  if (managerId === null) return null;
  const invalid = (message: string) =>
    new ApiError(400, ERROR_CODES.invalidInput, message, { issues: [{ path: 'managerId', message }] });
  if (managerId.toLowerCase() === target.id) throw invalid('Someone cannot be their own manager.');
  const manager = UUID.test(managerId)
    ? await readMember(ctx.tx, ctx.tenantId, managerId.toLowerCase())
    : null;
  if (!manager) throw invalid('Choose a manager who is a member of this workspace.');
  return manager.id;
}

/**
 * Removes a member: their membership row goes, their `members` document becomes a tombstone, and their
 * sessions end. Sessions carry no tenant (one session serves every workspace of its user), so this cannot
 * end only this workspace's: it ends them all. That is the point: requireMember already refuses this
 * workspace to them, but a device that had it open keeps its data offline until it is told to sign out, and
 * a 401 is what makes the app sign out and clear it. Signing in again costs the person a password; a device
 * that keeps showing a workspace one was removed from costs more.
 */
export async function removeMember(deps: AppDeps, member: Membership, userId: string): Promise<void> {
  await changeTeam(deps, member, async (ctx) => {
    const target = await targetOf(ctx, userId);
    refuseUnmanageable(ctx.actor, target, 'remove');
    await refuseLastOwner(ctx, target);
    const changes = await leaveTeam(ctx, target);
    await invalidateUserSessions(ctx.tx, target.id);
    return { result: undefined, changes };
  });
}

/**
 * The caller leaves. Their sessions stay: they chose to go, and their other workspaces keep working; the
 * app clears this workspace's local data itself on the answer.
 */
export async function leaveWorkspace(deps: AppDeps, member: Membership): Promise<void> {
  await changeTeam(deps, member, async (ctx) => {
    await refuseLastOwner(ctx, ctx.actor);
    return { result: undefined, changes: await leaveTeam(ctx, ctx.actor) };
  });
}

/** Deletes the membership, and unsets it as the manager of anyone who reported to it. */
async function leaveTeam(ctx: TeamContext, leaving: Member): Promise<Change[]> {
  const reports = (await selectMembers(ctx.tx, ctx.tenantId)).filter((m) => m.managerId === leaving.id);
  await ctx.tx`delete from memberships where tenant_id = ${ctx.tenantId} and user_id = ${leaving.id}`;
  if (reports.length > 0) {
    await ctx.tx`
      update memberships set manager_id = null
      where tenant_id = ${ctx.tenantId} and user_id in ${ctx.tx(reports.map((m) => m.id))}`;
  }
  return [
    { before: leaving, after: null },
    ...reports.map((before) => ({ before, after: { ...before, managerId: null } })),
  ];
}

export interface Transfer {
  readonly owner: Member;
  readonly formerOwner: Member;
}

/** An owner makes another member owner and becomes an admin, in one transaction: never no owner, never two steps. */
export async function transferOwnership(
  deps: AppDeps,
  member: Membership,
  userId: string,
): Promise<Transfer> {
  return changeTeam(deps, member, async (ctx) => {
    if (ctx.actor.role !== 'owner') throw forbidden('Only an owner can transfer ownership.');
    const target = await targetOf(ctx, userId);
    if (target.id === ctx.actor.id) {
      throw new ApiError(
        400,
        ERROR_CODES.invalidInput,
        'You already own this workspace: choose another member.',
      );
    }
    await ctx.tx`
      update memberships set role = case when user_id = ${target.id} then 'owner' else 'admin' end
      where tenant_id = ${ctx.tenantId} and user_id in ${ctx.tx([target.id, ctx.actor.id])}`;
    const owner: Member = { ...target, role: 'owner' };
    const formerOwner: Member = { ...ctx.actor, role: 'admin' };
    const changes = [
      ...(target.role === 'owner' ? [] : [{ before: target, after: owner }]),
      { before: ctx.actor, after: formerOwner },
    ];
    return { result: { owner, formerOwner }, changes };
  });
}
