/**
 * Invitation rows. Rows are mapped to domain objects in `toInvitation` only, and the token hash never leaves
 * this file except as the argument it was looked up by. Functions take a transaction scoped to the tenant
 * (row-level security checks it), except `findInvitationByToken`, which is how accepting finds the tenant.
 */
import { isRole, type InvitationView, type Role } from '@vitals/shared';
import type postgres from 'postgres';
import type { TransactionSql } from '../db/connect';

/** A week: long enough for someone back from a trip, short enough that a forgotten link dies. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** What the API shows of an invitation: never the token or its hash. */
export type Invitation = InvitationView;

interface InvitationRow {
  id: string;
  email: string;
  role: string;
  invited_by: string | null;
  inviter_name: string | null;
  inviter_email: string | null;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

function roleOf(value: string): Role {
  // The table's CHECK allows only roles; anything else is a schema out of step with the code.
  if (!isRole(value)) throw new Error(`Invitation with unknown role ${JSON.stringify(value)}.`);
  return value;
}

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: roleOf(row.role),
    invitedBy:
      row.invited_by === null
        ? null
        : { id: row.invited_by, name: row.inviter_name ?? '', email: row.inviter_email ?? '' },
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

function selectInvitations(
  tx: TransactionSql,
  where: postgres.Fragment,
): postgres.PendingQuery<InvitationRow[]> {
  return tx<InvitationRow[]>`
    select i.id, i.email, i.role, i.invited_by, u.name as inviter_name, u.email as inviter_email,
      i.created_at, i.expires_at, i.accepted_at, i.revoked_at
    from invitations i left join users u on u.id = i.invited_by
    where ${where}
    order by i.created_at desc, i.id`;
}

export async function readInvitation(
  tx: TransactionSql,
  tenantId: string,
  id: string,
): Promise<Invitation | null> {
  const [row] = await selectInvitations(tx, tx`i.tenant_id = ${tenantId} and i.id = ${id}`);
  return row ? toInvitation(row) : null;
}

/** Neither accepted nor revoked, expired or not: the one that inviting the address again replaces. */
export async function openInvitation(
  tx: TransactionSql,
  tenantId: string,
  email: string,
): Promise<Invitation | null> {
  const [row] = await selectInvitations(
    tx,
    tx`i.tenant_id = ${tenantId} and i.email = ${email} and i.accepted_at is null and i.revoked_at is null`,
  );
  return row ? toInvitation(row) : null;
}

/** Invitations that can still be accepted, newest first. */
export async function listPendingInvitations(
  tx: TransactionSql,
  tenantId: string,
  now: Date,
): Promise<Invitation[]> {
  const rows = await selectInvitations(
    tx,
    tx`i.tenant_id = ${tenantId} and i.accepted_at is null and i.revoked_at is null and i.expires_at > ${now}`,
  );
  return rows.map(toInvitation);
}

/** Creates the address's open invitation, or gives the existing one a new token, role and week. */
export async function upsertInvitation(
  tx: TransactionSql,
  input: { tenantId: string; email: string; role: Role; invitedBy: string; tokenHash: string; now: Date },
): Promise<string> {
  const expiresAt = new Date(input.now.getTime() + INVITATION_LIFETIME_MS);
  const [row] = await tx<{ id: string }[]>`
    insert into invitations (tenant_id, email, role, invited_by, token_hash, expires_at, created_at)
    values (${input.tenantId}, ${input.email}, ${input.role}, ${input.invitedBy}, ${input.tokenHash}, ${expiresAt}, ${input.now})
    on conflict (tenant_id, email) where accepted_at is null and revoked_at is null do update set
      role = excluded.role, invited_by = excluded.invited_by, token_hash = excluded.token_hash,
      expires_at = excluded.expires_at, created_at = excluded.created_at
    returning id`;
  if (!row) throw new Error('The invitation upsert returned no row.');
  return row.id;
}

/** Revokes an open invitation; false when there is none by that id in the tenant. */
export async function markRevoked(
  tx: TransactionSql,
  tenantId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const rows = await tx`
    update invitations set revoked_at = ${now}
    where tenant_id = ${tenantId} and id = ${id} and accepted_at is null and revoked_at is null`;
  return rows.count === 1;
}

export interface TokenInvitation {
  readonly id: string;
  readonly tenantId: string;
  readonly email: string;
  readonly role: Role;
}

/**
 * The invitation a token stands for while it can still be accepted, from any tenant: the transaction shows
 * the holder of the token that row alone (the `token_holder` policy), whatever scope it has.
 */
export async function findInvitationByToken(
  tx: TransactionSql,
  tokenHash: string,
  now: Date,
): Promise<TokenInvitation | null> {
  await tx`select set_config('app.invitation_token_hash', ${tokenHash}, true)`;
  const [row] = await tx<{ id: string; tenant_id: string; email: string; role: string }[]>`
    select id, tenant_id, email, role from invitations
    where token_hash = ${tokenHash} and accepted_at is null and revoked_at is null and expires_at > ${now}`;
  return row ? { id: row.id, tenantId: row.tenant_id, email: row.email, role: roleOf(row.role) } : null;
}

/**
 * Uses the invitation up, checking again under the tenant's scope and with the row locked: of two accepts
 * racing with one link, or an accept racing a revoke or a new token, exactly one wins.
 */
export async function markAccepted(
  tx: TransactionSql,
  input: { id: string; tokenHash: string; now: Date },
): Promise<boolean> {
  const rows = await tx`
    update invitations set accepted_at = ${input.now}
    where id = ${input.id} and token_hash = ${input.tokenHash}
      and accepted_at is null and revoked_at is null and expires_at > ${input.now}`;
  return rows.count === 1;
}
