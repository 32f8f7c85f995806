/** `versions`: one per committed spreadsheet import. Written once; a restore is a new version. */
import * as v from 'valibot';
import {
  idSchema,
  nonNegativeIntegerSchema,
  seqSchema,
  textSchema,
  timestampSchema,
  userIdSchema,
} from './common';
import { defineCollection, type MigrationStrategies } from './collection';

export const IMPORT_LAYOUTS = ['wide', 'long', 'sheet-per-month'] as const;
export type ImportLayout = (typeof IMPORT_LAYOUTS)[number];

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
  seq: seqSchema,
  _deleted: v.boolean(),
});
export type VersionDoc = v.InferOutput<typeof versionSchema>;

export const VERSIONS_SCHEMA_VERSION = 0;
export const versionsMigrationStrategies: MigrationStrategies = {};

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
