/** Checking a second factor: a TOTP code (never the same step twice) or a one-time recovery code. */
import type { TransactionSql } from '../db/connect';
import { consumeRecoveryCode } from './recovery-codes';
import { verifyTotp } from './totp';
import type { UserRecord } from './users';

export type SecondFactor = { readonly code: string } | { readonly recoveryCode: string };

/** A `code` field that may hold either: six digits are a TOTP code, anything else a recovery code. */
export function secondFactorFrom(code: string): SecondFactor {
  return /^\d{6}$/.test(code) ? { code } : { recoveryCode: code };
}

/**
 * True when the factor is right, and uses it up: the TOTP step is stored as the last one used (by a
 * conditional update, so two requests racing with one code cannot both pass), the recovery code is spent.
 * Writes nothing when the factor is wrong.
 */
export async function acceptSecondFactor(tx: TransactionSql, user: UserRecord, factor: SecondFactor, now: Date): Promise<boolean> {
  if (!user.totpKey) return false;
  if ('recoveryCode' in factor) return consumeRecoveryCode(tx, user.id, factor.recoveryCode, now);
  const counter = verifyTotp(user.totpKey, factor.code, { now, lastCounter: user.totpLastCounter });
  if (counter === null) return false;
  const rows = await tx`
    update users set totp_last_counter = ${counter.toString()}::bigint
    where id = ${user.id} and (totp_last_counter is null or totp_last_counter < ${counter.toString()}::bigint)
    returning 1`;
  return rows.length === 1;
}
