/** `versions`: one per committed spreadsheet import. Written once; a restore is a new version. */
import * as v from 'valibot';
import { KPI_IDS } from '../kpi/catalog';
import {
  idSchema,
  monthSchema,
  nonNegativeIntegerSchema,
  seqSchema,
  textSchema,
  timestampSchema,
  userIdSchema,
} from './common';
import { defineCollection, type MigrationStrategies } from './collection';
import { pathTo } from './history';
import { isPlausible } from './kpi-values';
import { toStorageJsonSchema, withJsonSchema } from './rx-schema';

export const IMPORT_LAYOUTS = ['wide', 'long', 'sheet-per-month'] as const;
export type ImportLayout = (typeof IMPORT_LAYOUTS)[number];

/**
 * The most values a version keeps a copy of. 250k values is ~6 MB of JSON in one document, which still syncs
 * (the server takes 20 MB requests) and fits a phone; a larger import keeps `snapshot: null`, and the version
 * list says it is too large to restore on a device.
 */
export const MAX_SNAPSHOT_VALUES = 250_000;
/** Each value is four numbers in `cells`: account index, month index, KPI index, value. */
export const SNAPSHOT_CELL_WIDTH = 4;

const MAX_CELLS = MAX_SNAPSHOT_VALUES * SNAPSHOT_CELL_WIDTH;

function isFiniteNumberArray(input: unknown): input is number[] {
  if (!Array.isArray(input) || input.length > MAX_CELLS) return false;
  // A loop, not a schema per item: a million numbers check in milliseconds.
  for (const item of input) if (typeof item !== 'number' || !Number.isFinite(item)) return false;
  return true;
}

const cellsSchema = withJsonSchema(
  v.custom<number[]>(isFiniteNumberArray, `Expected at most ${MAX_CELLS} finite numbers`),
  { type: 'array', items: { type: 'number' }, maxItems: MAX_CELLS },
);

function isIndex(value: number, length: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < length;
}

function unique(list: readonly string[]): boolean {
  return new Set(list).size === list.length;
}

/** The first reason the flat cells do not fit their lists, or `null`. One reason: a million issues help no one. */
function cellsProblem(snapshot: { accounts: readonly string[]; months: readonly string[]; kpis: readonly (typeof KPI_IDS)[number][]; cells: readonly number[] }): string | null {
  const { accounts, months, kpis, cells } = snapshot;
  if (cells.length % SNAPSHOT_CELL_WIDTH !== 0) return `The cells must come in groups of ${SNAPSHOT_CELL_WIDTH}`;
  for (let i = 0; i < cells.length; i += SNAPSHOT_CELL_WIDTH) {
    const [a, m, k, value] = [cells[i]!, cells[i + 1]!, cells[i + 2]!, cells[i + 3]!];
    if (!isIndex(a, accounts.length) || !isIndex(m, months.length) || !isIndex(k, kpis.length)) {
      return `Cell ${i / SNAPSHOT_CELL_WIDTH} points outside the accounts, months or KPIs`;
    }
    if (!isPlausible(kpis[k]!, value)) return `Cell ${i / SNAPSHOT_CELL_WIDTH} holds an implausible ${kpis[k]} value`;
  }
  return null;
}

/**
 * A compact copy of the values a version imported, so it can be restored: the lists name each account (by id),
 * month and KPI once, and `cells` holds `[accountIndex, monthIndex, kpiIndex, value, …]`. Values are stored
 * values (ARR in cents).
 */
export const versionSnapshotSchema = v.pipe(
  v.strictObject({
    accounts: v.pipe(v.array(idSchema), v.maxLength(MAX_SNAPSHOT_VALUES)),
    months: v.pipe(v.array(monthSchema), v.maxLength(MAX_SNAPSHOT_VALUES)),
    kpis: v.pipe(v.array(v.picklist(KPI_IDS)), v.maxLength(KPI_IDS.length)),
    cells: cellsSchema,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const snapshot = dataset.value;
    for (const list of ['accounts', 'months', 'kpis'] as const) {
      if (!unique(snapshot[list])) addIssue({ message: `The ${list} must not repeat`, path: pathTo(snapshot, list) });
    }
    const problem = cellsProblem(snapshot);
    if (problem) addIssue({ message: problem, path: pathTo(snapshot, 'cells') });
  }),
);
export type VersionSnapshot = v.InferOutput<typeof versionSnapshotSchema>;

const nullableSnapshot = v.nullable(versionSnapshotSchema);

/**
 * Versions stored before snapshots existed have no field: they read as `null` (the migration to schema 1 sets it
 * on the device; the server's validation defaults it). The storage schema is the nullable snapshot's, without
 * a `default`, which RxDB refuses on nested fields.
 */
const snapshotField = withJsonSchema(v.optional(nullableSnapshot, null), toStorageJsonSchema(nullableSnapshot));

export const versionSchema = v.strictObject({
  id: idSchema,
  fileName: textSchema(255, { required: true }),
  /** SHA-256 of the file, hex: the same file imported twice is recognisable. */
  fileHash: v.pipe(v.string(), v.length(64), v.regex(/^[0-9a-f]{64}$/, 'Expected a SHA-256 hex digest')),
  layout: v.picklist(IMPORT_LAYOUTS),
  createdBy: userIdSchema,
  createdAt: timestampSchema,
  counts: v.strictObject({
    accounts: nonNegativeIntegerSchema,
    newAccounts: nonNegativeIntegerSchema,
    values: nonNegativeIntegerSchema,
    changed: nonNegativeIntegerSchema,
    unchanged: nonNegativeIntegerSchema,
  }),
  restoredFrom: v.nullable(idSchema),
  note: v.nullable(textSchema(2000)),
  /** The imported values, for restoring; `null` above MAX_SNAPSHOT_VALUES and for versions stored before. */
  snapshot: snapshotField,
  seq: seqSchema,
  _deleted: v.boolean(),
});
export type VersionDoc = v.InferOutput<typeof versionSchema>;

export const VERSIONS_SCHEMA_VERSION = 1;
export const versionsMigrationStrategies: MigrationStrategies = {
  // 0 → 1: versions gained `snapshot`; the ones imported before kept no copy of their values.
  1: (doc) => ({ ...doc, snapshot: null }),
};

export const versions = defineCollection({
  name: 'versions',
  schema: versionSchema,
  schemaVersion: VERSIONS_SCHEMA_VERSION,
  // The version list is newest first.
  indexes: ['createdAt'],
  migrationStrategies: versionsMigrationStrategies,
});
export const validateVersion = versions.validate;
export const versionsRxSchema = versions.rxSchema;

/** Whether a version can be restored on a device: it kept a copy of its values. */
export function isRestorable(version: Pick<VersionDoc, 'snapshot' | '_deleted'>): boolean {
  return version.snapshot !== null && version.snapshot !== undefined && !version._deleted;
}
