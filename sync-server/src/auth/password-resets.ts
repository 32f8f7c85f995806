/** Password-reset tokens: emailed once, stored as SHA-256, valid for an hour, usable once. */
import type { TransactionSql } from '../db/connect';
import { generateToken, hashToken, isWellFormedToken } from './tokens';

export const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export async function createPasswordReset(tx: TransactionSql, userId: string, now: Date): Promise<string> {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + RESET_TOKEN_LIFETIME_MS);
  await tx`insert into password_resets (id, user_id, expires_at, created_at) values (${hashToken(token)}, ${userId}, ${expiresAt}, ${now})`;
  return token;
}

/** The user the token resets, used up by this call; null when unknown, used or expired. */
export async function consumePasswordReset(tx: TransactionSql, token: string, now: Date): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await tx<{ user_id: string; expires_at: Date }[]>`
    delete from password_resets where id = ${hashToken(token)} returning user_id, expires_at`;
  return row && row.expires_at > now ? row.user_id : null;
}

/** Once the password changed by any route, older reset links must stop working. */
export async function deletePasswordResets(tx: TransactionSql, userId: string): Promise<void> {
  await tx`delete from password_resets where user_id = ${userId}`;
}
