import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance, normalizeName } from './normalize';

describe('normalizeName', () => {
  it.each([
    ['Net Promoter Score', 'net promoter score'],
    ['  DAU/MAU ', 'dau mau'],
    ['Licence_Utilisation (%)', 'licence utilisation'],
    ['Café & Co.', 'cafe and co'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('editDistance and closestMatch', () => {
  it('counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('nsp', 'nps')).toBe(1);
  });

  it('suggests a near name and nothing for a far one', () => {
    const candidates = [
      { key: 'csat', value: 'csat' },
      { key: 'license utilization', value: 'license_utilization' },
    ];
    expect(closestMatch('licence utilisation', candidates)).toBe('license_utilization');
    expect(closestMatch('cast', candidates)).toBe('csat');
    expect(closestMatch('weather', candidates)).toBeNull();
  });
});
