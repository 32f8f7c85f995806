import { generateHOTP } from '@oslojs/otp';
import { describe, expect, it } from 'vitest';
import { generateTotpKey, totpCode, totpCounter, totpKeyUri, verifyTotp } from './totp';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8-digit codes, truncated to our 6 digits.
const RFC_KEY = new TextEncoder().encode('12345678901234567890');

describe('totp', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('matches the RFC 6238 vector at %i s', (seconds, code) => {
    const now = new Date(seconds * 1000);
    expect(generateHOTP(RFC_KEY, totpCounter(now), 8).slice(2)).toBe(code);
    expect(totpCode(RFC_KEY, now)).toBe(code);
  });

  const key = generateTotpKey();
  const now = new Date('2025-10-01T09:00:10Z');
  const current = totpCounter(now);

  it.each([
    ['the current step', 0, current],
    ['the previous step', -1, current - 1n],
    ['the next step', 1, current + 1n],
    ['two steps back', -2, null],
    ['two steps ahead', 2, null],
  ])('%s → %s', (_label, steps, expected) => {
    expect(verifyTotp(key, totpCode(key, now, steps), { now, lastCounter: null })).toBe(expected);
  });

  it('refuses a code for a step already used, or an earlier one', () => {
    const code = totpCode(key, now);
    expect(verifyTotp(key, code, { now, lastCounter: current })).toBeNull();
    expect(verifyTotp(key, totpCode(key, now, -1), { now, lastCounter: current })).toBeNull();
    expect(verifyTotp(key, totpCode(key, now, 1), { now, lastCounter: current })).toBe(current + 1n);
  });

  it('refuses malformed codes', () => {
    expect(verifyTotp(key, '', { now, lastCounter: null })).toBeNull();
    expect(verifyTotp(key, '12345', { now, lastCounter: null })).toBeNull();
  });

  it('builds an otpauth URI with the Vitals issuer', () => {
    const uri = totpKeyUri('ana@example.com', key);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Vitals:ana%40example\.com\?/);
    const params = new URL(uri).searchParams;
    expect(params.get('issuer')).toBe('Vitals');
    expect(params.get('period')).toBe('30');
    expect(params.get('digits')).toBe('6');
  });
});
