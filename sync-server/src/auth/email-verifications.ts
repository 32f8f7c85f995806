/**
 * Email-verification tokens: emailed at sign-up (and on request), stored as SHA-256, valid for 48 hours,
 * usable once. Confirming the address by any route (this link, an invitation, a password reset) kills the rest.
 */
import type { TransactionSql } from '../db/connect';
import { generateToken, hashToken, isWellFormedToken } from './tokens';

/** Two days: long enough for a mail that lands in spam on a Friday, short enough that a stray link dies. */
export const VERIFICATION_TOKEN_LIFETIME_MS = 48 * 60 * 60 * 1000;

export async function createEmailVerification(tx: TransactionSql, userId: string, now: Date): Promise<string> {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + VERIFICATION_TOKEN_LIFETIME_MS);
  await tx`insert into email_verifications (id, user_id, expires_at, created_at) values (${hashToken(token)}, ${userId}, ${expiresAt}, ${now})`;
  return token;
}

/** The user the token confirms, used up by this call; null when unknown, used or expired. */
export async function consumeEmailVerification(tx: TransactionSql, token: string, now: Date): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await tx<{ user_id: string; expires_at: Date }[]>`
    delete from email_verifications where id = ${hashToken(token)} returning user_id, expires_at`;
  return row && row.expires_at > now ? row.user_id : null;
}

/**
 * Marks the address confirmed (keeping the first time it was) and ends every verification link: the user
 * proved they hold the mailbox, by this link or by another that came by email (an invitation, a reset).
 */
export async function markEmailVerified(tx: TransactionSql, userId: string, now: Date): Promise<void> {
  await tx`update users set email_verified_at = coalesce(email_verified_at, ${now}) where id = ${userId}`;
  await tx`delete from email_verifications where user_id = ${userId}`;
}
