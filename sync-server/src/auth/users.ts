/**
 * Users and their memberships. Rows are mapped to domain objects in `toUser` only. Functions take a
 * transaction already in the right scope (see db/tenant-scope.ts); the seeder calls `createUser` and
 * `addMembership` too.
 */
import type { Role } from '@vitals/shared';
import { isRole } from '@vitals/shared';
import type { SessionUser } from '../context';
import type { TransactionSql } from '../db/connect';
import { ApiError } from '../errors';
import { AUTH_ERROR_CODES } from './errors';
import { hashPassword } from './passwords';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly totpKey: Uint8Array | null;
  readonly totpLastCounter: bigint | null;
  readonly totpPendingKey: Uint8Array | null;
  /** `null` until the address is confirmed (see email-verification.ts). */
  readonly emailVerifiedAt: Date | null;
}

export interface TenantSummary {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly role: Role;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  totp_key: Buffer | null;
  totp_last_counter: string | null;
  totp_pending_key: Buffer | null;
  email_verified_at: Date | null;
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    totpKey: row.totp_key ? new Uint8Array(row.totp_key) : null,
    // int8 arrives as a string from postgres.js.
    totpLastCounter: row.totp_last_counter === null ? null : BigInt(row.totp_last_counter),
    totpPendingKey: row.totp_pending_key ? new Uint8Array(row.totp_pending_key) : null,
    emailVerifiedAt: row.email_verified_at,
  };
}

/** What the API shows of a user: never the hash or the keys. */
export function publicUser(user: UserRecord): SessionUser {
  return { id: user.id, email: user.email, name: user.name, mfaEnabled: user.totpKey !== null, emailVerified: user.emailVerifiedAt !== null };
}

/** Emails are compared case-insensitively; stored lowercase (the users table checks it). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(tx: TransactionSql, email: string): Promise<UserRecord | null> {
  const [row] = await tx<UserRow[]>`select * from users where email = ${normalizeEmail(email)}`;
  return row ? toUser(row) : null;
}

export async function findUserById(tx: TransactionSql, id: string): Promise<UserRecord | null> {
  const [row] = await tx<UserRow[]>`select * from users where id = ${id}`;
  return row ? toUser(row) : null;
}

/**
 * Throws 409 `email-taken` when the email is registered. `unverified`: a self-service sign-up, whose address
 * is confirmed later by the emailed link; everyone else (invited by an emailed link, made by an operator with
 * the CLI or the seed) counts as verified at once (the column's default).
 */
export async function createUser(
  tx: TransactionSql,
  input: { email: string; password: string; name: string },
  passwordCost: number,
  options: { readonly unverified?: boolean } = {},
): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password, passwordCost);
  const [row] = await tx<{ id: string }[]>`
    insert into users (email, name, password_hash, email_verified_at)
    values (${normalizeEmail(input.email)}, ${input.name.trim()}, ${passwordHash}, ${options.unverified ? tx`null` : tx`default`})
    on conflict (email) do nothing
    returning id`;
  if (!row) throw new ApiError(409, AUTH_ERROR_CODES.emailTaken, 'An account with this email already exists. Sign in instead, or reset your password.');
  return { id: row.id };
}

/** The transaction must be scoped to `tenantId`: row-level security checks it. */
export async function addMembership(tx: TransactionSql, input: { tenantId: string; userId: string; role: Role }): Promise<void> {
  await tx`insert into memberships (tenant_id, user_id, role) values (${input.tenantId}, ${input.userId}, ${input.role})`;
}

/** The user's workspaces by name. The transaction must be scoped to the user (row-level security). */
export async function tenantsOf(tx: TransactionSql, userId: string): Promise<TenantSummary[]> {
  const rows = await tx<{ id: string; slug: string; name: string; role: string }[]>`
    select t.id, t.slug, t.name, m.role
    from memberships m join tenants t on t.id = m.tenant_id
    where m.user_id = ${userId}
    order by t.name, t.id`;
  return rows.flatMap((r) => (isRole(r.role) ? [{ id: r.id, slug: r.slug, name: r.name, role: r.role }] : []));
}

/** Sets a new password hash. Ending sessions and resets is the caller's job (see routes/auth.ts). */
export async function setPasswordHash(tx: TransactionSql, userId: string, passwordHash: string, now: Date): Promise<void> {
  await tx`update users set password_hash = ${passwordHash}, password_changed_at = ${now} where id = ${userId}`;
}
