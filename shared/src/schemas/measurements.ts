/**
 * `measurements`: one document per account per month holding all that month's KPI values (2,000 accounts ×
 * 24 months = 48k documents rather than 864k single values). Each value carries its own clock and source.
 */
import * as v from 'valibot';
import { ID_MAX_LENGTH, clocksSchema, idSchema, monthSchema, seqSchema } from './common';
import { defineCollection, type MigrationStrategies } from './collection';
import { historyOlderThanCurrent, kpiHistorySchema, pathTo } from './history';
import { kpiCellsSchema } from './kpi-values';

/** `${accountId}:${month}`: one id per account and month, so two devices creating it cannot duplicate it. */
export function measurementId(accountId: string, month: string): string {
  return `${accountId}:${month}`;
}

const measurementObject = v.strictObject({
  id: v.pipe(v.string(), v.maxLength(ID_MAX_LENGTH + ':YYYY-MM'.length)),
  accountId: idSchema,
  month: monthSchema,
  values: kpiCellsSchema,
  history: kpiHistorySchema,
  /** Only the delete has a document-level clock: every value has its own. */
  clocks: clocksSchema([]),
  seq: seqSchema,
  _deleted: v.boolean(),
});
type MeasurementFields = v.InferOutput<typeof measurementObject>;

export const measurementSchema = v.pipe(
  measurementObject,
  v.rawCheck(({ dataset, addIssue }) => {
    if (dataset.typed && dataset.value.id !== measurementId(dataset.value.accountId, dataset.value.month)) {
      addIssue({ message: 'The id must be `${accountId}:${month}`', path: pathTo(dataset.value, 'id') });
    }
  }),
  historyOlderThanCurrent<MeasurementFields>((doc, entry) => doc.values[entry.kpi]?.hlc),
);
export type MeasurementDoc = v.InferOutput<typeof measurementSchema>;

export const MEASUREMENTS_SCHEMA_VERSION = 0;
export const measurementsMigrationStrategies: MigrationStrategies = {};

export const measurements = defineCollection({
  name: 'measurements',
  schema: measurementSchema,
  schemaVersion: MEASUREMENTS_SCHEMA_VERSION,
  // An account's trend (accountId, month range) and the portfolio of one month.
  indexes: [['accountId', 'month'], 'month'],
  migrationStrategies: measurementsMigrationStrategies,
});
export const validateMeasurement = measurements.validate;
export const measurementsRxSchema = measurements.rxSchema;
