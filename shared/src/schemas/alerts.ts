/** `alerts`: raised by the server's rules; people acknowledge them, possibly two at once on different devices. */
import * as v from 'valibot';
import {
  clocksSchema,
  idSchema,
  seqSchema,
  slugSchema,
  textSchema,
  timestampSchema,
  userIdSchema,
} from './common';
import { defineCollection, type MigrationStrategies } from './collection';
import { pathTo } from './history';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_CLOCKED_FIELDS = ['acknowledgedBy', 'acknowledgedAt', 'escalatedAt'] as const;

export const alertSchema = v.pipe(
  v.strictObject({
    id: idSchema,
    ruleId: slugSchema,
    /** What happened (`status-red`, `kpi-threshold`, `renewal-due`, …), from the rule that raised it. */
    kind: slugSchema,
    accountId: idSchema,
    title: textSchema(200, { required: true }),
    body: textSchema(2000),
    severity: v.picklist(ALERT_SEVERITIES),
    /** One alert per rule, account and occasion: the server does not raise the same alert twice. */
    dedupeKey: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    createdAt: timestampSchema,
    acknowledgedBy: v.nullable(userIdSchema),
    acknowledgedAt: v.nullable(timestampSchema),
    escalatedAt: v.nullable(timestampSchema),
    clocks: clocksSchema(ALERT_CLOCKED_FIELDS),
    seq: seqSchema,
    _deleted: v.boolean(),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (
      dataset.typed &&
      (dataset.value.acknowledgedBy === null) !== (dataset.value.acknowledgedAt === null)
    ) {
      addIssue({
        message: 'Who acknowledged and when go together',
        path: pathTo(dataset.value, 'acknowledgedAt'),
      });
    }
  }),
);
export type AlertDoc = v.InferOutput<typeof alertSchema>;

export const ALERTS_SCHEMA_VERSION = 0;
export const alertsMigrationStrategies: MigrationStrategies = {};

export const alerts = defineCollection({
  name: 'alerts',
  schema: alertSchema,
  schemaVersion: ALERTS_SCHEMA_VERSION,
  // The alert inbox (newest first) and an account's alerts.
  indexes: ['createdAt', ['accountId', 'createdAt']],
  migrationStrategies: alertsMigrationStrategies,
});
export const validateAlert = alerts.validate;
export const alertsRxSchema = alerts.rxSchema;
