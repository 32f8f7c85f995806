/**
 * Replication of every collection with the sync server (DESIGN.md "Sync"): RxDB's pull/push protocol over
 * our HTTP endpoints, live changes from the tenant's Server-Sent Events stream, retry with backoff, and
 * the sync state the UI always shows (online, pending writes, last synced).
 */
import {
  COLLECTION_NAMES,
  PULL_LIMIT_MAX,
  SERVER_WRITTEN_COLLECTIONS,
  SYNC_PROTOCOL_VERSION,
  parseStreamMessage,
  syncRoutes,
  type Checkpoint,
  type CollectionName,
} from '@vitals/shared';
import type { RxReplicationPullStreamItem, RxReplicationWriteToMasterRow } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { request } from '../api/http';
import type { VitalsDatabase } from './database';
import { downloadAll, holdWritesUntil, isFirstDownload, type InitialCheckpoints, type PullPage } from './first-download';
import { pullOverHttp } from './pull-page';
import { syncProblem } from './sync-problem';
import { syncStatus } from './sync-status';
import { whenIdle } from '../idle';

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
  const states: Promise<RxReplicationState<Doc, Checkpoint>>[] = [];
  let stopped = false;

  // One collection at a time, each when the page is idle: starting a replication opens its own stores and
  // reads checkpoints, and doing all eight at once kept the main thread busy while the dashboard first drew.
  // (Each waits for the previous one's turn, not for its first download.)
  let turn: Promise<void> = Promise.resolve();
  for (const name of COLLECTION_NAMES) {
    const stream$ = new Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>();
    streams.set(name, stream$);
    turn = turn.then(whenIdle);
    const isStopped = (): boolean => stopped;
    const identifier = `vitals-${tenantId}-${name}-v${SYNC_PROTOCOL_VERSION}`;
    const transport = httpTransport(tenantId, name, isStopped);
    states.push(turn.then(() => startCollection(db, name, identifier, transport, stream$, isStopped)));
  }

  const events = openStream(tenantId, streams);
  const each = (run: (state: RxReplicationState<Doc, Checkpoint>) => unknown): void => {
    for (const state of states) void state.then(run);
  };
  const onOnline = (): void => {
    syncStatus.setOnline(true);
    each((s) => s.reSync());
  };
  const onOffline = (): void => {
    syncStatus.setOnline(false);
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);

  return {
    resync: () => each((s) => s.reSync()),
    async awaitInitialSync() {
      await Promise.all(states.map(async (s) => (await s).awaitInitialReplication()));
      syncStatus.synced();
    },
    async stop() {
      stopped = true;
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      events.close();
      await Promise.all(states.map(async (s) => (await s).cancel()));
      syncStatus.clearRefusals();
    },
  };
}

/**
 * One collection: on a device that has never held it, a first download (first-download.ts), then RxDB's
 * replication from where that download stopped.
 */
/** How a collection reaches the server: the pull and push endpoints (tests give in-memory ones). */
export interface CollectionTransport {
  readonly pull: PullPage;
  /** The pull endpoint behind `pull`, when it is the server's (a first download then runs in a worker). */
  readonly pullPath?: string;
  readonly push: (rows: RxReplicationWriteToMasterRow<Doc>[]) => Promise<Doc[]>;
}

function httpTransport(tenantId: string, name: CollectionName, stopped: () => boolean): CollectionTransport {
  const routes = syncRoutes(tenantId, name);
  const pull = pullOverHttp(routes.pull);
  return {
    pull(checkpoint, limit) {
      if (stopped()) return Promise.reject(new Error('Sync stopped.'));
      return pull(checkpoint, limit);
    },
    pullPath: routes.pull,
    push: (rows) => request<Doc[]>(routes.push, { method: 'POST', body: rows }),
  };
}

export async function startCollection(
  db: VitalsDatabase,
  name: CollectionName,
  replicationIdentifier: string,
  transport: CollectionTransport,
  stream$: Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>,
  stopped: () => boolean,
): Promise<RxReplicationState<Doc, Checkpoint>> {
  const collection = db.collections[name];
  const pullPage = transport.pull;

  let initial: InitialCheckpoints = {};
  if (await isFirstDownload(collection)) {
    const download = downloadAll(collection, replicationIdentifier, transport, () => syncStatus.synced(), stopped);
    holdWritesUntil(collection, download);
    const result = await download;
    initial = result.checkpoints;
    // Not fatal: the replication below resumes from what was stored, with its own retries.
    if (result.error !== undefined && !stopped()) syncStatus.failed(result.error);
  }

  const state = replicateRxCollection<Doc, Checkpoint>({
    collection,
    replicationIdentifier,
    live: true,
    retryTime: 3000,
    waitForLeadership: false,
    autoStart: !stopped(),
    pull: {
      batchSize: PULL_LIMIT_MAX,
      initialCheckpoint: initial.pull,
      async handler(checkpoint, batchSize) {
        const result = await pullPage(checkpoint ?? null, batchSize);
        return { documents: result.documents, checkpoint: result.checkpoint ?? checkpoint ?? undefined };
      },
      stream$: stream$.asObservable(),
    },
    push: SERVER_WRITTEN_COLLECTIONS.includes(name)
      ? undefined
      : {
          batchSize: PUSH_BATCH,
          initialCheckpoint: initial.push,
          handler: pushReporting(name, transport.push),
        },
  });
  state.sent$.subscribe((doc) => syncStatus.pushed(name, doc.id));
  state.received$.subscribe(() => syncStatus.synced());
  state.error$.subscribe((error) => syncStatus.failed(error));
  return state;
}

/**
 * The push handler, telling the sync state when the server refuses the batch over a plan limit (RxDB's own
 * error drops the refusal's details) and when it takes one again. The error still goes to RxDB, which keeps
 * the writes and retries them.
 */
export function pushReporting(
  name: CollectionName,
  push: CollectionTransport['push'],
): CollectionTransport['push'] {
  return async (rows) => {
    try {
      const conflicts = await push(rows);
      syncStatus.accepted(name);
      return conflicts;
    } catch (error) {
      const problem = syncProblem(error);
      if (problem.kind === 'plan-limit') syncStatus.refused(name, problem);
      throw error;
    }
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
      syncStatus.reachedServer();
    } else if (message.type === 'CHANGES') {
      streams.get(message.collection)?.next({ documents: message.documents as Doc[], checkpoint: message.checkpoint });
    }
  };
  for (const type of ['CHANGES', 'RESYNC', 'HEARTBEAT']) source.addEventListener(type, onMessage as EventListener);
  source.onerror = () => syncStatus.setOnline(navigator.onLine && source.readyState !== EventSource.CLOSED);
  return source;
}
