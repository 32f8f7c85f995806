/**
 * Replication of every collection with the sync server (DESIGN.md "Sync"): RxDB's pull/push protocol over
 * our HTTP endpoints, live changes from the tenant's Server-Sent Events stream, retry with backoff, and
 * the sync state the UI always shows (online, pending writes, last synced).
 */
import {
  COLLECTION_NAMES,
  PULL_LIMIT_MAX,
  SYNC_PROTOCOL_VERSION,
  parseStreamMessage,
  serializeCheckpoint,
  syncRoutes,
  type Checkpoint,
  type CollectionName,
} from '@vitals/shared';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { request } from '../api/http';
import type { VitalsDatabase } from './database';
import { syncStatus } from './sync-status';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

export interface SyncHandle {
  /** Pull everything now (after coming back online, or on demand). */
  resync(): void;
  /** Resolves once every collection finished its first pull (for the first start on a device). */
  awaitInitialSync(): Promise<void>;
  stop(): Promise<void>;
}

const PUSH_BATCH = 100;

export function startSync(db: VitalsDatabase, tenantId: string): SyncHandle {
  const streams = new Map<CollectionName, Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>>();
  const states: RxReplicationState<Doc, Checkpoint>[] = [];

  for (const name of COLLECTION_NAMES) {
    const routes = syncRoutes(tenantId, name);
    const stream$ = new Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>();
    streams.set(name, stream$);
    const state = replicateRxCollection<Doc, Checkpoint>({
      collection: db.collections[name],
      replicationIdentifier: `vitals-${tenantId}-${name}-v${SYNC_PROTOCOL_VERSION}`,
      live: true,
      retryTime: 3000,
      waitForLeadership: false,
      pull: {
        batchSize: PULL_LIMIT_MAX,
        async handler(checkpoint, batchSize) {
          const query = new URLSearchParams({ limit: String(batchSize) });
          if (checkpoint) query.set('checkpoint', serializeCheckpoint(checkpoint));
          const result = await request<{ documents: Doc[]; checkpoint: Checkpoint | null }>(`${routes.pull}?${query}`);
          return { documents: result.documents, checkpoint: result.checkpoint ?? checkpoint ?? undefined };
        },
        stream$: stream$.asObservable(),
      },
      push: {
        batchSize: PUSH_BATCH,
        async handler(rows) {
          return request<Doc[]>(routes.push, { method: 'POST', body: rows });
        },
      },
    });
    state.sent$.subscribe((doc) => syncStatus.pushed(name, doc.id));
    state.received$.subscribe(() => syncStatus.synced());
    state.error$.subscribe((error) => syncStatus.failed(error));
    states.push(state);
  }

  const events = openStream(tenantId, streams);
  const onOnline = (): void => {
    syncStatus.setOnline(true);
    for (const s of states) s.reSync();
  };
  const onOffline = (): void => {
    syncStatus.setOnline(false);
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);

  return {
    resync: () => {
      for (const s of states) s.reSync();
    },
    async awaitInitialSync() {
      await Promise.all(states.map((s) => s.awaitInitialReplication()));
      syncStatus.synced();
    },
    async stop() {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      events.close();
      await Promise.all(states.map((s) => s.cancel()));
    },
  };
}

/** The tenant's live change stream; the browser reconnects by itself and the server then says RESYNC. */
function openStream(
  tenantId: string,
  streams: Map<CollectionName, Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>>,
): EventSource {
  const url = `${syncRoutes(tenantId, 'accounts').stream}?protocol=${SYNC_PROTOCOL_VERSION}`;
  const source = new EventSource(url);
  const onMessage = (event: MessageEvent<string>): void => {
    const message = parseStreamMessage(event.data);
    if (!message) return;
    if (message.type === 'RESYNC') {
      for (const stream$ of streams.values()) stream$.next('RESYNC');
      syncStatus.setOnline(true);
    } else if (message.type === 'CHANGES') {
      streams.get(message.collection)?.next({ documents: message.documents as Doc[], checkpoint: message.checkpoint });
    }
  };
  for (const type of ['CHANGES', 'RESYNC', 'HEARTBEAT']) source.addEventListener(type, onMessage as EventListener);
  source.onerror = () => syncStatus.setOnline(navigator.onLine && source.readyState !== EventSource.CLOSED);
  return source;
}
