import { describe, expect, it } from 'vitest';
import { generateToken, hashToken, isWellFormedToken } from './tokens';

describe('tokens', () => {
  it('are 32 lowercase base32 characters, different every time', () => {
    const a = generateToken();
    expect(a).toMatch(/^[a-z2-7]{32}$/);
    expect(isWellFormedToken(a)).toBe(true);
    expect(generateToken()).not.toBe(a);
  });

  it('hash to hex SHA-256', () => {
    // SHA-256("abc"), the FIPS 180-2 test vector.
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each(['', 'A'.repeat(32), 'a'.repeat(31), `${'a'.repeat(31)}1`, `${'a'.repeat(32)} `])('refuses %j', (token) => {
    expect(isWellFormedToken(token)).toBe(false);
  });
});
