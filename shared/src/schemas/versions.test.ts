import { describe, expect, it } from 'vitest';
import { FIXTURES } from './fixtures';
import { VERSIONS_SCHEMA_VERSION, isRestorable, validateVersion, versionsMigrationStrategies, versionsRxSchema } from './versions';

type Doc = Record<string, unknown>;
const clone = (doc: Doc): Doc & { snapshot: Doc } => JSON.parse(JSON.stringify(doc)) as Doc & { snapshot: Doc };
const withSnapshot = (change: (snapshot: Doc & { cells: number[]; accounts: string[]; kpis: string[] }) => void): Doc => {
  const doc = clone(FIXTURES.versions);
  change(doc.snapshot as Doc & { cells: number[]; accounts: string[]; kpis: string[] });
  return doc;
};

describe('versions: snapshot', () => {
  it('reads a version stored before snapshots as one without (`snapshot: null`)', () => {
    const { snapshot: _snapshot, ...old } = clone(FIXTURES.versions);
    const result = validateVersion(old);
    expect(result).toMatchObject({ ok: true, value: { snapshot: null } });
    if (result.ok) expect(isRestorable(result.value)).toBe(false);
  });

  it('migrates stored version documents to schema 1 with `snapshot: null`', () => {
    expect(VERSIONS_SCHEMA_VERSION).toBe(1);
    const { snapshot: _snapshot, ...old } = clone(FIXTURES.versions);
    const migrated = versionsMigrationStrategies[1]!(old);
    expect(migrated).toEqual({ ...old, snapshot: null });
    expect(validateVersion(migrated)).toMatchObject({ ok: true });
  });

  it('gives the device database a nullable, optional snapshot field without a default', () => {
    expect(versionsRxSchema.required).not.toContain('snapshot');
    expect(JSON.stringify(versionsRxSchema.properties.snapshot)).not.toContain('default');
    expect(versionsRxSchema.properties.snapshot).toMatchObject({ anyOf: [{ type: 'object' }, { type: 'null' }] });
  });

  it('accepts a snapshot and null', () => {
    expect(validateVersion(FIXTURES.versions)).toMatchObject({ ok: true });
    expect(isRestorable(FIXTURES.versions as never)).toBe(true);
    expect(validateVersion({ ...FIXTURES.versions, snapshot: null })).toMatchObject({ ok: true });
  });

  it.each([
    ['cells not in groups of four', (s: { cells: number[] }) => s.cells.pop(), 'snapshot.cells'],
    ['an account index out of range', (s: { cells: number[] }) => (s.cells[0] = 1), 'snapshot.cells'],
    ['a fractional index', (s: { cells: number[] }) => (s.cells[2] = 0.5), 'snapshot.cells'],
    ['a value outside its KPI’s range', (s: { cells: number[] }) => (s.cells[3] = 101), 'snapshot.cells'],
    ['a value that is not finite', (s: { cells: unknown[] }) => (s.cells[3] = null), 'snapshot.cells'],
    ['a repeated account', (s: { accounts: string[] }) => s.accounts.push('acc-1'), 'snapshot.accounts'],
    ['an unknown KPI', (s: { kpis: string[] }) => (s.kpis[1] = 'weather'), 'snapshot.kpis.1'],
    ['a bad account id', (s: { accounts: string[] }) => (s.accounts[0] = 'a b'), 'snapshot.accounts.0'],
    ['an unknown field', (s: Doc) => (s.extra = 1), 'snapshot.extra'],
  ] as const)('rejects %s with its path', (_label, change, path) => {
    const result = validateVersion(withSnapshot(change as (s: Doc) => void));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(path);
  });

  it('rejects a __proto__ key in the snapshot', () => {
    const json = JSON.stringify(FIXTURES.versions).replace('"snapshot":{', '"snapshot":{"__proto__":{"x":1},');
    expect(validateVersion(JSON.parse(json))).toMatchObject({ ok: false });
  });
});
