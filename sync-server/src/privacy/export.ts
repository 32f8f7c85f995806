/**
 * Data exports (GDPR access and portability), as one JSON file each:
 * - a tenant's, for its owner: the tenant, every synced document, members, invitations (never a token or
 *   its hash) and the whole audit trail;
 * - a user's own: their account (never the password hash or a TOTP key), memberships, sessions (never a
 *   token or its hash), their assistant conversations and the audit entries they made, in every workspace.
 * Each export is itself audited, in one transaction with the reads, so the file and its record agree.
 */
import type { AppDeps, Membership } from '../context';
import type { TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { readAudit, type AuditRecord } from '../audit/read';
import { appendPrivacyAudit, enterTenant } from './audit';

export const EXPORT_VERSION = 1;
const AUDIT_PAGE = 1000;

export interface ExportFile {
  readonly fileName: string;
  readonly body: Record<string, unknown>;
}

const day = (at: Date): string => at.toISOString().slice(0, 10);

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  mfa_required: boolean;
  created_at: Date;
}

async function readTenant(tx: TransactionSql, tenantId: string): Promise<TenantRow> {
  const [row] = await tx<TenantRow[]>`
    select id, slug, name, mfa_required, created_at from tenants where id = ${tenantId}`;
  // requireMember found it in this request: gone now means deleted meanwhile.
  if (!row) throw new Error(`Tenant ${tenantId} vanished during its export.`);
  return row;
}

/**
 * The synced documents, by collection, as devices pull them (`_deleted` and `seq` included). Assistant
 * conversations are private to their author (sync/pull.ts), and an export must not reveal what the API
 * never shows: only the exporting owner's own are in it; each user exports theirs with their account.
 */
async function readDocuments(
  tx: TransactionSql,
  tenantId: string,
  options: { conversationsOf: string },
): Promise<Record<string, unknown[]>> {
  const rows = await tx<{ collection: string; doc: Record<string, unknown> }[]>`
    select collection, data || jsonb_build_object('_deleted', deleted, 'seq', seq) as doc
    from sync_documents
    where tenant_id = ${tenantId}
      and (collection <> 'conversations' or data->>'userId' = ${options.conversationsOf})
    order by collection, seq`;
  const documents: Record<string, unknown[]> = {};
  for (const { collection, doc } of rows) (documents[collection] ??= []).push(doc);
  return documents;
}

async function readAllAudit(
  tx: TransactionSql,
  tenantId: string,
  keep: (r: AuditRecord) => boolean = () => true,
): Promise<AuditRecord[]> {
  const all: AuditRecord[] = [];
  for (let after = 0; ;) {
    const page = await readAudit(tx, { tenantId, cursor: { after }, limit: AUDIT_PAGE });
    all.push(...page.filter(keep));
    if (page.length < AUDIT_PAGE) return all;
    after = page[page.length - 1]!.id;
  }
}

async function readMembers(tx: TransactionSql, tenantId: string): Promise<unknown[]> {
  const rows = await tx<
    { id: string; name: string; email: string; role: string; manager_id: string | null; created_at: Date }[]
  >`
    select m.user_id::text as id, u.name, u.email, m.role, m.manager_id::text as manager_id, m.created_at
    from memberships m join users u on u.id = m.user_id
    where m.tenant_id = ${tenantId}
    order by u.name, u.id`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    managerId: r.manager_id,
    joinedAt: r.created_at.toISOString(),
  }));
}

