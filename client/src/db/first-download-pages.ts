/**
 * The work of a first download (first-download.ts): fetch the collection page after page and store each in
 * the collection's IndexedDB database the way RxDB's Dexie storage lays documents out. It runs in a worker
 * (first-download.worker.ts), so parsing, serialising and storing ~50,000 documents happen beside the
 * screen instead of on its thread; where there is no worker (the unit tests in Node) it runs in place.
 *
 * Fetching and storing overlap: pages are fetched one after another, up to MAX_DOCUMENTS_AHEAD ahead of what
 * is stored; each write stores every page that arrived meanwhile in one transaction, and the next write's
 * puts are issued while the previous transaction commits.
 */
import { PULL_LIMIT_MAX, type Checkpoint } from '@vitals/shared';
import { fromStorageToDexie } from 'rxdb/plugins/storage-dexie';
import { HttpError, httpError } from '../api/http';
import type { Doc } from './dexie-storage';

export type { Doc } from './dexie-storage';

export interface PulledPage {
  readonly documents: Doc[];
  readonly checkpoint: Checkpoint | null;
  /** The response as it came, when it came over HTTP: a worker hands this on rather than the documents. */
  readonly text?: string;
}

export type PullPage = (checkpoint: Checkpoint | null, limit: number) => Promise<PulledPage>;

/** Where and how to store: everything here crosses to the worker as a message. */
export interface StoreTarget {
  /** The IndexedDB database RxDB's Dexie storage keeps the collection in (its object store `docs`). */
  readonly database: string;
  /** Fields the Dexie storage stores as '1' / '0' so they can be indexed. */
  readonly booleanIndexes: readonly string[];
  /** RxDB's replication hash: documents marked with it count as written by the replication. */
  readonly hash: string;
  /** The write time of every stored document (one for the whole download; see first-download.ts). */
  readonly lwt: number;
}

/** Pages just stored, in order; their documents are now as RxDB holds them (see `toStorageDocument`). */
export type StoredPages = readonly PulledPage[];

/** How far fetching may run ahead of storing (bounds the memory a large first sync holds). */
const MAX_DOCUMENTS_AHEAD = 10_000;

/**
 * Fetches and stores every page; `onStored` hears of each write once committed, in order. Rejects with the
 * first failure (what was reported stored stays stored).
 */
export async function storeAllPages(
  target: StoreTarget,
  pull: PullPage,
  onStored: (stored: StoredPages) => void,
): Promise<void> {
  const db = await openDatabase(target.database);
  const fetched = new PageQueue();
  void fetchAll(pull, fetched);
  let previous: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const pages = await fetched.takeAll();
      if (pages.length === 0) break;
      for (const page of pages) for (const doc of page.documents) toStorageDocument(doc, target);
      const committed = putAll(db, pages, target.booleanIndexes);
      // Observed here so a failure waiting behind an earlier write is never reported as unhandled.
      committed.catch(() => undefined);
      const earlier = previous;
      previous = (async () => {
        await earlier;
        await committed;
        onStored(pages);
      })();
      // At most two writes in flight: this one, and the one before it, which must be reported first.
      await earlier;
    }
    await previous;
  } finally {
    // Also after a failure: writes still committing are reported first, so their documents count as stored.
    await previous.catch(() => undefined);
    fetched.close();
    db.close();
  }
}

