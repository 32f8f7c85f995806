/**
 * A document's `history`: values that lost a concurrent edit or were replaced by a newer one, so the UI can
 * show "Ana's 72 was replaced by Ben's 75" instead of losing it silently.
 *
 * The cap is per value (per field, per KPI, per step): the newest HISTORY_PER_KEY earlier values of each are
 * kept. Per value rather than per document, so a KPI re-imported every week cannot push another KPI's conflict
 * out of sight; and 3, because a phone holds ~50k documents and the complete record is the server's audit
 * trail. The cap is part of the merge (sync/merge.ts), so every device trims to the same history.
 */
import * as v from 'valibot';
import { KPI_IDS } from '../kpi/catalog';
import type { Hlc } from '../sync/hlc';
import { hlcSchema, jsonValueSchema, userIdSchema, type JsonValue } from './common';
import { isPlausible, rangeMessage, valueSourceSchema } from './kpi-values';

export const HISTORY_PER_KEY = 3;

/** An issue on `key` of the object being checked, so the path points at the offending field. */
export function pathTo(input: object, key: string): [v.ObjectPathItem] {
  const record = input as Record<string, unknown>;
  return [{ type: 'object', origin: 'value', input: record, key, value: record[key] }];
}

/**
 * Every earlier value is older than the value now in place (`current` gives that value's time), as a merge
 * leaves them. Checked so a crafted history entry can never take over a field in the next merge.
 */
export function historyOlderThanCurrent<
  TDoc extends { readonly history: readonly { readonly hlc: string }[] },
>(current: (doc: TDoc, entry: TDoc['history'][number]) => string | undefined) {
  return v.rawCheck<TDoc>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const doc = dataset.value;
    doc.history.forEach((entry, index) => {
      const now = current(doc, entry);
      if (now !== undefined && entry.hlc < now) return;
      addIssue({
        message: 'An earlier value must be older than the value in place',
        path: [
          ...pathTo(doc, 'history'),
          { type: 'array', origin: 'value', input: doc.history, key: index, value: entry },
          ...pathTo(entry, 'hlc'),
        ],
      });
    });
  });
}

function replacedLater<TEntry extends { hlc: string; replacedBy: string }>() {
  return v.rawCheck<TEntry>(({ dataset, addIssue }) => {
    if (dataset.typed && !(dataset.value.replacedBy > dataset.value.hlc)) {
      addIssue({
        message: 'A value can only be replaced by a later one',
        path: pathTo(dataset.value, 'replacedBy'),
      });
    }
  });
}

export interface FieldHistoryEntry<TField extends string = string> {
  readonly field: TField;
  readonly value: JsonValue;
  readonly hlc: Hlc;
  readonly replacedBy: Hlc;
}

/**
 * History of a document whose fields carry clocks. `field` names the value: a field name, or
 * `<field>.<item id>` for an item of a list whose items carry their own clocks (`steps.kickoff`).
 */
export function fieldHistorySchema<TField extends string>(
  field: v.GenericSchema<string, TField>,
  valueCount: number,
): v.GenericSchema<unknown, FieldHistoryEntry<TField>[]> {
  const entry = v.pipe(
    v.strictObject({
      field: field as v.GenericSchema<string, string>,
      value: jsonValueSchema,
      hlc: hlcSchema,
      replacedBy: hlcSchema,
    }),
    replacedLater(),
  );
  // Typed by hand: valibot cannot infer through the generic field schema.
  return v.pipe(v.array(entry), v.maxLength(valueCount * HISTORY_PER_KEY)) as unknown as v.GenericSchema<
    unknown,
    FieldHistoryEntry<TField>[]
  >;
}

/** History of a month's KPI values: the losing or replaced cell, with the timestamp of its successor. */
export const kpiHistoryEntrySchema = v.pipe(
  v.strictObject({
    kpi: v.picklist(KPI_IDS),
    value: v.nullable(v.pipe(v.number(), v.finite())),
    source: valueSourceSchema,
    hlc: hlcSchema,
    by: v.optional(userIdSchema),
    replacedBy: hlcSchema,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { kpi, value } = dataset.value;
    if (value !== null && !isPlausible(kpi, value)) {
      addIssue({ message: rangeMessage(kpi), path: pathTo(dataset.value, 'value') });
    }
  }),
  replacedLater(),
);
export type KpiHistoryEntry = v.InferOutput<typeof kpiHistoryEntrySchema>;

export const kpiHistorySchema = v.pipe(
  v.array(kpiHistoryEntrySchema),
  v.maxLength(KPI_IDS.length * HISTORY_PER_KEY),
);
