/**
 * Writing values into month documents the way an edit would: through the measurements merge, as `setKpiCell`
 * does, so each replaced value goes to history and the document stays valid. Shared by `planImport` and
 * `planRestore`.
 */
import type { KpiId } from '../kpi/catalog';
import type { KpiCell, ValueSource } from '../schemas/kpi-values';
import { measurementId, type MeasurementDoc } from '../schemas/measurements';
import { isHlc, type Hlc } from '../sync/hlc';
import { mergeMeasurements } from '../sync/merge';
import type { Month } from '../units';

export interface ValueWrite {
  readonly accountId: string;
  readonly month: Month;
  readonly kpi: KpiId;
  /** As stored (ARR in cents). */
  readonly value: number;
}

export interface WriteStamp {
  readonly source: ValueSource;
  readonly hlc: Hlc;
  readonly by: string;
}

/** One clock reading for a whole import: its writes are one event, and every later edit wins over them. */
export function takeStamp(nextHlc: () => string): Hlc {
  const stamp = nextHlc();
  if (!isHlc(stamp)) throw new RangeError(`nextHlc() must return a hybrid logical clock timestamp, got ${JSON.stringify(stamp)}`);
  return stamp;
}

function emptyDocument(accountId: string, month: Month): MeasurementDoc {
  return { id: measurementId(accountId, month), accountId, month, values: {}, history: [], clocks: {}, _deleted: false };
}

/**
 * A deleted month document written to again comes back (sync/merge.ts: an edit after a delete revives it, with
 * everything in it). The values it held before the delete are cleared in the same write, so only the imported
 * ones return, as the preview showed (it reads a deleted document as empty).
 */
function revive(doc: MeasurementDoc, writes: readonly ValueWrite[], stamp: WriteStamp): MeasurementDoc {
  const cell = (value: number | null): KpiCell => ({ value, source: stamp.source, hlc: stamp.hlc, by: stamp.by });
  const values = { ...doc.values };
  for (const kpi of Object.keys(doc.values) as KpiId[]) values[kpi] = cell(null);
  // The new values in the same write: a revived document with nothing newer than its delete stays deleted.
  for (const w of writes) values[w.kpi] = cell(w.value);
  const { _deleted: _stamp, ...clocks } = doc.clocks;
  return mergeMeasurements(doc, { ...doc, values, clocks, _deleted: false });
}

/** `setKpiCell` for several KPIs of one document at once. */
export function setKpiCells(doc: MeasurementDoc, writes: readonly ValueWrite[], stamp: WriteStamp): MeasurementDoc {
  const values = { ...doc.values };
  for (const w of writes) values[w.kpi] = { value: w.value, source: stamp.source, hlc: stamp.hlc, by: stamp.by };
  return mergeMeasurements(doc, { ...doc, values });
}

/** The documents after the writes, one per account and month written, in first-written order. */
export function writeValues(
  existing: ReadonlyMap<string, MeasurementDoc>,
  writes: readonly ValueWrite[],
  stamp: WriteStamp,
): MeasurementDoc[] {
  const byDoc = new Map<string, ValueWrite[]>();
  for (const w of writes) {
    const id = measurementId(w.accountId, w.month);
    const list = byDoc.get(id);
    if (list) list.push(w);
    else byDoc.set(id, [w]);
  }
  const out: MeasurementDoc[] = [];
  for (const [id, list] of byDoc) {
    const first = list[0]!;
    const base = existing.get(id) ?? emptyDocument(first.accountId, first.month);
    // One merge per document: the same as `setKpiCell` once per value (each KPI is its own register), without
    // re-merging the whole document for every value of a 250k-value import.
    const doc = base._deleted ? revive(base, list, stamp) : setKpiCells(base, list, stamp);
    for (const w of list) {
      const written = doc.values[w.kpi];
      // A stored value newer than the stamp would win the merge and the import would silently not apply.
      if (written?.hlc !== stamp.hlc || written.value !== w.value) {
        throw new RangeError(`The clock is behind a stored value (${id} ${w.kpi}): nextHlc() must be later than every value it has seen.`);
      }
    }
    if (doc._deleted) throw new RangeError(`The clock is behind the delete of ${id}: nextHlc() must be later than every change it has seen.`);
    out.push(doc);
  }
  return out;
}
