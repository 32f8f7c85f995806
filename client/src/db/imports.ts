/**
 * Spreadsheet imports and restores on the device (shared/src/import/README.md): planning with this device's
 * clock, and committing the plan's documents to the local database, from where they sync like any edit.
 *
 * Two things make an import safe beside replication, which may write the same documents at any moment:
 * - Planning reads the documents the import changes straight from the database (tombstones included) and moves
 *   the device clock past every timestamp on them first, so the import's single clock reading is later than
 *   anything it replaces: its values win, and nothing is planned on a stale copy (writes.ts does the same for
 *   one value).
 * - Committing merges each planned document into the freshest stored copy with the collection's merge
 *   (`MERGERS`, the conflict handler's), so a change that arrived between planning and writing survives.
 */
import {
  MERGERS,
  isHlc,
  maxHlc,
  measurementId,
  planImport,
  planRestore,
  resolveImport,
  snapshotValues,
  type AccountDoc,
  type Hlc,
  type ImportPlan,
  type ImportedTable,
  type MeasurementDoc,
  type MemberDoc,
  type RestorePlan,
  type VersionDoc,
} from '@vitals/shared';
import type { RxCollection } from 'rxdb';
import { nextHlc, observeHlc } from './clock';
import type { VitalsDatabase } from './database';
import { syncStatus } from './sync-status';

type Doc = { readonly id: string };

/** RxDB's storage fields (`_meta`, `_rev`, `_attachments`) are not part of any document schema. */
function plain<T>(data: unknown): T {
  const { _attachments: _a, _meta: _m, _rev: _r, ...doc } = data as Record<string, unknown>;
  return doc as T;
}

/** A new document id, like the server's (`randomUUID`); random hex where the browser lacks it (http). */
export function newDocumentId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** SHA-256 of a file's bytes in lowercase hex: a version's `fileHash`, so the same file is recognisable. */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  if (!globalThis.crypto?.subtle) {
    throw new Error(
      'This browser only fingerprints files on a secure (https) connection, so the file cannot be imported here.',
    );
  }
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Every clock reading a document carries: field clocks, KPI cells, and both ends of its history entries. */
function stampsOf(doc: object): string[] {
  const d = doc as {
    clocks?: Record<string, unknown>;
    values?: Record<string, { hlc?: unknown } | undefined>;
    history?: readonly { hlc?: unknown; replacedBy?: unknown }[];
  };
  const stamps: unknown[] = [...Object.values(d.clocks ?? {})];
  for (const cell of Object.values(d.values ?? {})) stamps.push(cell?.hlc);
  for (const entry of d.history ?? []) stamps.push(entry.hlc, entry.replacedBy);
  return stamps.filter(isHlc);
}

/**
 * Moves the device clock past the latest timestamp on these documents (one clock update, however many
 * documents), so the next `nextHlc()` sorts after everything they hold.
 */
export function observeClocksOf(docs: Iterable<object>): void {
  let latest: Hlc | null = null;
  for (const doc of docs) {
    for (const stamp of stampsOf(doc))
      latest = latest === null ? (stamp as Hlc) : maxHlc(latest, stamp as Hlc);
  }
  if (latest !== null) observeHlc(latest);
}

/** The stored copies of these documents, tombstones included (queries leave those out). */
async function readStored<T extends Doc>(
  collection: RxCollection,
  ids: Iterable<string>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await collection.storageInstance.findDocumentsById(unique, true);
  return new Map(found.map((data) => [String((data as { id: unknown }).id), plain<T>(data)]));
}

/** The screen's copies with the fresh ones read from the database in their place. */
function overlay<T extends Doc>(docs: readonly T[], fresh: ReadonlyMap<string, T>): T[] {
  const byId = new Map<string, T>(docs.map((d) => [d.id, d]));
  for (const [id, doc] of fresh) byId.set(id, doc);
  return [...byId.values()];
}

export interface DeviceImportInput {
  readonly table: ImportedTable;
  /** What the preview was made from (the screen's live copies); the documents the import changes are read again. */
  readonly accounts: readonly AccountDoc[];
  readonly measurements: readonly MeasurementDoc[];
  readonly members: readonly MemberDoc[];
  readonly fileName: string;
  /** SHA-256 of the file, hex (`sha256Hex`). */
  readonly fileHash: string;
  readonly userId: string;
  readonly now?: Date;
}

/** `planImport` on this device: fresh copies of what it changes, the device clock past them, then one reading. */
export async function planDeviceImport(db: VitalsDatabase, input: DeviceImportInput): Promise<ImportPlan> {
  const { table, members } = input;
  const resolution = resolveImport(table, {
    accounts: input.accounts,
    measurements: input.measurements,
    members,
  });
  const measurementIds = resolution.changed.flatMap((c) =>
    c.accountId === null ? [] : [measurementId(c.accountId, c.value.month)],
  );
  const [freshMeasurements, freshAccounts] = await Promise.all([
    readStored<MeasurementDoc>(db.measurements, measurementIds),
    readStored<AccountDoc>(
      db.accounts,
      resolution.accountChanges.map((c) => c.accountId),
    ),
  ]);
  observeClocksOf([...freshMeasurements.values(), ...freshAccounts.values()]);
  return planImport({
    table,
    existing: {
      accounts: overlay(input.accounts, freshAccounts),
      measurements: overlay(input.measurements, freshMeasurements),
      members,
    },
    fileName: input.fileName,
    fileHash: input.fileHash,
    userId: input.userId,
    now: (input.now ?? new Date()).toISOString(),
    nextHlc: () => nextHlc(),
    newId: newDocumentId,
  });
}

