/**
 * One device's change stream (server-sent events): `RESYNC` first (the device pulls from its checkpoint,
 * catching up on whatever happened while it was away), then `CHANGES` for every write of its tenant, read
 * as this user and in seq order, and a `HEARTBEAT` every so often.
 *
 * The stream keeps its own position per collection, starting at what had committed when it subscribed, and
 * on each change sends everything after that position. Because writes commit in seq order (tenant-lock.ts),
 * the device's pull after `RESYNC` plus these batches leave no gap, and a change announced twice or lost
 * on the way only delays a batch, never drops one.
 */
import { COLLECTION_NAMES, PULL_LIMIT_MAX, type CollectionName, type StreamMessage } from '@vitals/shared';
import type { Sql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import type { Logger } from '../logger';
import type { Change, ChangeFeed } from './change-feed';
import { readHeads, readPage } from './documents';
import { currentEpoch, stamped } from './epoch';
import { ownerFilter } from './pull';

export interface ChangeStreamOptions {
  readonly sql: Sql;
  readonly feed: ChangeFeed;
  readonly log: Logger;
  readonly tenantId: string;
  readonly userId: string;
  readonly heartbeatMs: number;
  /** Writes one message to the device. */
  readonly send: (message: StreamMessage<unknown>) => Promise<unknown>;
  /** Settles when the device goes away. */
  readonly gone: Promise<void>;
  /** The server is stopping: the stream ends, and the device reconnects (to this server once back, or another). */
  readonly stopping?: AbortSignal;
  /** Asked at every heartbeat: a stream ends when its session is revoked or its membership removed. */
  readonly stillAllowed?: () => Promise<boolean>;
}

/** Runs until the device goes away, the stream's permission ends, or reading fails (logged); then unsubscribes. */
export async function runChangeStream(options: ChangeStreamOptions): Promise<void> {
  const { sql, feed, log, tenantId, userId, send } = options;
  const scope = { tenantId, userId };
  let heads = new Map<CollectionName, number>();

  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  // Tasks run one at a time, in order: positions move forward only, and batches reach the device in seq order.
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  const enqueue = (task: () => Promise<void>): void => {
    queue = queue
      .then(() => (closed ? undefined : task()))
      .catch((error: unknown) => {
        log.error('sync stream failed; the device reconnects and resyncs', { tenantId, error });
        end();
      });
  };

  // The epoch of the checkpoints sent (epoch.ts): a restore happens with the server stopped, so one read per
  // (re)synced stream is enough.
  let epoch = '';
  const resync = async (): Promise<void> => {
    [heads, epoch] = await withScope(sql, scope, (tx) => Promise.all([readHeads(tx, tenantId, COLLECTION_NAMES), currentEpoch(tx)]));
    await send({ type: 'RESYNC' });
  };

  const forward = async ({ collection, checkpoint }: Change): Promise<void> => {
    let head = heads.get(collection) ?? 0;
    if (checkpoint.seq <= head) return;
    for (;;) {
      const page = await withScope(sql, scope, (tx) =>
        readPage(tx, {
          tenantId,
          collection,
          after: { id: '', seq: head },
          limit: PULL_LIMIT_MAX,
          ownedBy: ownerFilter(collection, userId),
        }),
      );
      if (!page.last) return;
      head = page.last.seq;
      heads.set(collection, head);
      const documents = page.documents.map((text) => JSON.parse(text) as unknown);
      await send({ type: 'CHANGES', collection, documents, checkpoint: stamped(page.last, epoch) });
      if (page.documents.length < PULL_LIMIT_MAX) return;
    }
  };

  // Queued before subscribing, so the positions are read after the subscription exists: nothing that
  // commits in between can fall through.
  enqueue(resync);
  const unsubscribe = feed.subscribe(tenantId, (event) =>
    enqueue(() => (event.type === 'resync' ? resync() : forward(event.change))),
  );
  const heartbeat = setInterval(() => {
    enqueue(async () => {
      if (options.stillAllowed && !(await options.stillAllowed())) return end();
      await send({ type: 'HEARTBEAT' });
    });
  }, options.heartbeatMs);
  try {
    if (options.stopping?.aborted) return;
    options.stopping?.addEventListener('abort', end);
    await Promise.race([options.gone, ended]);
  } finally {
    options.stopping?.removeEventListener('abort', end);
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  }
}
