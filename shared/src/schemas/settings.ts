/**
 * `settings`: tenant configuration, one document per area (`kpis`, `playbooks`, `features`, `alert-rules`).
 * `data` is plain JSON here; each area's own module validates its shape, so this schema need not change when
 * an area gains an option.
 */
import * as v from 'valibot';
import { clocksSchema, idSchema, jsonObjectSchema, seqSchema, timestampSchema } from './common';
import { defineCollection, type MigrationStrategies } from './collection';
import { fieldHistorySchema, historyOlderThanCurrent } from './history';

const settingsObject = v.strictObject({
  id: idSchema,
  data: jsonObjectSchema,
  updatedAt: timestampSchema,
  clocks: clocksSchema(['data']),
  history: fieldHistorySchema(v.picklist(['data']), 1),
  seq: seqSchema,
  _deleted: v.boolean(),
});
type SettingsFields = v.InferOutput<typeof settingsObject>;

export const settingsSchema = v.pipe(
  settingsObject,
  historyOlderThanCurrent<SettingsFields>((doc, entry) => doc.clocks[entry.field]),
);
export type SettingsDoc = v.InferOutput<typeof settingsSchema>;

export const SETTINGS_SCHEMA_VERSION = 0;
export const settingsMigrationStrategies: MigrationStrategies = {};

export const settings = defineCollection({
  name: 'settings',
  schema: settingsSchema,
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  indexes: [],
  migrationStrategies: settingsMigrationStrategies,
});
export const validateSettings = settings.validate;
export const settingsRxSchema = settings.rxSchema;
