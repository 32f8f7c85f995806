/// <reference lib="dom" />
/**
 * The bench page (built by ../bench-page.ts, not part of the app): the baseline of the initial-sync figure.
 * It writes the bench tenant's documents straight into an RxDB database with the app's storage (Dexie on
 * IndexedDB) and the app's schemas (shared COLLECTIONS), with no network, replication or UI in between.
 */
import { COLLECTIONS } from '@vitals/shared';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { benchDocuments } from '../documents';
import type { BulkInsertResult } from '../bench-page';

type AnyDoc = Record<string, unknown> & { id: string };
type Collections = Record<string, RxCollection<AnyDoc>>;

// The app's schemas have versions above 0 (with migration strategies), which need the migration plugin.
addRxPlugin(RxDBMigrationSchemaPlugin);

async function bulkInsert(): Promise<BulkInsertResult> {
  const { accounts, measurements } = benchDocuments();
  const db: RxDatabase<Collections> = await createRxDatabase<Collections>({
    name: `bench_direct_${Date.now()}`,
    // The app's database options, so the only difference left is the replication (and the UI).
    storage: getRxStorageDexie(),
    multiInstance: true,
    eventReduce: true,
  });
  const creators = Object.fromEntries(
    Object.values(COLLECTIONS).map((c) => [
      c.name,
      { schema: c.rxSchema, migrationStrategies: c.migrationStrategies },
    ]),
  );
  await db.addCollections(creators as never);
  const start = performance.now();
  const results = [
    await db.collections.accounts!.bulkInsert(accounts as unknown as AnyDoc[]),
    await db.collections.measurements!.bulkInsert(measurements as unknown as AnyDoc[]),
  ];
  const ms = performance.now() - start;
  const errors = results.reduce((sum, r) => sum + r.error.length, 0);
  const stored =
    (await db.collections.accounts!.count().exec()) + (await db.collections.measurements!.count().exec());
  await db.close();
  document.getElementById('status')!.textContent = 'done';
  return { ms, documents: accounts.length + measurements.length, stored, errors };
}

(window as unknown as { benchBulkInsert: typeof bulkInsert }).benchBulkInsert = bulkInsert;
