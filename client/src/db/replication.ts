/**
 * Replication of every collection with the sync server (DESIGN.md "Sync"): RxDB's pull/push protocol over
 * our HTTP endpoints, live changes from the tenant's Server-Sent Events stream, retry with backoff, and
 * the sync state the UI always shows (online, pending writes, last synced). After a restore on the server (a
 * new sync epoch) every collection's replication starts over (see `storedEpoch`).
 */
import {
  COLLECTION_NAMES,
  PULL_LIMIT_MAX,
  SERVER_WRITTEN_COLLECTIONS,
  SYNC_PROTOCOL_VERSION,
  SYNC_REASONS,
  parseStreamMessage,
  syncRoutes,
  type Checkpoint,
  type CollectionName,
} from '@vitals/shared';
import type { RxReplicationPullStreamItem, RxReplicationWriteToMasterRow } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { HttpError, request } from '../api/http';
import type { VitalsDatabase } from './database';
import type { Doc } from './dexie-storage';
import { downloadAll, holdWritesUntil, isFirstDownload, type InitialCheckpoints, type PullPage } from './first-download';
import { pullOverHttp } from './pull-page';
import { syncProblem } from './sync-problem';
import { syncStatus } from './sync-status';
import { whenIdle } from '../idle';


export interface SyncHandle {
  /** Pull everything now (after coming back online, or on demand). */
  resync(): void;
  /** Resolves once every collection finished its first pull (for the first start on a device). */
  awaitInitialSync(): Promise<void>;
  stop(): Promise<void>;
}

const PUSH_BATCH = 100;

type Streams = Map<CollectionName, Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>>;

/** One replication of every collection, under one set of identifiers. */
interface Run {
  readonly states: Promise<RxReplicationState<Doc, Checkpoint>>[];
  stopped: boolean;
}

/**
 * The server's sync epoch this device last replicated in (null: the first one it met). A restore on the server
 * starts a new epoch (shared/src/sync/protocol.ts, `epoch-changed`), and the replication starts over under
 * new identifiers: RxDB then pulls everything and pushes everything it holds, so what the restored server
 * lost comes back from the devices. Kept beside the device database; were it lost, the next pull of an old
 * checkpoint says `epoch-changed` again and names the epoch.
 */
const epochKey = (db: VitalsDatabase): string => `vitals.sync-epoch.${db.name}`;
function storedEpoch(db: VitalsDatabase): string | null {
  try {
    return localStorage.getItem(epochKey(db));
  } catch {
    return null;
  }
}
function storeEpoch(db: VitalsDatabase, epoch: string): void {
  try {
    localStorage.setItem(epochKey(db), epoch);
  } catch {
    // Private mode or a full disk: the replication still restarts now; a later start asks again.
  }
}

export function replicationIdentifier(tenantId: string, name: CollectionName, epoch: string | null): string {
  return `vitals-${tenantId}-${name}-v${SYNC_PROTOCOL_VERSION}${epoch === null ? '' : `-e${epoch}`}`;
}

export function startSync(db: VitalsDatabase, tenantId: string): SyncHandle {
  const streams: Streams = new Map(COLLECTION_NAMES.map((name) => [name, new Subject()]));
  let epoch = storedEpoch(db);
  // The epoch the server's answers are of: the stored one, or else the first one a pull names.
  let known = epoch;
  let stopped = false;
  const startOver = (next: string): void => {
    if (stopped || next === epoch) return;
    epoch = next;
    known = next;
    storeEpoch(db, next);
    const previous = run;
    previous.stopped = true;
    run = startRun(db, tenantId, streams, epoch, epochs);
    // The old replications' bookkeeping (a copy of every document as last pulled) is of no further use.
    void Promise.all(previous.states.map(async (s) => (await s).remove())).catch((error: unknown) => syncStatus.failed(error));
  };
  const epochs: EpochWatch = {
    seen(next) {
      if (known === null) known = next;
      else if (next !== known) startOver(next);
    },
    changed: startOver,
  };
  let run = startRun(db, tenantId, streams, epoch, epochs);

  // Changes of another epoch than the one replicated (the server was restored and restarted) must not move
  // the checkpoints of this one: start over instead.
  const events = openStream(tenantId, streams, (changesEpoch) => {
    if (known !== null && changesEpoch !== known) {
      startOver(changesEpoch);
      return false;
    }
    return true;
  });
  const each = (action: (state: RxReplicationState<Doc, Checkpoint>) => unknown): void => {
    for (const state of run.states) void state.then(action);
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
      await Promise.all(run.states.map(async (s) => (await s).awaitInitialReplication()));
      syncStatus.synced();
    },
    async stop() {
      stopped = true;
      run.stopped = true;
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      events.close();
      await Promise.all(run.states.map(async (s) => (await s).cancel()));
      syncStatus.clearRefusals();
    },
  };
}

