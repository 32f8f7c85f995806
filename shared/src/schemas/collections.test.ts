import type { JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, type CollectionName } from '../sync/protocol';
import type { CollectionDefinition } from './collection';
import { COLLECTIONS } from './collections';
import { FIXTURES } from './fixtures';

type Definition = CollectionDefinition<v.GenericSchema>;
const ENTRIES = Object.entries(COLLECTIONS) as [CollectionName, Definition][];

/** Names RxDB's RxDocument already uses (dev-mode error SC17): a field with one of these names is refused. */
const RXDB_RESERVED = [
  'collection',
  'primary',
  'primaryPath',
  'revision',
  'deleted',
  'deleted$',
  'synced',
  'get',
  'get$',
  'set',
  'update',
  'modify',
  'patch',
  'remove',
  'save',
  'populate',
  'toJSON',
  'toMutableJSON',
  'getLatest',
  'close',
  'destroy',
  'isInstanceOfRxDocument',
  'incrementalModify',
  'incrementalPatch',
  'incrementalRemove',
  'putAttachment',
  'getAttachment',
  'allAttachments',
  '$',
];
/** RxDB's field name rule (dev-mode `checkFieldNameRegex`, error SC1), `_deleted` excepted. */
const RXDB_FIELD_NAME = /^[a-zA-Z](?:[[a-zA-Z0-9_]*]?[a-zA-Z0-9])?$/;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function schemaOf(definition: Definition, path: string): JsonSchema {
  let node: JsonSchema | undefined = { properties: definition.rxSchema.properties } as JsonSchema;
  for (const part of path.split('.')) {
    const next: unknown = node?.properties?.[part];
    node = typeof next === 'object' ? (next as JsonSchema) : undefined;
  }
  if (!node) throw new Error(`${definition.name}: no field ${path}`);
  return node;
}

/** Every (name, schema) pair under `properties`, at any depth, as RxDB's dev-mode walks them. */
function fieldNames(node: unknown, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'properties' && child && typeof child === 'object') out.push(...Object.keys(child));
    fieldNames(child, out);
  }
  return out;
}

function hasKeyDeep(node: unknown, key: string, depth = 0): boolean {
  if (!node || typeof node !== 'object') return false;
  return Object.entries(node).some(
    ([k, child]) => (k === key && depth > 0) || hasKeyDeep(child, key, depth + 1),
  );
}

describe('the collection set', () => {
  it('stays within RxDB open-core limits (at most 10 collections)', () => {
    expect(Object.keys(COLLECTIONS).length).toBeLessThanOrEqual(10);
  });

  it('is exactly the protocol’s collections, in its order', () => {
    expect(Object.keys(COLLECTIONS)).toEqual([...COLLECTION_NAMES]);
  });

  it.each(ENTRIES)('%s: name is a lowercase plural matching ^[a-z][a-z0-9_]*$', (name, definition) => {
    expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(name).toMatch(/s$/);
    expect(definition.name).toBe(name);
    expect(definition.rxSchema.title).toBe(name);
  });
});

describe.each(ENTRIES)('%s', (name, definition) => {
  const { rxSchema } = definition;

  it('has the primary key `id`, a required string with a maxLength', () => {
    expect(rxSchema.primaryKey).toBe('id');
    expect(rxSchema.type).toBe('object');
    expect(rxSchema.required).toContain('id');
    const id = schemaOf(definition, 'id');
    expect(id.type).toBe('string');
    expect(id.maxLength).toBeGreaterThan(0);
    expect(id.maxLength).toBeLessThanOrEqual(128);
  });

  it('indexes only required, bounded fields', () => {
    // RxDB indexes the primary key itself and refuses it in `indexes` (SC13).
    expect(rxSchema.indexes).not.toContain('id');
    const fields = rxSchema.indexes.flatMap((index) => (typeof index === 'string' ? [index] : [...index]));
    for (const field of fields) {
      expect(rxSchema.required, `${field} must be required`).toContain(field);
      const schema = schemaOf(definition, field);
      if (schema.type === 'string') {
        expect(schema.maxLength, `${field} needs maxLength`).toBeGreaterThan(0);
        expect(schema.maxLength).toBeLessThanOrEqual(2048);
      } else if (schema.type === 'number' || schema.type === 'integer') {
        expect(
          Number.isFinite(schema.minimum) && Number.isFinite(schema.maximum),
          `${field} needs bounds`,
        ).toBe(true);
        expect(schema.multipleOf, `${field} needs multipleOf`).toBeGreaterThan(0);
      } else {
        expect(schema.type, `${field} cannot be indexed`).toBe('boolean');
      }
    }
  });

  it('follows RxDB’s schema rules (field names, no $ref, no nested defaults, no reserved names)', () => {
    for (const field of fieldNames(rxSchema)) {
      if (field !== '_deleted') expect(field).toMatch(RXDB_FIELD_NAME);
    }
    for (const field of Object.keys(rxSchema.properties)) {
      expect(field.startsWith('_'), `${field}: RxDB owns top-level underscore fields`).toBe(false);
      expect(RXDB_RESERVED).not.toContain(field);
    }
    expect(JSON.stringify(rxSchema)).not.toMatch(/"\$(ref|defs|schema)"/);
    expect(hasKeyDeep(rxSchema.properties, 'default')).toBe(false);
    expect(rxSchema.additionalProperties).toBe(false);
  });

  it('has a migration step for every version after 0, and none beyond', () => {
    const steps = Object.keys(definition.migrationStrategies).map(Number);
    expect(steps.sort((a, b) => a - b)).toEqual(
      Array.from({ length: definition.schemaVersion }, (_, i) => i + 1),
    );
    expect(rxSchema.version).toBe(definition.schemaVersion);
  });

  it('accepts its fixture', () => {
    const result = definition.validate(FIXTURES[name]);
    expect(result).toMatchObject({ ok: true });
    // Validating does not change a valid document: the stored form is the wire form.
    if (result.ok) expect(result.value).toEqual(FIXTURES[name]);
  });

  it.each([
    ['missing id', (doc: Record<string, unknown>) => ({ ...doc, id: undefined }), 'id'],
    ['an empty id', (doc: Record<string, unknown>) => ({ ...doc, id: '' }), 'id'],
    ['missing _deleted', (doc: Record<string, unknown>) => ({ ...doc, _deleted: undefined }), '_deleted'],
    ['a fractional seq', (doc: Record<string, unknown>) => ({ ...doc, seq: 1.5 }), 'seq'],
    ['a negative seq', (doc: Record<string, unknown>) => ({ ...doc, seq: -1 }), 'seq'],
    ['an unknown field', (doc: Record<string, unknown>) => ({ ...doc, tenantId: 't2' }), 'tenantId'],
  ])('rejects %s with its path', (_label, change, path) => {
    const result = definition.validate(clone(change({ ...FIXTURES[name] })));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain(path);
  });

  it('rejects a `__proto__` key instead of dropping it', () => {
    const json = JSON.stringify(FIXTURES[name]).replace(/^\{/, '{"__proto__":{"role":"owner"},');
    const result = definition.validate(JSON.parse(json));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain('__proto__');
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['an array', [FIXTURES[name]]],
    [
      'a proxy that throws',
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('boom');
          },
          ownKeys: () => {
            throw new Error('boom');
          },
        },
      ),
    ],
  ])('never throws on %s', (_label, input) => {
    expect(definition.validate(input)).toMatchObject({ ok: false });
  });
});
