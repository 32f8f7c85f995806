/** `accounts`: the tenant's customers. Every editable field has a clock, so two CSMs can edit one account offline. */
import * as v from 'valibot';
import {
  clocksSchema,
  idSchema,
  isoDateSchema,
  seqSchema,
  textSchema,
  timestampSchema,
  userIdSchema,
} from './common';
import { defineCollection, type MigrationStrategies } from './collection';
import { fieldHistorySchema, historyOlderThanCurrent } from './history';

export const ACCOUNT_CLOCKED_FIELDS = ['name', 'segment', 'ownerId', 'renewalDate'] as const;
export type AccountClockedField = (typeof ACCOUNT_CLOCKED_FIELDS)[number];

const accountObject = v.strictObject({
  id: idSchema,
  name: textSchema(200, { required: true }),
  /** Free text (Enterprise, Mid-Market, SMB, …): tenants name their own segments. */
  segment: textSchema(60),
  ownerId: v.nullable(userIdSchema),
  renewalDate: v.nullable(isoDateSchema),
  createdAt: timestampSchema,
  clocks: clocksSchema(ACCOUNT_CLOCKED_FIELDS),
  history: fieldHistorySchema(v.picklist(ACCOUNT_CLOCKED_FIELDS), ACCOUNT_CLOCKED_FIELDS.length),
  seq: seqSchema,
  _deleted: v.boolean(),
});
type AccountFields = v.InferOutput<typeof accountObject>;

export const accountSchema = v.pipe(
  accountObject,
  historyOlderThanCurrent<AccountFields>((doc, entry) => doc.clocks[entry.field]),
);
export type AccountDoc = v.InferOutput<typeof accountSchema>;

export const ACCOUNTS_SCHEMA_VERSION = 0;
export const accountsMigrationStrategies: MigrationStrategies = {};

export const accounts = defineCollection({
  name: 'accounts',
  schema: accountSchema,
  schemaVersion: ACCOUNTS_SCHEMA_VERSION,
  // Lists sort by name.
  indexes: ['name'],
  migrationStrategies: accountsMigrationStrategies,
});
export const validateAccount = accounts.validate;
export const accountsRxSchema = accounts.rxSchema;
