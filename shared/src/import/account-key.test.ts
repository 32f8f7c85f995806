import { describe, expect, it } from 'vitest';
import { normalizeName } from '../text/normalize';
import { accountKey } from './account-key';

describe('accountKey', () => {
  it.each([
    ['Acme, Inc.', 'acme inc'],
    ['  ACME   inc ', 'acme inc'],
    ['Café Noir', 'cafe noir'],
    ['Smith & Sons', 'smith and sons'],
    ['Ромашка', 'ромашка'],
    ['株式会社テスト', '株式会社テスト'],
    ['—', '—'],
  ])('%j → %j', (name, key) => {
    expect(accountKey(name)).toBe(key);
  });

  it('agrees with normalizeName on Latin names', () => {
    for (const name of ['Northwind Traders', 'O’Brien Ltd.', 'Über-Group GmbH', 'acme-2025']) {
      expect(accountKey(name)).toBe(normalizeName(name));
    }
  });

  it('keeps names in other scripts apart', () => {
    expect(accountKey('Acme Россия')).not.toBe(accountKey('Acme Україна'));
    expect(accountKey('Ромашка')).not.toBe(accountKey('Лютик'));
  });

  it('is linear on a hostile name', () => {
    const started = performance.now();
    accountKey('a!'.repeat(50_000));
    expect(performance.now() - started).toBeLessThan(500);
  });
});
