/**
 * After commit: one change-feed notification per collection written, so open sync streams pull at once. As
 * in a push, a failed notification is logged, not fatal — the write is there, and a stream that missed it
 * catches up at its next change or RESYNC.
 */
import type { CollectionName } from '@vitals/shared';
import type { AppDeps } from '../context';
import type { WrittenDocument } from '../sync/documents';

export interface CollectionWritten {
  readonly collection: CollectionName;
  readonly written: readonly WrittenDocument[];
}

export async function publishWrites(deps: Pick<AppDeps, 'feed' | 'log'>, tenantId: string, writes: readonly CollectionWritten[]): Promise<void> {
  for (const { collection, written } of writes) {
    const last = written.reduce<WrittenDocument | null>((max, doc) => (max === null || doc.seq > max.seq ? doc : max), null);
    if (!last) continue;
    await deps.feed.publish({ tenantId, collection, checkpoint: { id: last.id, seq: last.seq } }).catch((error: unknown) => {
      deps.log.error('change feed publish failed', { tenantId, collection, error });
    });
  }
}
