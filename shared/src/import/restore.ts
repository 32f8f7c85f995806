/**
 * Restoring a version: its snapshot's values written back as a new version (`restoredFrom` the old one), as if
 * the same file were imported again. Values the version did not hold are left as they are, values equal to the
 * stored ones are not written again, and account attributes are not part of a snapshot. Values of accounts
 * deleted since (or unknown here) are skipped and counted: a restore does not bring deleted accounts back.
 */
import type { AccountDoc } from '../schemas/accounts';
import { measurementId, type MeasurementDoc } from '../schemas/measurements';
import { isRestorable, type VersionDoc } from '../schemas/versions';
import { timestampOf, type ImportPlan } from './commit';
import { currentValue, measurementsById } from './resolve';
import { buildSnapshot, snapshotValues, type SnapshotValue } from './snapshot';
import { takeStamp, writeValues } from './write-values';

export interface PlanRestoreInput {
  readonly version: VersionDoc;
  readonly existing: { readonly accounts: readonly AccountDoc[]; readonly measurements: readonly MeasurementDoc[] };
  readonly userId: string;
  readonly now: string;
  readonly nextHlc: () => string;
  /** Called once, for the new version's id. */
  readonly newId: () => string;
  readonly note?: string | null;
}

export interface RestorePlan extends ImportPlan {
  /** Values of the snapshot whose account is deleted or unknown on this device: not written. */
  readonly skipped: number;
}

export function planRestore(input: PlanRestoreInput): RestorePlan {
  const { version: source, existing } = input;
  if (!isRestorable(source) || !source.snapshot) {
    throw new RangeError(
      `Version ${source.id} cannot be restored on a device: it keeps no copy of its values (it held more than the snapshot limit, or was imported before versions kept one).`,
    );
  }
  const createdAt = timestampOf(input.now);
  const hlc = takeStamp(input.nextHlc);
  const versionId = input.newId();
  const live = new Set(existing.accounts.filter((a) => !a._deleted).map((a) => a.id));
  const docs = measurementsById(existing.measurements);

  const restored: SnapshotValue[] = [];
  const changed: SnapshotValue[] = [];
  let skipped = 0;
  for (const value of snapshotValues(source.snapshot)) {
    if (!live.has(value.accountId)) {
      skipped++;
      continue;
    }
    restored.push(value);
    if (currentValue(docs.get(measurementId(value.accountId, value.month)), value.kpi) !== value.value) changed.push(value);
  }

  const measurements = writeValues(docs, changed, { source: { kind: 'upload', versionId }, hlc, by: input.userId });
  const version: VersionDoc = {
    id: versionId,
    fileName: source.fileName,
    fileHash: source.fileHash,
    layout: source.layout,
    createdBy: input.userId,
    createdAt,
    counts: {
      accounts: new Set(restored.map((v) => v.accountId)).size,
      newAccounts: 0,
      values: restored.length,
      changed: changed.length,
      unchanged: restored.length - changed.length,
    },
    restoredFrom: source.id,
    note: input.note ?? null,
    // What this version wrote back, so it can be restored in turn.
    snapshot: buildSnapshot(restored),
    _deleted: false,
  };
  return { version, accounts: [], measurements, skipped };
}
