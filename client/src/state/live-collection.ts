/**
 * A collection's documents as a Solid accessor, kept up to date from the collection's change events
 * instead of re-running a query.
 *
 * Why not `collection.find().$`: every write re-emits the whole result, and mapping 50,000 RxDocuments to
 * plain objects (then rebuilding the health engine's input from them) on each of the ~50 pages of a first
 * sync cost the main thread more than the sync itself. Here one write costs the documents it changed, and
 * bursts (a first sync, a RESYNC) are coalesced: the screen is refreshed at most once per a few times the
 * cost of its last refresh, so the page stays responsive while thousands of documents arrive, and a single
 * edit from another device still shows within a frame or two.
 */
import type { MangoQuerySelector, RxChangeEventBulk, RxCollection } from 'rxdb';
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { findAll } from '../db/find-all';

/** The plain document as the UI reads it (as RxDB stores it: with `_meta`, `_rev`). */
type Plain = { id: string };

export interface LiveCollection<T> {
  /** Every live (not deleted) document; a new array after each refresh. */
  readonly docs: Accessor<T[]>;
  /** True once the first read of the local database has answered. */
  readonly loaded: Accessor<boolean>;
  /** The first read's failure (a full or broken device database), for the screen to explain. */
  readonly error: Accessor<unknown>;
  /**
   * The documents of the first part of a read in parts (see `LiveCollectionOptions.parts`), once read and
   * until the whole collection is; `null` before.
   */
  readonly firstPart: Accessor<T[] | null>;
}

export interface LiveCollectionOptions {
  /**
   * Reads the collection in parts, one query per selector, in order, instead of one query for everything:
   * the first part can be shown while the rest is read, and no single read holds the main thread for long
   * (IndexedDB hands each result over on the main thread). The selectors must cover every document once.
   */
  readonly parts?: (collection: RxCollection) => Promise<MangoQuerySelector<Record<string, unknown>>[]>;
}

/** Quiet-time refresh: a lone change shows within a frame. */
const FIRST_REFRESH_MS = 16;

interface Pacing {
  /** The screen may take at most ~1/(1+ratio) of the main thread for refreshing… */
  readonly costRatio: number;
  /** …but refreshes at least this often. */
  readonly maxIntervalMs: number;
}
/** A few changes (edits on another device): each shows within DESIGN.md's second. */
const EDIT_PACING: Pacing = { costRatio: 4, maxIntervalMs: 1000 };
/**
 * A burst (a first sync or a RESYNC: pages of hundreds of documents): the main thread is better spent storing
 * them than redrawing a growing dashboard. A first sync of 52,000 documents took 17–18 s with edit pacing,
 * 14 s with this.
 */
const BURST_PACING: Pacing = { costRatio: 12, maxIntervalMs: 4000 };
/** Changes since the last refresh from which on they are a burst. */
const BURST_CHANGES = 200;

export function liveCollection<T extends Plain>(
  collection: RxCollection,
  options: LiveCollectionOptions = {},
): LiveCollection<T> {
  const byId = new Map<string, T>();
  const [docs, setDocs] = createSignal<T[]>([], { equals: false });
  const [loaded, setLoaded] = createSignal(false);
  const [firstPart, setFirstPart] = createSignal<T[] | null>(null);
  const [error, setError] = createSignal<unknown>(undefined);
  let isLoaded = false;
  // Events that arrive while the first read is in flight are applied after it, in order.
  const early: RxChangeEventBulk<unknown>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRefreshAt = 0;
  let lastRefreshCost = 0;
  let changesSinceRefresh = 0;

  const refresh = (): void => {
    timer = undefined;
    changesSinceRefresh = 0;
    const started = performance.now();
    setDocs([...byId.values()]);
    lastRefreshAt = performance.now();
    lastRefreshCost = lastRefreshAt - started;
  };

  const schedule = (): void => {
    if (timer !== undefined) return;
    const pacing = changesSinceRefresh >= BURST_CHANGES ? BURST_PACING : EDIT_PACING;
    const interval = Math.min(pacing.maxIntervalMs, lastRefreshCost * pacing.costRatio);
    const wait = Math.max(FIRST_REFRESH_MS, lastRefreshAt + interval - performance.now());
    timer = setTimeout(refresh, wait);
  };

  const apply = (bulk: RxChangeEventBulk<unknown>): void => {
    changesSinceRefresh += bulk.events.length;
    for (const event of bulk.events) {
      // Like a query, the view holds live documents only: a tombstone leaves it.
      if (event.operation === 'DELETE') byId.delete(event.documentId);
      else byId.set(event.documentId, event.documentData as unknown as T);
    }
  };

  const subscription = collection.eventBulks$.subscribe((bulk) => {
    if (!isLoaded) {
      early.push(bulk);
      return;
    }
    apply(bulk);
    schedule();
  });


  const readAll = async (): Promise<void> => {
    const parts = options.parts ? await options.parts(collection) : [undefined];
    for (const [index, selector] of parts.entries()) {
      const part = await findAll<T>(collection, selector);
      for (const doc of part) byId.set(doc.id, doc);
      if (index === 0 && parts.length > 1) {
        setFirstPart(part);
        // Let the first part reach the screen before the next read's result lands on the main thread.
        await nextFrame();
      }
    }
  };

  void readAll()
    .then(() => {
      for (const bulk of early.splice(0)) apply(bulk);
      isLoaded = true;
      refresh();
      setLoaded(true);
      setFirstPart(null);
    })
    .catch((failure: unknown) => setError(() => failure));

  onCleanup(() => {
    subscription.unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  });

  return { docs, loaded, error, firstPart };
}

/** After the next frame is painted (or soon, where nothing paints: a hidden tab, a test). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => void setTimeout(resolve, 0);
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(done);
    else done();
  });
}
