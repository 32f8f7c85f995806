import { describe, expect, it } from 'vitest';
import { generateRecoveryCode, normalizeRecoveryCode } from './recovery-codes';

describe('recovery codes', () => {
  it('look like xxxxx-xxxxx and differ', () => {
    const codes = new Set(Array.from({ length: 50 }, generateRecoveryCode));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  });

  it.each([
    ['abcde-fghij', 'abcdefghij'],
    [' ABCDE FGHIJ ', 'abcdefghij'],
    ['abcdefghij', 'abcdefghij'],
  ])('normalize %j to %j', (typed, normalized) => {
    expect(normalizeRecoveryCode(typed)).toBe(normalized);
  });
});
