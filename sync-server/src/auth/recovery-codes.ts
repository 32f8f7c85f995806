/**
 * Recovery codes: ten one-time codes shown once when MFA is enabled, for a lost phone. Only their SHA-256
 * is stored; a slow hash is not needed because each code carries 50 random bits, far beyond guessing
 * under the MFA rate limit.
 */
import { randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { TransactionSql } from '../db/connect';
import { hashToken } from './tokens';

export const RECOVERY_CODE_COUNT = 10;

/** `xxxxx-xxxxx`: ten base32 characters, split so they are easy to copy by hand. */
export function generateRecoveryCode(): string {
  const chars = encodeBase32LowerCaseNoPadding(randomBytes(7)).slice(0, 10);
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Typed by hand: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function hashRecoveryCode(code: string): string {
  return hashToken(normalizeRecoveryCode(code));
}

/** Replaces any earlier codes and returns the new ones, in the clear, for the user to keep. */
export async function replaceRecoveryCodes(tx: TransactionSql, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  await tx`delete from recovery_codes where user_id = ${userId}`;
  await tx`insert into recovery_codes ${tx(codes.map((code) => ({ user_id: userId, code_hash: hashRecoveryCode(code) })))}`;
  return codes;
}

/** Uses the code up; false when it is wrong or was used before. One statement, so two requests cannot both use it. */
export async function consumeRecoveryCode(tx: TransactionSql, userId: string, code: string, now: Date): Promise<boolean> {
  const rows = await tx`
    update recovery_codes set used_at = ${now}
    where user_id = ${userId} and code_hash = ${hashRecoveryCode(code)} and used_at is null
    returning 1`;
  return rows.length === 1;
}

export async function deleteRecoveryCodes(tx: TransactionSql, userId: string): Promise<void> {
  await tx`delete from recovery_codes where user_id = ${userId}`;
}