export interface DeviceRestoreInput {
  readonly version: VersionDoc;
  readonly userId: string;
  readonly now?: Date;
}

/** `planRestore` on this device, on the stored copies of the accounts and month documents the version holds. */
export async function planDeviceRestore(db: VitalsDatabase, input: DeviceRestoreInput): Promise<RestorePlan> {
  const { version } = input;
  const values = version.snapshot ? snapshotValues(version.snapshot) : [];
  const [measurements, accounts] = await Promise.all([
    readStored<MeasurementDoc>(
      db.measurements,
      values.map((v) => measurementId(v.accountId, v.month)),
    ),
    readStored<AccountDoc>(db.accounts, version.snapshot?.accounts ?? []),
  ]);
  observeClocksOf(measurements.values());
  // planRestore itself refuses a version without a snapshot, with the words the screen shows.
  return planRestore({
    version,
    existing: { accounts: [...accounts.values()], measurements: [...measurements.values()] },
    userId: input.userId,
    now: (input.now ?? new Date()).toISOString(),
    nextHlc: () => nextHlc(),
    newId: newDocumentId,
  });
}

/** A write that keeps being overtaken by replication is given up after this many rounds (it never is in practice). */
const MAX_WRITE_ROUNDS = 5;

/**
 * Inserts the documents in one batch; those that exist are merged into their freshest stored copy with the
 * collection's merge (queued incremental writes, which RxDB batches into one write and re-runs on conflict).
 */
async function writeMerged<T extends Doc>(
  collection: RxCollection,
  docs: readonly T[],
  merge: (a: T, b: T) => T,
): Promise<void> {
  const planned = new Map(docs.map((d) => [d.id, plain<T>(d)]));
  let pending = [...planned.keys()];
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_WRITE_ROUNDS)
      throw new Error(
        `Could not save ${pending.length} ${collection.name} documents: they kept changing while saving. Try again.`,
      );
    const inserted = await collection.bulkInsert(pending.map((id) => planned.get(id)!) as never[]);
    const existing: string[] = [];
    for (const error of inserted.error) {
      if (error.status !== 409)
        throw new Error(
          `Could not save ${collection.name} document ${error.documentId} (storage error ${error.status}).`,
        );
      existing.push(error.documentId);
    }
    if (existing.length === 0) return;
    const current = await collection.findByIds(existing).exec();
    const vanished: string[] = [];
    await Promise.all(
      existing.map((id) => {
        const doc = current.get(id);
        // Deleted between the insert and the read: the next round inserts over the tombstone.
        if (!doc) return vanished.push(id);
        return doc.incrementalModify((data: unknown) => merge(plain<T>(data), planned.get(id)!) as never);
      }),
    );
    pending = vanished;
  }
}

export interface CommitResult {
  readonly version: VersionDoc;
  /** Accounts written: new ones and existing ones whose attributes changed. */
  readonly accounts: number;
  /** Month documents written. */
  readonly measurements: number;
}

/**
 * Writes one collection's documents, counted as waiting to sync *before* the write: replication may push a
 * document (and uncount it) before the rest of a large write has finished, and a count added after that would
 * never go away. A failed write uncounts them again (IndexedDB writes are all-or-nothing per batch).
 */
async function writeCounted<T extends Doc>(
  collection: RxCollection,
  docs: readonly T[],
  merge: (a: T, b: T) => T,
): Promise<void> {
  if (docs.length === 0) return;
  // Each call rewrites the whole pending list in localStorage (sync-status.ts), so this is quadratic: fine for
  // the hundreds of month documents of a usual import, but measured in Chromium 3,000 documents take ~1 s and
  // 10,000 ~20 s. A bulk count in sync-status.ts would make it linear.
  for (const doc of docs) syncStatus.wrote(collection.name, doc.id);
  try {
    await writeMerged(collection, docs, merge);
  } catch (error) {
    for (const doc of docs) syncStatus.pushed(collection.name, doc.id);
    throw error;
  }
}

/**
 * Writes an import's (or a restore's) documents to the device database and counts them as waiting to sync.
 * Accounts first (values name them), the version last: it is the receipt for everything it describes.
 */
export async function commitImport(db: VitalsDatabase, plan: ImportPlan): Promise<CommitResult> {
  await writeCounted(db.accounts, plan.accounts, MERGERS.accounts);
  await writeCounted(db.measurements, plan.measurements, MERGERS.measurements);
  await writeCounted(db.versions, [plan.version], MERGERS.versions);
  return { version: plan.version, accounts: plan.accounts.length, measurements: plan.measurements.length };
}
