/** Documents written the way the server itself writes them (seed, imports, raised alerts): no push, no role check. */
import type { CollectionName } from '@vitals/shared';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { writeDocuments, type StoredDocument, type WrittenDocument } from '../sync/documents';
import { lockTenantWrites } from '../sync/tenant-lock';

export async function writeAsServer(
  db: Database,
  options: {
    tenantId: string;
    userId: string;
    collection: CollectionName;
    documents: readonly object[];
    at: Date;
  },
): Promise<WrittenDocument[]> {
  const { tenantId, userId } = options;
  return withScope(db.sql, { tenantId, userId }, async (tx) => {
    await lockTenantWrites(tx, tenantId);
    return writeDocuments(tx, { ...options, documents: options.documents as StoredDocument[] });
  });
}
