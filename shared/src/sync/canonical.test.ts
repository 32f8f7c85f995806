import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';

describe('canonicalJson', () => {
  it.each([
    ['key order does not matter', { b: 1, a: { d: [1, 2], c: null } }, '{"a":{"c":null,"d":[1,2]},"b":1}'],
    ['absent and undefined are the same', { a: 1, b: undefined }, '{"a":1}'],
    ['undefined in a list is null, as in JSON', [undefined, 1], '[null,1]'],
    ['undefined alone is empty, below any value', undefined, ''],
    ['strings are escaped', 'a"b', '"a\\"b"'],
  ])('%s', (_label, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('tells different values apart', () => {
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
  });
});
