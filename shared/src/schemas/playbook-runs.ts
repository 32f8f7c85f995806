/**
 * `playbook_runs`: one run of a playbook on one account. Fields carry clocks and every step carries its own,
 * so a CSM checking off one step offline and a manager checking off another both keep their change.
 */
import * as v from 'valibot';
import { PLAYBOOK_IDS, RACI_ROLES, RUN_STATES } from '../playbooks/definitions';
import {
  clocksSchema,
  hlcSchema,
  idSchema,
  monthSchema,
  seqSchema,
  slugSchema,
  textSchema,
  timestampSchema,
  userIdSchema,
} from './common';
import { defineCollection, type MigrationStrategies } from './collection';
import { fieldHistorySchema, historyOlderThanCurrent } from './history';
import { kpiNumbersSchema } from './kpi-values';

export const RUN_CLOCKED_FIELDS = [
  'state',
  'raci',
  'baseline',
  'trigger',
  'outcome',
  'startedAt',
  'completedAt',
] as const;
export type RunClockedField = (typeof RUN_CLOCKED_FIELDS)[number];

export const RUN_STEPS_MAX = 40;

/** A colleague with an account, or someone named in free text (the customer's sponsor, a partner). */
const assigneeSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('user'), userId: userIdSchema }),
  v.strictObject({ kind: v.literal('name'), name: textSchema(120, { required: true }) }),
]);

const raciSchema = v.strictObject(
  Object.fromEntries(RACI_ROLES.map((role) => [role, v.optional(assigneeSchema)])) as {
    [R in (typeof RACI_ROLES)[number]]: v.OptionalSchema<typeof assigneeSchema, undefined>;
  },
);

export const runStepSchema = v.strictObject({
  stepId: slugSchema,
  /** The step's place in the playbook: merged lists are ordered by it, the same on every device. */
  position: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(RUN_STEPS_MAX - 1)),
  done: v.boolean(),
  doneBy: v.nullable(userIdSchema),
  doneAt: v.nullable(timestampSchema),
  note: v.nullable(textSchema(2000)),
  hlc: hlcSchema,
});
export type RunStep = v.InferOutput<typeof runStepSchema>;

const evidenceSchema = v.strictObject({
  /** A KPI id, or another measure a trigger reads (`days_to_renewal`, `churn_risk`, `status`). */
  metric: slugSchema,
  value: v.nullable(v.pipe(v.number(), v.finite())),
  comparator: v.nullable(v.picklist(['<', '<=', '>', '>='])),
  threshold: v.nullable(v.pipe(v.number(), v.finite())),
  text: textSchema(200),
});

const outcomeSchema = v.strictObject({
  criterionMet: v.boolean(),
  before: kpiNumbersSchema,
  after: kpiNumbersSchema,
  measuredAt: timestampSchema,
});

const STEP_PREFIX = 'steps.';

/** Register keys of the history: a clocked field, or `steps.<stepId>`. */
const runHistoryFieldSchema = v.pipe(
  v.string(),
  v.maxLength(80),
  v.regex(new RegExp(`^(${RUN_CLOCKED_FIELDS.join('|')}|steps\\.[a-z0-9][a-z0-9_-]*)$`), 'Unknown field'),
);

const playbookRunObject = v.strictObject({
  id: idSchema,
  accountId: idSchema,
  playbookId: v.picklist(PLAYBOOK_IDS),
  state: v.picklist(RUN_STATES),
  raci: raciSchema,
  steps: v.pipe(
    v.array(runStepSchema),
    v.maxLength(RUN_STEPS_MAX),
    v.check(
      (steps) => new Set(steps.map((s) => s.stepId)).size === steps.length,
      'Each step may appear only once',
    ),
  ),
  /** The account when the run started (ARR is `values.arr`); the outcome is measured against it. */
  baseline: v.nullable(v.strictObject({ month: monthSchema, values: kpiNumbersSchema })),
  trigger: v.strictObject({
    month: monthSchema,
    evidence: v.pipe(v.array(evidenceSchema), v.maxLength(12)),
  }),
  outcome: v.nullable(outcomeSchema),
  createdAt: timestampSchema,
  startedAt: v.nullable(timestampSchema),
  completedAt: v.nullable(timestampSchema),
  clocks: clocksSchema(RUN_CLOCKED_FIELDS),
  history: fieldHistorySchema(runHistoryFieldSchema, RUN_CLOCKED_FIELDS.length + RUN_STEPS_MAX),
  seq: seqSchema,
  _deleted: v.boolean(),
});
type PlaybookRunFields = v.InferOutput<typeof playbookRunObject>;

export const playbookRunSchema = v.pipe(
  playbookRunObject,
  historyOlderThanCurrent<PlaybookRunFields>((doc, entry) =>
    entry.field.startsWith(STEP_PREFIX)
      ? doc.steps.find((step) => step.stepId === entry.field.slice(STEP_PREFIX.length))?.hlc
      : doc.clocks[entry.field as RunClockedField],
  ),
);
export type PlaybookRunDoc = v.InferOutput<typeof playbookRunSchema>;

export const PLAYBOOK_RUNS_SCHEMA_VERSION = 0;
export const playbookRunsMigrationStrategies: MigrationStrategies = {};

export const playbookRuns = defineCollection({
  name: 'playbook_runs',
  schema: playbookRunSchema,
  schemaVersion: PLAYBOOK_RUNS_SCHEMA_VERSION,
  // An account's runs; "never recommend a playbook already active on that account" reads them.
  indexes: ['accountId'],
  migrationStrategies: playbookRunsMigrationStrategies,
});
export const validatePlaybookRun = playbookRuns.validate;
export const playbookRunsRxSchema = playbookRuns.rxSchema;
