/**
 * The one place that reaches under RxDB into its Dexie storage (IndexedDB), for the two paths where RxDB's own
 * is too slow for 50,000 documents: the first download (first-download.ts) and the start-up read
 * (find-all.ts). rxdb is pinned to one version for this; the e2e suite covers both paths.
 */
import type { EventBulk, RxCollection, RxStorageChangeEvent } from 'rxdb';
import { RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';

export type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

/** RxDB's Dexie storage instance of a collection, with the parts we use. */
export interface DexieStorage {
  readonly internals: RxStorageInstanceDexie<Doc>['internals'];
  /** Where RxDB's bulkWrite announces its writes (private in the typings). */
  readonly changes$: { next(bulk: EventBulk<RxStorageChangeEvent<Doc>, unknown>): void };
}

/** The Dexie storage under RxDB's wrapper. */
export function dexieStorage(collection: RxCollection): DexieStorage {
  const wrapped = collection.storageInstance as unknown as { originalStorageInstance?: unknown };
  if (!(wrapped.originalStorageInstance instanceof RxStorageInstanceDexie)) {
    throw new Error('RxDB storage layout changed: no Dexie storage under the collection');
  }
  return wrapped.originalStorageInstance as unknown as DexieStorage;
}
