/**
 * A pull: the documents of a collection written after a checkpoint, as the response's JSON text. A checkpoint of
 * an earlier sync epoch (before a restore) is refused with `epoch-changed` (epoch.ts).
 */
import { serializeCheckpoint, type Checkpoint, type CollectionName } from '@vitals/shared';
import type { Sql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { readPage } from './documents';
import { checkEpoch, currentEpoch, stamped } from './epoch';

export interface PullInput {
  readonly tenantId: string;
  readonly userId: string;
  readonly collection: CollectionName;
  readonly checkpoint: Checkpoint | null;
  readonly limit: number;
}

/** Assistant conversations are private to their user; everything else is readable by every member. */
export function ownerFilter(collection: CollectionName, userId: string): string | undefined {
  return collection === 'conversations' ? userId : undefined;
}

/**
 * `{ documents, checkpoint }` (shared/src/sync/protocol.ts). Built as text around the stored JSON: an
 * initial pull is 50,000 documents, and parsing each just to serialise it again would be most of the work.
 */
export async function pullDocuments(sql: Sql, input: PullInput): Promise<string> {
  const { tenantId, userId, collection, checkpoint, limit } = input;
  const { page, epoch } = await withScope(sql, { tenantId, userId }, async (tx) => {
    const epoch = await currentEpoch(tx);
    checkEpoch(checkpoint, epoch);
    const page = await readPage(tx, {
      tenantId,
      collection,
      after: checkpoint,
      limit,
      ownedBy: ownerFilter(collection, userId),
    });
    return { page, epoch };
  });
  // An empty batch returns the incoming checkpoint, so a device never moves backwards.
  const next = page.last ?? checkpoint;
  return `{"documents":[${page.documents.join(',')}],"checkpoint":${next ? serializeCheckpoint(stamped(next, epoch)) : 'null'}}`;
}
