/**
 * Local writes the UI makes. Each goes into the device database first (the screen updates at once through
 * the reactive queries), is stamped with this device's clock so it merges deterministically with edits from
 * elsewhere, and is counted as pending until the server confirms it.
 */
import {
  measurementId,
  setKpiCell,
  validateMeasurement,
  type KpiId,
  type MeasurementDoc,
  type Month,
} from '@vitals/shared';
import { isPlausible, rangeMessage } from '@vitals/shared';
import type { RxDocument } from 'rxdb';
// The package index does not re-export the value rules; this is the same module the schemas use.
import { nextHlc, observeHlc } from './clock';
import type { VitalsDatabase } from './database';
import { syncStatus } from './sync-status';

export interface KpiValueEdit {
  readonly accountId: string;
  readonly month: Month;
  readonly kpi: KpiId;
  /** `null` clears the value (it syncs as a newer write, so the old value cannot come back). */
  readonly value: number | null;
  readonly userId: string;
}

function emptyMeasurement(accountId: string, month: Month): MeasurementDoc {
  return {
    id: measurementId(accountId, month),
    accountId,
    month,
    values: {},
    history: [],
    clocks: {},
    _deleted: false,
  };
}

/** RxDB hands modifiers its storage fields (`_attachments`, …); the document schema allows none of them. */
function withoutStorageFields(data: Record<string, unknown>): MeasurementDoc {
  const { _attachments: _a, _meta: _m, _rev: _r, ...doc } = data;
  return doc as unknown as MeasurementDoc;
}

/** The edited document, or an error naming what is wrong: never a half-valid document in the database. */
function applyEdit(doc: MeasurementDoc, edit: KpiValueEdit): MeasurementDoc {
  // Every timestamp already on this value must sort before the edit, or the merge would keep the old value.
  const seen = doc.values[edit.kpi]?.hlc;
  if (seen) observeHlc(seen);
  for (const entry of doc.history) if (entry.kpi === edit.kpi) observeHlc(entry.replacedBy);
  const hlc = nextHlc();
  const next = setKpiCell(doc, edit.kpi, {
    value: edit.value,
    source: { kind: 'manual', userId: edit.userId },
    hlc,
    by: edit.userId,
  });
  const checked = validateMeasurement(next);
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return checked.value;
}

/** Sets (or clears) one KPI value of one account and month, creating the month's document when needed. */
export async function editKpiValue(db: VitalsDatabase, edit: KpiValueEdit): Promise<MeasurementDoc> {
  if (edit.value !== null && !isPlausible(edit.kpi, edit.value)) throw new RangeError(rangeMessage(edit.kpi));
  const id = measurementId(edit.accountId, edit.month);
  const collection = db.measurements;
  const modify = async (doc: RxDocument<Record<string, unknown>>): Promise<MeasurementDoc> => {
    // incrementalModify re-runs the modifier on the newest state if replication wrote in between.
    const written = await doc.incrementalModify(
      (current) => applyEdit(withoutStorageFields(current), edit) as never,
    );
    return written.toJSON(true) as unknown as MeasurementDoc;
  };

  const existing = await collection.findOne(id).exec();
  let result: MeasurementDoc;
  if (existing) {
    result = await modify(existing as never);
  } else {
    try {
      const inserted = await collection.insert(
        applyEdit(emptyMeasurement(edit.accountId, edit.month), edit) as never,
      );
      result = inserted.toJSON(true) as unknown as MeasurementDoc;
    } catch (error) {
      // Replication created the document between our read and our insert: edit that one instead.
      const code = (error as { code?: string }).code;
      const created = code === 'CONFLICT' ? await collection.findOne(id).exec() : null;
      if (!created) throw error;
      result = await modify(created as never);
    }
  }
  syncStatus.wrote('measurements', id);
  return result;
}
