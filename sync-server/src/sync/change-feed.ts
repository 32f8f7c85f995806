/**
 * The change feed: how a write reaches every open sync stream of its tenant. One interface, two
 * implementations: an in-process emitter (enough for one process, and the only option on the embedded
 * database, whose socket does not forward NOTIFY), and PostgreSQL LISTEN/NOTIFY on a real server, so that
 * every sync server instance hears every write and the instances stay stateless.
 *
 * A change says only *that* a collection moved and to which checkpoint: each stream reads the documents
 * itself, as its own user, so the feed never carries data (NOTIFY payloads stop at 8000 bytes) and a
 * lost or repeated notification cannot put a wrong document on a device.
 */
import type { Checkpoint, CollectionName } from '@vitals/shared';
import type { Database } from '../db/connect';
import type { Logger } from '../logger';
import { createInProcessFeed } from './in-process-feed';
import { createPostgresFeed } from './postgres-feed';

export interface Change {
  readonly tenantId: string;
  readonly collection: CollectionName;
  /** The checkpoint of the last document written. */
  readonly checkpoint: Checkpoint;
}

/**
 * `resync`: notifications may have been missed (the LISTEN connection dropped and came back), so every
 * stream tells its device to pull from its checkpoint.
 */
export type FeedEvent = { readonly type: 'change'; readonly change: Change } | { readonly type: 'resync' };

export type FeedListener = (event: FeedEvent) => void;

export interface ChangeFeed {
  /** Call after the write has committed: a listener reacts by reading it. */
  publish(change: Change): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(tenantId: string, listener: FeedListener): () => void;
  close(): Promise<void>;
}

export function createChangeFeed(db: Database, log: Logger): Promise<ChangeFeed> {
  return db.kind === 'server' ? createPostgresFeed(db.sql, log) : Promise.resolve(createInProcessFeed(log));
}
