/**
 * The device database: RxDB on Dexie (IndexedDB), one database per user and tenant, holding every synced
 * collection with the schemas, migration strategies and conflict merge from shared/.
 */
import { COLLECTIONS, MERGERS, isSameState, type CollectionName } from '@vitals/shared';
import { addRxPlugin, createRxDatabase, removeRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';

addRxPlugin(RxDBMigrationSchemaPlugin);

type AnyDoc = Record<string, unknown> & { id: string; _deleted: boolean };
export type VitalsCollections = { [K in CollectionName]: RxCollection<AnyDoc> };
export type VitalsDatabase = RxDatabase<VitalsCollections>;

/** RxDB database names allow lowercase letters, digits and underscores. */
export function databaseName(userId: string, tenantId: string): string {
  const clean = (id: string): string => id.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `vitals_${clean(userId)}_${clean(tenantId)}`;
}

export async function openTenantDatabase(userId: string, tenantId: string): Promise<VitalsDatabase> {
  const db = await createRxDatabase<VitalsCollections>({
    name: databaseName(userId, tenantId),
    storage: getRxStorageDexie(),
    multiInstance: true,
    eventReduce: true,
    // Two tabs of the same user and tenant share one database; closing one must not break the other.
    ignoreDuplicate: false,
    closeDuplicates: true,
  });
  const creators = Object.fromEntries(
    Object.values(COLLECTIONS).map((c) => [
      c.name,
      {
        schema: c.rxSchema as never,
        migrationStrategies: c.migrationStrategies as never,
        conflictHandler: {
          isEqual: (a: object, b: object) => isSameState(a, b),
          resolve: async (input: { newDocumentState: object; realMasterState: object }) =>
            (MERGERS[c.name] as (a: object, b: object) => object)(input.realMasterState, input.newDocumentState),
        },
      },
    ]),
  );
  await db.addCollections(creators as never);
  return db;
}

/** Deletes a tenant's local data from this device (sign-out without "keep offline data"). */
export async function removeTenantDatabase(db: VitalsDatabase): Promise<void> {
  await db.remove();
}

/**
 * Deletes a workspace's local data that is not open in this tab (another workspace of a deleted account):
 * the database by its name, whatever it holds. Deleting one that was never created is a no-op.
 */
export async function removeClosedTenantDatabase(userId: string, tenantId: string): Promise<void> {
  await removeRxDatabase(databaseName(userId, tenantId), getRxStorageDexie());
}
