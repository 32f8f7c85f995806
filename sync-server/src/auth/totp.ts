/**
 * TOTP (RFC 6238): 6 digits, 30-second steps, HMAC-SHA1 — what every authenticator app speaks. Built on
 * @oslojs/otp's HOTP with the counter computed from the injected clock (its TOTP helpers read Date.now()).
 * A code is accepted one step either side of now, for clock drift, and never twice: the caller stores the
 * counter of the last accepted code and a code must be for a later step.
 */
import { randomBytes } from 'node:crypto';
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted before and after the current one. */
const DRIFT_STEPS = 1;
const KEY_BYTES = 20;
export const TOTP_ISSUER = 'Vitals';

export function generateTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

export function totpCounter(now: Date): bigint {
  return BigInt(Math.floor(now.getTime() / (TOTP_PERIOD_SECONDS * 1000)));
}

/** The code for `now` shifted by `steps`; for tests and tooling. */
export function totpCode(key: Uint8Array, now: Date, steps = 0): string {
  return generateHOTP(key, totpCounter(now) + BigInt(steps), TOTP_DIGITS);
}

/**
 * The step the code belongs to, or null when it matches no step in the window or one at or before
 * `lastCounter` (a replay, or an older code after a newer one was used).
 */
export function verifyTotp(key: Uint8Array, code: string, options: { now: Date; lastCounter: bigint | null }): bigint | null {
  const current = totpCounter(options.now);
  for (let step = -DRIFT_STEPS; step <= DRIFT_STEPS; step++) {
    const counter = current + BigInt(step);
    if (options.lastCounter !== null && counter <= options.lastCounter) continue;
    if (verifyHOTP(key, counter, TOTP_DIGITS, code)) return counter;
  }
  return null;
}

export function totpKeyUri(accountName: string, key: Uint8Array): string {
  return createTOTPKeyURI(TOTP_ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}