/**
 * Starts every collection's replication, one at a time, each when the page is idle: starting a replication
 * opens its own stores and reads checkpoints, and doing all eight at once kept the main thread busy while the
 * dashboard first drew. (Each waits for the previous one's turn, not for its first download.)
 */
function startRun(
  db: VitalsDatabase,
  tenantId: string,
  streams: Streams,
  epoch: string | null,
  epochs: EpochWatch,
): Run {
  const run: Run = { states: [], stopped: false };
  const isStopped = (): boolean => run.stopped;
  let turn: Promise<void> = Promise.resolve();
  for (const name of COLLECTION_NAMES) {
    turn = turn.then(whenIdle);
    const identifier = replicationIdentifier(tenantId, name, epoch);
    const transport = httpTransport(tenantId, name, isStopped);
    const stream$ = streams.get(name)!;
    run.states.push(turn.then(() => startCollection(db, name, identifier, transport, stream$, isStopped, epochs)));
  }
  return run;
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

/** What the replication tells about the server's sync epoch (see `storedEpoch`). */
export interface EpochWatch {
  /** A pull answered with a checkpoint of this epoch. */
  seen(epoch: string): void;
  /** A pull was refused: the device's checkpoint is of an earlier epoch; this is the current one. */
  changed(epoch: string): void;
}

export async function startCollection(
  db: VitalsDatabase,
  name: CollectionName,
  replicationIdentifier: string,
  transport: CollectionTransport,
  stream$: Subject<RxReplicationPullStreamItem<Doc, Checkpoint>>,
  stopped: () => boolean,
  epochs?: EpochWatch,
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
        let result;
        try {
          result = await pullPage(checkpoint ?? null, batchSize);
        } catch (error) {
          const epoch = epochChangedTo(error);
          if (epoch !== null) epochs?.changed(epoch);
          throw error;
        }
        if (result.checkpoint?.epoch !== undefined) epochs?.seen(result.checkpoint.epoch);
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

/** The current epoch, when the error is the server's `epoch-changed` refusal. */
function epochChangedTo(error: unknown): string | null {
  if (!(error instanceof HttpError) || error.code !== SYNC_REASONS.EPOCH_CHANGED) return null;
  const epoch = (error.details as { epoch?: unknown } | undefined)?.epoch;
  return typeof epoch === 'string' ? epoch : null;
}

/** After a plan-limit refusal the batch is offered again after this long, doubling up to PLAN_LIMIT_RETRY_MAX_MS. */
const PLAN_LIMIT_RETRY_MS = 3_000;
const PLAN_LIMIT_RETRY_MAX_MS = 60_000;

/**
 * The push handler, telling the sync state when the server refuses the batch over a plan limit (RxDB's own
 * error drops the refusal's details) and when it takes one again. The error still goes to RxDB, which keeps
 * the writes and retries them every few seconds; while a refusal stands, those retries are answered here with
 * the same refusal, and only one in a growing interval (3 s, doubling to 1 min) asks the server again: a
 * phone over its plan should not send the same batch twenty times a minute. An upgrade therefore shows within
 * a minute.
 */
export function pushReporting(
  name: CollectionName,
  push: CollectionTransport['push'],
  now: () => number = Date.now,
): CollectionTransport['push'] {
  let refused: { error: unknown; until: number; waitMs: number } | null = null;
  return async (rows) => {
    if (refused && now() < refused.until) throw refused.error;
    try {
      const conflicts = await push(rows);
      refused = null;
      syncStatus.accepted(name);
      return conflicts;
    } catch (error) {
      const problem = syncProblem(error);
      if (problem.kind === 'plan-limit') {
        const waitMs = refused ? Math.min(refused.waitMs * 2, PLAN_LIMIT_RETRY_MAX_MS) : PLAN_LIMIT_RETRY_MS;
        refused = { error, until: now() + waitMs, waitMs };
        syncStatus.refused(name, problem);
      }
      throw error;
    }
  };
}

/** The tenant's live change stream; the browser reconnects by itself and the server then says RESYNC. */
function openStream(
  tenantId: string,
  streams: Streams,
  /** Whether changes of this epoch go to the replication (false: it was started over instead). */
  acceptEpoch: (epoch: string) => boolean,
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
      const { epoch } = message.checkpoint;
      if (epoch !== undefined && !acceptEpoch(epoch)) return;
      streams.get(message.collection)?.next({ documents: message.documents as Doc[], checkpoint: message.checkpoint });
    }
  };
  for (const type of ['CHANGES', 'RESYNC', 'HEARTBEAT']) source.addEventListener(type, onMessage as EventListener);
  source.onerror = () => syncStatus.setOnline(navigator.onLine && source.readyState !== EventSource.CLOSED);
  return source;
}
