/**
 * KPI values as stored: checked against the catalog's plausible ranges (a value outside is invalid, never stored
 * silently) and keyed only by catalog KPI ids. Maps keyed by KPI id are strict objects, not records: an unknown
 * key, `__proto__` included, is an error with its path instead of being dropped or becoming a key.
 */
import * as v from 'valibot';
import { DEFAULT_KPIS, KPI_IDS, type KpiDefinition, type KpiId } from '../kpi/catalog';
import { hlcSchema, idSchema, slugSchema, userIdSchema } from './common';

const DEFINITIONS = new Map<KpiId, KpiDefinition>(DEFAULT_KPIS.map((d) => [d.id, d]));

function definition(kpi: KpiId): KpiDefinition {
  const found = DEFINITIONS.get(kpi);
  if (!found) throw new RangeError(`Unknown KPI ${kpi}`);
  return found;
}

export function rangeMessage(kpi: KpiId): string {
  const { name, plausible } = definition(kpi);
  return Number.isFinite(plausible.max)
    ? `${name} must be between ${plausible.min} and ${plausible.max}`
    : `${name} must be at least ${plausible.min}`;
}

export function isPlausible(kpi: KpiId, value: number): boolean {
  const { plausible } = definition(kpi);
  return Number.isFinite(value) && value >= plausible.min && value <= plausible.max;
}

/** One KPI's value, within its plausible range. */
export function kpiNumberSchema(kpi: KpiId) {
  const { plausible } = definition(kpi);
  const message = rangeMessage(kpi);
  const bounded = v.pipe(v.number(), v.finite(message), v.minValue(plausible.min, message));
  return Number.isFinite(plausible.max) ? v.pipe(bounded, v.maxValue(plausible.max, message)) : bounded;
}
type KpiNumberSchema = ReturnType<typeof kpiNumberSchema>;

function perKpi<TSchema extends v.GenericSchema>(make: (kpi: KpiId) => TSchema) {
  const entries = Object.fromEntries(KPI_IDS.map((kpi) => [kpi, v.optional(make(kpi))]));
  return v.strictObject(entries as { [K in KpiId]: v.OptionalSchema<TSchema, undefined> });
}

/** Plain KPI values (`KpiValues`): baselines and before/after snapshots. */
export const kpiNumbersSchema = perKpi<KpiNumberSchema>(kpiNumberSchema);

export const SOURCE_KINDS = ['upload', 'manual', 'integration', 'computed'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where a value came from (DOMAIN.md: "every stored value records its source"), each kind with what it needs. */
export const valueSourceSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('upload'), versionId: idSchema }),
  v.strictObject({ kind: v.literal('manual'), userId: userIdSchema }),
  v.strictObject({ kind: v.literal('integration'), integration: slugSchema }),
  v.strictObject({ kind: v.literal('computed') }),
]);
export type ValueSource = v.InferOutput<typeof valueSourceSchema>;

/**
 * One KPI value of one month with its own clock, so two people editing different KPIs of the same month both
 * keep their edit. `value: null` is a cleared value: it must sync as a newer write, or the old value returns.
 */
export function kpiCellSchema(kpi: KpiId) {
  return v.strictObject({
    value: v.nullable(kpiNumberSchema(kpi)),
    source: valueSourceSchema,
    hlc: hlcSchema,
    by: v.optional(userIdSchema),
  });
}
type KpiCellSchema = ReturnType<typeof kpiCellSchema>;
export type KpiCell = v.InferOutput<KpiCellSchema>;

export const kpiCellsSchema = perKpi<KpiCellSchema>(kpiCellSchema);
export type KpiCells = v.InferOutput<typeof kpiCellsSchema>;
