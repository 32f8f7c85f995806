/**
 * The first download of a collection onto a device, written once instead of through RxDB's replication.
 *
 * Why: RxDB's downstream writes every pulled document twice (the document, and a copy of it as the
 * "assumed master state" in its replication meta store) after reading both back first. For a first sync of
 * 50,000 documents that made the sync ~3× a plain insert of the same documents, over DESIGN.md's 15 s budget.
 * On a device that has never held the collection there is nothing to compare or merge against, so we write
 * the server's documents straight into the storage, marked the way RxDB marks documents its own downstream
 * wrote (`_meta.o`), and start the replication from the checkpoints reached:
 * - downstream: from the server checkpoint of the last page (nothing is pulled twice);
 * - upstream: from the local checkpoint of the last written document, so the documents just written are not
 *   pushed back. Local writes to the collection wait for the download (a hook), so none can hide behind that
 *   checkpoint.
 * A document written here has no meta copy: RxDB then treats it as replicated because of the `_meta.o` mark,
 * applies later server changes normally, and a later local edit is pushed without an assumed master state; the
 * server answers with a conflict carrying its state, our field-level merge resolves it, and the merged
 * document is pushed again. One extra round trip on the first edit of a document, instead of 50,000 extra
 * writes on every first sync.
 *
 * This relies on RxDB internals (the original storage instance, `_meta.o`, the replication identifier hash);
 * rxdb is pinned to one version for that, and the e2e suite (first sync, offline edit, conflicts) covers it.
 */
import {
  PULL_LIMIT_MAX,
  type Checkpoint,
} from '@vitals/shared';
import { getChangedDocumentsSince, now, type RxCollection, type RxStorageInstance } from 'rxdb';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

export interface PulledPage {
  readonly documents: Doc[];
  readonly checkpoint: Checkpoint | null;
}

export type PullPage = (checkpoint: Checkpoint | null, limit: number) => Promise<PulledPage>;

export interface InitialCheckpoints {
  /** Server checkpoint to continue pulling from (undefined: pull from the start). */
  readonly pull?: Checkpoint;
  /** Local storage checkpoint the push starts after (undefined: consider every local document). */
  readonly push?: { id: string; lwt: number };
}

type StorageInstance = RxStorageInstance<Doc, unknown, unknown>;

/** The storage under RxDB's wrapper, which would overwrite `_meta` and `_rev` on insert. */
function rawStorage(collection: RxCollection): StorageInstance {
  const wrapped = collection.storageInstance as unknown as { originalStorageInstance?: StorageInstance };
  if (!wrapped.originalStorageInstance) throw new Error('RxDB storage layout changed: no originalStorageInstance');
  return wrapped.originalStorageInstance;
}

/** True when this device has never stored a document of the collection (tombstones count as stored). */
export async function isFirstDownload(collection: RxCollection): Promise<boolean> {
  const changed = await getChangedDocumentsSince(collection.storageInstance, 1);
  return changed.documents.length === 0;
}

/**
 * Local writes to the collection wait until `done` settles. RxDB runs async `pre*` hooks in series and
 * awaits them before the write, so an edit made during the download lands after it, with a later checkpoint.
 */
export function holdWritesUntil(collection: RxCollection, done: Promise<unknown>): void {
  const wait = async (): Promise<void> => {
    await done.catch(() => undefined);
  };
  collection.preInsert(wait, false);
  collection.preSave(wait, false);
  collection.preRemove(wait, false);
}

export interface DownloadResult {
  readonly checkpoints: InitialCheckpoints;
  /** Why the download stopped early (a dropped connection, …); the replication resumes where it stopped. */
  readonly error?: unknown;
}

/**
 * Pulls every page and writes it. Returns the checkpoints the replication continues from, also after a
 * failure part-way (what was written stays written and is not pulled or pushed again). The next page is
 * fetched while the current one is written.
 */
export async function downloadAll(
  collection: RxCollection,
  replicationIdentifier: string,
  pull: PullPage,
  onPage: (documents: number) => void,
): Promise<DownloadResult> {
  const storage = rawStorage(collection);
  // As RxDB's replication computes it (replication plugin: identifier 'rxdbreplication' + id).
  const hash = await collection.database.hashFunction(`rxdbreplication${replicationIdentifier}`);
  let serverCheckpoint: Checkpoint | null = null;
  let localCheckpoint: { id: string; lwt: number } | undefined;
  let next = pull(null, PULL_LIMIT_MAX);
  const reached = (): InitialCheckpoints => ({ pull: serverCheckpoint ?? undefined, push: localCheckpoint });
  try {
    for (;;) {
      const page = await next;
      if (page.documents.length === 0) break;
      const pageCheckpoint: Checkpoint | null = page.checkpoint ?? serverCheckpoint;
      next = pull(pageCheckpoint, PULL_LIMIT_MAX);
      const lwt = now();
      const rows = page.documents.map((doc) => ({
        document: { ...doc, _attachments: {}, _rev: `1-${hash}`, _meta: { lwt, o: { _rev: 1, hash } } },
      }));
      const result = await storage.bulkWrite(rows as never, 'vitals-first-download');
      if (result.error.length > 0) {
        const first = result.error[0]!;
        throw new Error(`The first download of ${collection.name} could not store ${first.documentId} (status ${first.status}).`);
      }
      serverCheckpoint = pageCheckpoint;
      // The storage orders changes by (lwt, id): within this page, the greatest id is the last.
      let lastId = rows[0]!.document.id;
      for (const row of rows) if (row.document.id > lastId) lastId = row.document.id;
      localCheckpoint = { id: lastId, lwt };
      onPage(rows.length);
      if (page.documents.length < PULL_LIMIT_MAX) break;
    }
  } catch (error) {
    return { checkpoints: reached(), error };
  } finally {
    // A page fetched ahead may still be in flight; it must not reject unobserved.
    next.catch(() => undefined);
  }
  return { checkpoints: reached() };
}
