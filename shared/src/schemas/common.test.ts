import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isMonth } from '../time/months';
import { isSafeJson, monthSchema, timestampSchema } from './common';
import { toRxSchema, toStorageJsonSchema, withJsonSchema } from './rx-schema';

describe('monthSchema', () => {
  it('agrees with isMonth, the one rule for months', () => {
    const monthish = fc.oneof(
      fc.stringMatching(/^\d{4}-\d{1,2}$/),
      fc.string({ maxLength: 9 }),
      fc.constantFrom('2025-00', '2025-12', '2025-13', '0000-01', '2025-1', ' 2025-03'),
    );
    fc.assert(
      fc.property(monthish, (text) => {
        expect(v.is(monthSchema, text)).toBe(isMonth(text));
      }),
    );
  });
});

describe('timestampSchema', () => {
  it.each([
    ['2025-03-01T10:00:00.000Z', true],
    ['2025-03-01T10:00:00Z', true],
    ['2024-02-29T23:59:59.999Z', true],
    ['2025-02-29T00:00:00.000Z', false],
    ['2025-03-01T24:00:00.000Z', false],
    ['2025-03-01 10:00:00Z', false],
    ['2025-03-01T10:00:00.000+00:00', false],
    ['2025-03-01T10:00:00.0000Z', false],
    ['2025-03-01', false],
  ])('%s is valid: %s', (text, valid) => {
    expect(v.is(timestampSchema, text)).toBe(valid);
  });

  it('reports a malformed timestamp once', () => {
    expect(v.safeParse(timestampSchema, 'yesterday').issues).toHaveLength(1);
  });
});

describe('isSafeJson', () => {
  const deep = (depth: number): unknown => (depth === 0 ? 1 : { a: deep(depth - 1) });

  it.each([
    ['null', null, true],
    ['nested data', { a: [1, 'x', true, null, { b: 2 }] }, true],
    ['an own __proto__ key', JSON.parse('{"__proto__":{"admin":true}}'), false],
    ['a nested __proto__ key', JSON.parse('{"a":[{"__proto__":1}]}'), false],
    ['a constructor key', { constructor: 1 }, false],
    ['a prototype key', { a: { prototype: 1 } }, false],
    ['NaN', Number.NaN, false],
    ['Infinity', { a: Number.POSITIVE_INFINITY }, false],
    ['undefined', { a: undefined }, false],
    ['a function', { a: () => 1 }, false],
    ['a Date', { a: new Date(0) }, false],
    ['a Map', new Map(), false],
    ['12 levels', deep(12), true],
    ['13 levels', deep(13), false],
    ['20,001 values', Array.from({ length: 20_001 }, () => 1), false],
  ])('%s → %s', (_label, value, expected) => {
    expect(isSafeJson(value)).toBe(expected);
  });
});

describe('toRxSchema', () => {
  const doc = v.strictObject({
    id: v.pipe(v.string(), v.maxLength(10)),
    n: v.number(),
    _deleted: v.boolean(),
  });

  it('leaves `_deleted` to RxDB and keeps the rest', () => {
    expect(toRxSchema(doc, { title: 'things', version: 2, indexes: [] })).toEqual({
      title: 'things',
      version: 2,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 10 }, n: { type: 'number' } },
      required: ['id', 'n'],
      indexes: [],
      additionalProperties: false,
    });
  });

  it('refuses a schema JSON Schema cannot express, rather than storing documents unchecked', () => {
    expect(() => toStorageJsonSchema(v.strictObject({ id: v.string(), at: v.date() }))).toThrow(/date/);
    expect(() => toStorageJsonSchema(v.strictObject({ id: v.custom<string>(() => true) }))).toThrow(/custom/);
  });

  it('uses the JSON Schema given to a custom schema', () => {
    const custom = withJsonSchema(
      v.custom<string>((x) => typeof x === 'string'),
      { type: 'string', maxLength: 3 },
    );
    expect(toStorageJsonSchema(v.strictObject({ id: custom })).properties).toEqual({
      id: { type: 'string', maxLength: 3 },
    });
  });
});
