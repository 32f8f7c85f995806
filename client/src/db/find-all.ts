/**
 * Every document of a collection matching a selector, read in one IndexedDB request.
 *
 * Why not `collection.find(…).exec()`: RxDB's Dexie storage walks the index with a cursor, one round trip to
 * the browser's database process per document, then wraps each in an RxDocument. At start-up on a device with
 * 50,000 measurements the page waited most of a second on that walk with its thread idle. Here the same query
 * plan (RxDB's own, so the same index and bounds) is answered by a single `getAll`, and the documents come back
 * as the plain objects RxDB's change events carry, which is what the screens hold.
 *
 * Also the first and last live document in the order of an index (`indexEnds`): two requests, where RxDB needs
 * a full sort for a descending order.
 */
import { getQueryMatcher, type MangoQuerySelector, type RxCollection } from 'rxdb';
import { dexieReplaceIfStartsWithPipe, fromDexieToStorage, getKeyRangeByQueryPlan } from 'rxdb/plugins/storage-dexie';
import { dexieStorage, type Doc } from './dexie-storage';

type Selector = MangoQuerySelector<Record<string, unknown>>;

/** RxDB's plan for a query, as its Dexie storage would run it: the index, the key range (null: matches nothing). */
async function planned(collection: RxCollection, query: { selector: Selector; sort?: { [field: string]: 'asc' }[] }) {
  const prepared = collection.find(query).getPreparedQuery();
  const plan = prepared.queryPlan;
  const { dexieDb, booleanIndexes } = await dexieStorage(collection).internals;
  let range: IDBKeyRange | null;
  try {
    range = getKeyRangeByQueryPlan(booleanIndexes, plan, IDBKeyRange);
  } catch (error) {
    // As RxDB's own query: bounds IndexedDB cannot express match nothing.
    if (!(error instanceof DOMException && error.name === 'DataError')) throw error;
    range = null;
  }
  const indexName = `[${plan.index.map((field) => dexieReplaceIfStartsWithPipe(field)).join('+')}]`;
  const index = (): IDBIndex => dexieDb.backendDB().transaction('docs', 'readonly').objectStore('docs').index(indexName);
  const toDocument = (row: unknown): Doc => fromDexieToStorage(booleanIndexes, row as never) as Doc;
  const matches = plan.selectorSatisfiedByIndex ? null : getQueryMatcher(collection.schema.jsonSchema, prepared.query as never);
  return { range, index, toDocument, matches };
}

function answer<T>(request: IDBRequest<T>, collection: RxCollection): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Could not read ${collection.name}.`));
  });
}

export async function findAll<T>(collection: RxCollection, selector: Selector = {}): Promise<T[]> {
  const { range, index, toDocument, matches } = await planned(collection, { selector });
  if (!range) return [];
  const documents = (await answer(index().getAll(range), collection)).map(toDocument);
  return (matches ? documents.filter((doc) => matches(doc as never)) : documents) as unknown as T[];
}

/**
 * The first and the last live document in the order of `field` (an indexed field), or null when there is
 * none.
 */
export async function indexEnds<T>(collection: RxCollection, field: string): Promise<{ first: T; last: T } | null> {
  const { range, index, toDocument } = await planned(collection, { selector: {}, sort: [{ [field]: 'asc' }] });
  if (!range) return null;
  const end = async (direction: IDBCursorDirection): Promise<T | null> => {
    const cursor = await answer(index().openCursor(range, direction), collection);
    return cursor ? (toDocument(cursor.value) as unknown as T) : null;
  };
  const [first, last] = await Promise.all([end('next'), end('prev')]);
  return first && last ? { first, last } : null;
}
