/**
 * Sessions per Lucia's guide: the cookie holds a random token, the database holds its SHA-256 as the
 * session id. Sessions slide: used in the second half of their life, they are extended to a full one.
 * A user with MFA gets a short pending session at sign-in that only the second factor completes.
 */
import type { CurrentSession, SessionUser } from '../context';
import type { TransactionSql } from '../db/connect';
import { generateToken, hashToken, isWellFormedToken } from './tokens';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Time to type the code from the authenticator app after the password. */
export const PENDING_SESSION_MS = 10 * 60 * 1000;

export function sessionLifetimeMs(sessionDays: number): number {
  return sessionDays * DAY_MS;
}

export interface NewSession {
  /** Goes into the cookie and nowhere else. */
  readonly token: string;
  readonly session: CurrentSession;
}

export async function createSession(
  tx: TransactionSql,
  options: { userId: string; mfaVerified: boolean; expiresAt: Date; now: Date },
): Promise<NewSession> {
  const token = generateToken();
  const id = hashToken(token);
  await tx`insert into sessions (id, user_id, expires_at, mfa_verified, created_at)
    values (${id}, ${options.userId}, ${options.expiresAt}, ${options.mfaVerified}, ${options.now})`;
  return { token, session: { id, userId: options.userId, expiresAt: options.expiresAt, mfaVerified: options.mfaVerified } };
}

export interface ValidSession {
  readonly session: CurrentSession;
  readonly user: SessionUser;
  /** The user has no second factor, or this session has proved it. */
  readonly verified: boolean;
  /** The expiry moved: the cookie must be sent again with the new Max-Age. */
  readonly renewed: boolean;
}

interface SessionRow {
  id: string;
  user_id: string;
  expires_at: Date;
  mfa_verified: boolean;
  email: string;
  name: string;
  mfa_enabled: boolean;
  email_verified: boolean;
}

/** The session a token stands for, or null if it is malformed, unknown, revoked or expired. */
export async function validateSessionToken(
  tx: TransactionSql,
  token: string,
  options: { now: Date; lifetimeMs: number },
): Promise<ValidSession | null> {
  if (!isWellFormedToken(token)) return null;
  const id = hashToken(token);
  const [row] = await tx<SessionRow[]>`
    select s.id, s.user_id, s.expires_at, s.mfa_verified, u.email, u.name, u.totp_key is not null as mfa_enabled,
      u.email_verified_at is not null as email_verified
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id}`;
  if (!row) return null;
  const now = options.now.getTime();
  if (row.expires_at.getTime() <= now) {
    await tx`delete from sessions where id = ${id}`;
    return null;
  }
  const verified = !row.mfa_enabled || row.mfa_verified;
  let expiresAt = row.expires_at;
  // Only a complete session slides; a pending one must not outlive its few minutes.
  const renewed = verified && expiresAt.getTime() - now < options.lifetimeMs / 2;
  if (renewed) {
    expiresAt = new Date(now + options.lifetimeMs);
    await tx`update sessions set expires_at = ${expiresAt} where id = ${id}`;
  }
  return {
    session: { id, userId: row.user_id, expiresAt, mfaVerified: row.mfa_verified },
    user: { id: row.user_id, email: row.email, name: row.name, mfaEnabled: row.mfa_enabled, emailVerified: row.email_verified },
    verified,
    renewed,
  };
}

/** The second factor was proved: the session becomes complete and gets a full lifetime. */
export async function completeSessionMfa(tx: TransactionSql, sessionId: string, expiresAt: Date): Promise<CurrentSession | null> {
  const [row] = await tx<{ user_id: string }[]>`
    update sessions set mfa_verified = true, expires_at = ${expiresAt} where id = ${sessionId} returning user_id`;
  return row ? { id: sessionId, userId: row.user_id, expiresAt, mfaVerified: true } : null;
}

export async function invalidateSession(tx: TransactionSql, sessionId: string): Promise<void> {
  await tx`delete from sessions where id = ${sessionId}`;
}

/** Signs the user out everywhere (password change or reset). */
export async function invalidateUserSessions(tx: TransactionSql, userId: string): Promise<void> {
  await tx`delete from sessions where user_id = ${userId}`;
}
