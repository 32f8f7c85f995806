/**
 * Bulk insert of documents into the sync table, for seeding and imports before anyone pulls: one
 * statement per chunk instead of one round trip per document.
 */
import type { TransactionSql } from '../db/connect';

const CHUNK = 500;

export async function insertDocuments(
  tx: TransactionSql,
  options: { tenantId: string; collection: string; documents: readonly { id: string; _deleted?: boolean }[]; userId: string | null },
): Promise<number> {
  const { tenantId, collection, documents, userId } = options;
  for (let i = 0; i < documents.length; i += CHUNK) {
    const chunk = documents.slice(i, i + CHUNK);
    // Rows keep their array order, so seq follows the order the documents were given in.
    await tx`
      insert into sync_documents (tenant_id, collection, id, data, deleted, seq, updated_by)
      select ${tenantId}, ${collection}, d->>'id', d, coalesce((d->>'_deleted')::boolean, false), nextval('sync_seq'), ${userId}
      from jsonb_array_elements(${tx.json(chunk as never)}::jsonb) with ordinality as t(d, n)
      order by n`;
  }
  return documents.length;
}