/** Makes the server's document (in place: it was just parsed) what RxDB's replication would have stored. */
export function toStorageDocument(doc: Doc, target: StoreTarget): Doc {
  return Object.assign(doc, {
    _attachments: {},
    _rev: `1-${target.hash}`,
    _meta: { lwt: target.lwt, o: { _rev: 1, hash: target.hash } },
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    // The storage created it before the download starts; never create an empty one here.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => reject(request.error ?? new Error(`Could not open ${name}.`));
    request.onsuccess = () => {
      const db = request.result;
      // Signing out deletes the database: let it (the download then fails and stops).
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

function putAll(db: IDBDatabase, pages: readonly PulledPage[], booleanIndexes: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // Relaxed: a first download lost to a crash is simply downloaded again (nothing local depends on it).
    const transaction = db.transaction('docs', 'readwrite', { durability: 'relaxed' });
    const store = transaction.objectStore('docs');
    for (const page of pages) {
      for (const doc of page.documents) store.put(fromStorageToDexie(booleanIndexes as string[], doc as never));
    }
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new DOMException('The write was aborted.', 'AbortError'));
  });
}

/** Fetches page after page into the queue until a short page, a failure, or the queue is closed. */
async function fetchAll(pull: PullPage, queue: PageQueue): Promise<void> {
  let checkpoint: Checkpoint | null = null;
  try {
    for (;;) {
      await queue.roomFor(PULL_LIMIT_MAX);
      if (queue.closed) return;
      const page = await pull(checkpoint, PULL_LIMIT_MAX);
      if (page.documents.length > 0) queue.add(page);
      if (page.documents.length < PULL_LIMIT_MAX) break;
      checkpoint = page.checkpoint ?? checkpoint;
    }
    queue.finish();
  } catch (error) {
    queue.fail(error);
  }
}

/**
 * Fetched pages waiting to be stored, in order. The writer takes everything there is at once; the fetcher
 * waits while MAX_DOCUMENTS_AHEAD documents are waiting.
 */
class PageQueue {
  private pages: PulledPage[] = [];
  private documents = 0;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private waiting: (() => void)[] = [];
  closed = false;

  add(page: PulledPage): void {
    this.pages.push(page);
    this.documents += page.documents.length;
    this.notify();
  }

  finish(): void {
    this.ended = true;
    this.notify();
  }

  fail(error: unknown): void {
    this.failure = { error };
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  /** Every page fetched so far (waiting for one); empty once fetching finished; the fetch's failure after the pages before it. */
  async takeAll(): Promise<PulledPage[]> {
    while (this.pages.length === 0 && !this.ended && !this.failure) await this.changed();
    if (this.pages.length === 0 && this.failure) throw this.failure.error;
    const pages = this.pages;
    this.pages = [];
    this.documents = 0;
    this.notify();
    return pages;
  }

  async roomFor(documents: number): Promise<void> {
    while (!this.closed && this.documents > 0 && this.documents + documents > MAX_DOCUMENTS_AHEAD) await this.changed();
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private notify(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }
}

// ----------------------------------------------------------------------------- to and from the worker

/** What the page sends the worker to start a download (one worker runs every collection's). */
export interface DownloadStart {
  readonly id: number;
  readonly target: StoreTarget;
  /** The collection's pull endpoint (sync protocol), fetched with the page's session cookie. */
  readonly pullPath: string;
}

/** A failure as it crosses from the worker: errors lose their class on the way, so it is rebuilt after. */
export type CrossingError =
  | { readonly kind: 'http'; readonly status: number; readonly code: string; readonly message: string; readonly details?: unknown }
  | { readonly kind: 'dom'; readonly name: string; readonly message: string }
  | { readonly kind: 'other'; readonly message: string };

/**
 * What the worker tells the page about download `id`. Stored pages cross as the server's text: the page
 * parses it again faster than a structured copy of the documents would cross.
 */
export type DownloadMessage = { readonly id: number } & (
  | { readonly type: 'stored'; readonly pages: readonly { readonly text: string; readonly checkpoint: Checkpoint | null }[] }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly error: CrossingError }
);

export function toCrossingError(error: unknown): CrossingError {
  if (error instanceof HttpError) {
    return { kind: 'http', status: error.status, code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof DOMException) return { kind: 'dom', name: error.name, message: error.message };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** The error as the page's own code would have raised it (an HttpError also says when the session ended). */
export function fromCrossingError(error: CrossingError): Error {
  if (error.kind === 'http') return httpError(error.status, error.code, error.message, error.details);
  if (error.kind === 'dom') return new DOMException(error.message, error.name);
  return new Error(error.message);
}
