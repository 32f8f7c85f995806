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
 * The pages are fetched, parsed and stored by a worker (first-download-pages.ts), straight into the Dexie
 * storage's IndexedDB database and without reading ids back first (there is nothing to update). The page
 * then announces each committed write as RxDB's own bulkWrite would, so the collection, the screens and other
 * tabs follow. On a first sync of 52,000 documents (`npm run bench`) this took the time from 14.4–15.5 s to
 * ~12 s, and the page's main thread, which did all of it before, is now idle a third of the time.
 * Every downloaded document carries one write time (`lwt`), taken before the download: RxDB's clock only
 * moves forward, so any local write after the download sorts after all of them.
 *
 * This relies on RxDB internals (the original storage instance and its Dexie database, the change stream,
 * `_meta.o`, the replication identifier hash); rxdb is pinned to one version for that, and the e2e suite
 * (first sync, offline edit, conflicts) covers it.
 */
import type { Checkpoint } from '@vitals/shared';
import { getChangedDocumentsSince, now, type RxCollection } from 'rxdb';
import { dexieStorage } from './dexie-storage';
import {
  fromCrossingError,
  storeAllPages,
  toStorageDocument,
  type Doc,
  type PulledPage,
  type DownloadMessage,
  type DownloadStart,
  type PullPage,
  type StoredPages,
  type StoreTarget,
} from './first-download-pages';

export type { PulledPage, PullPage } from './first-download-pages';

export interface InitialCheckpoints {
  /** Server checkpoint to continue pulling from (undefined: pull from the start). */
  readonly pull?: Checkpoint;
  /** Local storage checkpoint the push starts after (undefined: consider every local document). */
  readonly push?: { id: string; lwt: number };
}

/** Where a first download comes from. */
export interface DownloadSource {
  readonly pull: PullPage;
  /** The pull endpoint behind `pull`, when it is the server's: a worker then fetches it itself. */
  readonly pullPath?: string;
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

let eventBulks = 0;

/**
 * Downloads and stores every page. Returns the checkpoints the replication continues from, also after a
 * failure part-way (what was stored stays stored and is not pulled or pushed again).
 */
export async function downloadAll(
  collection: RxCollection,
  replicationIdentifier: string,
  source: DownloadSource,
  onPage: (documents: number) => void,
  stopped: () => boolean = () => false,
): Promise<DownloadResult> {
  const storage = dexieStorage(collection);
  const { dexieDb, booleanIndexes } = await storage.internals;
  const target: StoreTarget = {
    database: dexieDb.name,
    booleanIndexes,
    // As RxDB's replication computes it (replication plugin: identifier 'rxdbreplication' + id).
    hash: await collection.database.hashFunction(`rxdbreplication${replicationIdentifier}`),
    lwt: now(),
  };
  let serverCheckpoint: Checkpoint | null = null;
  // The storage orders changes by (lwt, id), and every document has the same lwt: the greatest id is the last.
  let lastId: string | undefined;
  const announce = (pages: StoredPages): void => {
    const documents = pages.flatMap((page) => page.documents);
    for (const doc of documents) if (lastId === undefined || doc.id > lastId) lastId = doc.id;
    storage.changes$.next({
      id: `vitals-first-download-${++eventBulks}`,
      events: documents
        .filter((doc) => !doc._deleted)
        .map((doc) => ({ documentId: doc.id, operation: 'INSERT', documentData: doc as never, previousDocumentData: undefined })),
      checkpoint: { id: lastId!, lwt: target.lwt },
      context: 'vitals-first-download',
    });
    for (const page of pages) serverCheckpoint = page.checkpoint ?? serverCheckpoint;
    onPage(documents.length);
  };
  const reached = (): InitialCheckpoints => ({
    pull: serverCheckpoint ?? undefined,
    push: lastId === undefined ? undefined : { id: lastId, lwt: target.lwt },
  });
  try {
    if (source.pullPath !== undefined && typeof Worker !== 'undefined') {
      await inWorker(target, source.pullPath, announce, stopped);
    } else {
      await storeAllPages(target, source.pull, announce);
    }
  } catch (error) {
    return { checkpoints: reached(), error };
  }
  return { checkpoints: reached() };
}

interface DownloadListener {
  onMessage(message: DownloadMessage): void;
  fail(error: Error): void;
}

/** The download worker, while any download runs in it. */
let running: { readonly worker: Worker; readonly listeners: Map<number, DownloadListener> } | null = null;
let downloads = 0;

function downloadWorker(): NonNullable<typeof running> {
  if (running) return running;
  const worker = new Worker(new URL('../workers/first-download.worker.ts', import.meta.url), {
    type: 'module',
    name: 'vitals-first-download',
  });
  const listeners = new Map<number, DownloadListener>();
  worker.onmessage = (event: MessageEvent<DownloadMessage>) => listeners.get(event.data.id)?.onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    const error = new Error(`The download could not run (${event.message || 'its worker failed to start'}).`);
    for (const listener of [...listeners.values()]) listener.fail(error);
  };
  running = { worker, listeners };
  return running;
}

/** Runs a download in the worker; `onStored` hears of each committed write, in order. */
function inWorker(
  target: StoreTarget,
  pullPath: string,
  onStored: (pages: StoredPages) => void,
  stopped: () => boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const id = ++downloads;
    const shared = downloadWorker();
    const finish = (error?: Error): void => {
      shared.listeners.delete(id);
      if (shared.listeners.size === 0 && running === shared) {
        shared.worker.terminate();
        running = null;
      }
      if (error) reject(error);
      else resolve();
    };
    shared.listeners.set(id, {
      fail: finish,
      onMessage(message) {
        if (message.type === 'stored') {
          onStored(message.pages.map((page) => fromText(page, target)));
          // Signing out during a first download stops it between writes.
          if (stopped()) finish(new Error('Sync stopped.'));
        } else if (message.type === 'done') {
          finish();
        } else {
          finish(fromCrossingError(message.error));
        }
      },
    });
    shared.worker.postMessage({ id, target, pullPath } satisfies DownloadStart);
  });
}

/** A page the worker stored, parsed again from the server's text. */
function fromText(page: { text: string; checkpoint: Checkpoint | null }, target: StoreTarget): PulledPage {
  const { documents } = JSON.parse(page.text) as { documents: Doc[] };
  for (const doc of documents) toStorageDocument(doc, target);
  return { documents, checkpoint: page.checkpoint };
}