/** Every invitation, pending or not: the team's history. Named columns: never the token hash. */
async function readInvitations(tx: TransactionSql, tenantId: string): Promise<unknown[]> {
  const rows = await tx<
    {
      id: string;
      email: string;
      role: string;
      invited_by: string | null;
      created_at: Date;
      expires_at: Date;
      accepted_at: Date | null;
      revoked_at: Date | null;
    }[]
  >`
    select id, email, role, invited_by::text as invited_by, created_at, expires_at, accepted_at, revoked_at
    from invitations where tenant_id = ${tenantId}
    order by created_at, id`;
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    invitedBy: r.invited_by,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    acceptedAt: r.accepted_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

export async function exportTenant(deps: AppDeps, member: Membership): Promise<ExportFile> {
  const { tenantId, userId } = member;
  const now = deps.now();
  return withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    const tenant = await readTenant(tx, tenantId);
    const body = {
      format: 'vitals-tenant-export',
      version: EXPORT_VERSION,
      exportedAt: now.toISOString(),
      exportedBy: userId,
      tenant: {
        id: tenant.id,
        slug: tenant.slug,
        name: tenant.name,
        mfaRequired: tenant.mfa_required,
        createdAt: tenant.created_at.toISOString(),
      },
      members: await readMembers(tx, tenantId),
      invitations: await readInvitations(tx, tenantId),
      documents: await readDocuments(tx, tenantId, { conversationsOf: userId }),
      audit: await readAllAudit(tx, tenantId),
    };
    await appendPrivacyAudit(tx, {
      tenantId,
      userId,
      at: now,
      action: 'privacy.export',
      collection: 'tenants',
      documentId: tenantId,
      after: { fileName: `vitals-${tenant.slug}-${day(now)}.json` },
    });
    return { fileName: `vitals-${tenant.slug}-${day(now)}.json`, body };
  });
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  mfa_enabled: boolean;
  password_changed_at: Date;
  created_at: Date;
}

interface MembershipRow {
  tenant_id: string;
  slug: string;
  name: string;
  role: string;
  manager_id: string | null;
  created_at: Date;
}

/** The user's memberships, visible before any tenant is chosen (memberships' policy: `user_id = app_user_id()`). */
export async function readMemberships(tx: TransactionSql, userId: string): Promise<MembershipRow[]> {
  return tx<MembershipRow[]>`
    select m.tenant_id::text as tenant_id, t.slug, t.name, m.role, m.manager_id::text as manager_id, m.created_at
    from memberships m join tenants t on t.id = m.tenant_id
    where m.user_id = ${userId}
    order by m.tenant_id`;
}

export async function exportUser(
  deps: AppDeps,
  userId: string,
  currentSessionId: string,
): Promise<ExportFile> {
  const now = deps.now();
  return withScope(deps.db.sql, { userId }, async (tx) => {
    // Named columns: the row also holds the password hash and the TOTP keys, which never leave the server.
    const [user] = await tx<UserRow[]>`
      select id, email, name, totp_key is not null as mfa_enabled, password_changed_at, created_at
      from users where id = ${userId}`;
    if (!user) throw new Error(`Signed-in user ${userId} has no row.`);
    const sessions = await tx<{ id: string; created_at: Date; expires_at: Date; mfa_verified: boolean }[]>`
      select id, created_at, expires_at, mfa_verified from sessions where user_id = ${userId} order by created_at`;
    const memberships = await readMemberships(tx, userId);
    const workspaces = [];
    for (const m of memberships) {
      await enterTenant(tx, m.tenant_id);
      const [conversations] = await tx<{ docs: unknown[] }[]>`
        select coalesce(jsonb_agg(data || jsonb_build_object('_deleted', deleted, 'seq', seq) order by seq), '[]')
          as docs
        from sync_documents
        where tenant_id = ${m.tenant_id} and collection = 'conversations' and data->>'userId' = ${userId}`;
      workspaces.push({
        tenantId: m.tenant_id,
        conversations: conversations?.docs ?? [],
        audit: await readAllAudit(tx, m.tenant_id, (r) => r.userId === userId),
      });
      await appendPrivacyAudit(tx, {
        tenantId: m.tenant_id,
        userId,
        at: now,
        action: 'privacy.user-export',
        collection: 'users',
        documentId: userId,
        after: {},
      });
    }
    const body = {
      format: 'vitals-user-export',
      version: EXPORT_VERSION,
      exportedAt: now.toISOString(),
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        mfaEnabled: user.mfa_enabled,
        passwordChangedAt: user.password_changed_at.toISOString(),
        createdAt: user.created_at.toISOString(),
      },
      memberships: memberships.map((m) => ({
        tenantId: m.tenant_id,
        slug: m.slug,
        name: m.name,
        role: m.role,
        managerId: m.manager_id,
        joinedAt: m.created_at.toISOString(),
      })),
      // The id is the token's hash: it stays here, like the token.
      sessions: sessions.map((s) => ({
        createdAt: s.created_at.toISOString(),
        expiresAt: s.expires_at.toISOString(),
        mfaVerified: s.mfa_verified,
        current: s.id === currentSessionId,
      })),
      workspaces,
    };
    return { fileName: `vitals-account-${day(now)}.json`, body };
  });
}
