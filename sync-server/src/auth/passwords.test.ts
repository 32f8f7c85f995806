import { describe, expect, it } from 'vitest';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes into a self-describing scrypt string with a random salt', async () => {
    const a = await hashPassword('correct horse battery', 10);
    const b = await hashPassword('correct horse battery', 10);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery', 10);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword(hash, '')).toBe(false);
  });

  it('treats Unicode forms of the same text alike', async () => {
    const hash = await hashPassword('caf\u00e9 au lait!', 10);
    expect(await verifyPassword(hash, 'cafe\u0301 au lait!')).toBe(true);
  });

  it('asks for a rehash when the cost changed', async () => {
    const hash = await hashPassword('correct horse battery', 10);
    expect(needsRehash(hash, 10)).toBe(false);
    expect(needsRehash(hash, 11)).toBe(true);
  });

  it('refuses a stored value that is not a scrypt hash', async () => {
    await expect(verifyPassword('plain', 'plain')).rejects.toThrow(/scrypt/);
  });

  it('keeps one dummy hash per cost, which no password matches by accident', async () => {
    expect(await dummyHash(10)).toBe(await dummyHash(10));
    expect(await verifyPassword(await dummyHash(10), 'correct horse battery')).toBe(false);
  });
});
