/** A device's side of the sync protocol for tests: pull and push through `app.request()`, signed in. */
import type { Hono } from 'hono';
import {
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  type Checkpoint,
  type CollectionName,
} from '@vitals/shared';
import type { AppEnv } from '../context';
import { TEST_ORIGIN } from './app';

export type Doc = Record<string, unknown> & { id: string; _deleted: boolean; seq?: number };

/** Where a pulled checkpoint is in the change feed: the feed's notifications carry no epoch (sync/epoch.ts). */
export function feedPosition(checkpoint: Checkpoint | null): Checkpoint | null {
  return checkpoint && { id: checkpoint.id, seq: checkpoint.seq };
}

export interface PullResult {
  readonly documents: Doc[];
  readonly checkpoint: Checkpoint | null;
}

export interface PushRow {
  readonly assumedMasterState?: Doc;
  readonly newDocumentState: Doc;
}

export interface SyncClient {
  /** The raw response, for status and error checks. */
  pullResponse(
    collection: string,
    options?: { checkpoint?: Checkpoint | string | null; limit?: number },
  ): Promise<Response>;
  pushResponse(collection: string, rows: unknown): Promise<Response>;
  /** One page; fails the test unless it answered 200. */
  pull(
    collection: CollectionName,
    options?: { checkpoint?: Checkpoint | null; limit?: number },
  ): Promise<PullResult>;
  /** The conflicts; fails the test unless it answered 200. */
  push(collection: CollectionName, rows: readonly PushRow[]): Promise<Doc[]>;
  /** Every page from a checkpoint to the end. */
  pullAll(
    collection: CollectionName,
    options?: { checkpoint?: Checkpoint | null; limit?: number },
  ): Promise<PullResult>;
}

export function syncClient(app: Hono<AppEnv>, tenantId: string, cookie: string): SyncClient {
  const headers = { cookie, origin: TEST_ORIGIN, [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) };
  const base = `/api/tenants/${tenantId}/sync`;
  const ok = async <T>(response: Response): Promise<T> => {
    if (response.status !== 200)
      throw new Error(`Expected 200, got ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const client: SyncClient = {
    async pullResponse(collection, options = {}) {
      const query = new URLSearchParams({ limit: String(options.limit ?? 100) });
      const { checkpoint } = options;
      if (checkpoint)
        query.set('checkpoint', typeof checkpoint === 'string' ? checkpoint : JSON.stringify(checkpoint));
      return app.request(`${base}/${collection}/pull?${query}`, { headers });
    },
    async pushResponse(collection, rows) {
      return app.request(`${base}/${collection}/push`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(rows),
      });
    },
    pull: async (collection, options) => ok<PullResult>(await client.pullResponse(collection, options)),
    push: async (collection, rows) => ok<Doc[]>(await client.pushResponse(collection, rows)),
    async pullAll(collection, options = {}) {
      const documents: Doc[] = [];
      let checkpoint = options.checkpoint ?? null;
      for (;;) {
        const page = await client.pull(collection, { checkpoint, limit: options.limit ?? 100 });
        documents.push(...page.documents);
        if (page.documents.length === 0) return { documents, checkpoint };
        checkpoint = page.checkpoint;
      }
    },
  };
  return client;
}
