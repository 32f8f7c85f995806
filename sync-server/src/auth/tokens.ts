/**
 * Secret tokens (session cookies, password-reset links), per Lucia's session guide: 20 random bytes in
 * lowercase base32, and only their SHA-256 is stored, so a leaked database holds no usable token.
 */
import { randomBytes } from 'node:crypto';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

const TOKEN_BYTES = 20;
/** 20 bytes are 160 bits: 32 base32 characters, no padding. */
const TOKEN_FORMAT = /^[a-z2-7]{32}$/;

export function generateToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(TOKEN_BYTES));
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Rejects garbage before it reaches the database. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}
