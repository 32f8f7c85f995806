/**
 * The change feed across server instances: every publish is also a NOTIFY on one channel, and every
 * instance LISTENs on it. The publishing instance delivers to its own streams directly and ignores its
 * own notification when it comes back, so no stream hears a change twice.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { COLLECTION_NAMES, checkpointSchema } from '@vitals/shared';
import type { Sql } from '../db/connect';
import type { Logger } from '../logger';
import type { ChangeFeed } from './change-feed';
import { createInProcessFeed } from './in-process-feed';

export const CHANGE_CHANNEL = 'vitals_sync_changes';

const notificationSchema = v.strictObject({
  origin: v.string(),
  tenantId: v.pipe(v.string(), v.uuid()),
  collection: v.picklist(COLLECTION_NAMES),
  checkpoint: checkpointSchema,
});

export async function createPostgresFeed(
  sql: Sql,
  log: Logger,
  options: { channel?: string } = {},
): Promise<ChangeFeed> {
  const channel = options.channel ?? CHANGE_CHANNEL;
  const origin = randomUUID();
  const local = createInProcessFeed(log);
  let listening = false;

  const onNotify = (payload: string): void => {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      json = null;
    }
    const parsed = v.safeParse(notificationSchema, json);
    if (!parsed.success) {
      log.warn('ignored a malformed change notification', { channel, payload: payload.slice(0, 200) });
      return;
    }
    const { origin: from, ...change } = parsed.output;
    if (from !== origin) local.deliver(change);
  };
  // postgres.js runs this after the first LISTEN and again after every reconnect of the listening
  // connection; notifications sent while it was down are gone, so every stream resyncs.
  const onListen = (): void => {
    if (listening) {
      log.warn('change feed reconnected: streams resync');
      local.broadcast({ type: 'resync' });
    }
    listening = true;
  };
  const subscription = await sql.listen(channel, onNotify, onListen);

  return {
    async publish(change) {
      local.deliver(change);
      await sql.notify(channel, JSON.stringify({ origin, ...change }));
    },
    subscribe: (tenantId, listener) => local.subscribe(tenantId, listener),
    async close() {
      await subscription.unlisten();
      await local.close();
    },
  };
}
