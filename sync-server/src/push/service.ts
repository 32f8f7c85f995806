/**
 * The push service of one process (outbound/types.ts `PushService`): the VAPID key, and sending one payload to
 * every device of some people at once. Each device's outcome is written back: a success dates the device
 * (`lastSuccessAt`, shown in Settings), a 404/410 removes it so it is never tried again.
 */
import { encodePushPayload, type PushPayload } from '@vitals/shared';
import type { BaseDeps } from '../context';
import { withScope } from '../db/tenant-scope';
import type { Logger } from '../logger';
import type { PushAttemptOutcome, PushReport, PushService } from '../outbound/types';
import { resolveWithDns, sendRefusal, type ResolveHost } from './endpoint';
import { buildPushRequest, deliver, MAX_PUSH_BODY_BYTES, type DeliveryOptions, type Urgency } from './send';
import {
  markDelivered,
  removeGoneSubscription,
  subscriptionsOfUsers,
  type StoredSubscription,
} from './subscriptions';
import { loadVapidKeys, type VapidKeys, type VapidKeySource } from './vapid';

export interface PushServiceOptions {
  /** Waits before each retry of a 429/5xx/network failure (default 1 s, 5 s, 30 s: four attempts). */
  readonly retryDelaysMs?: readonly number[];
  readonly fetch?: typeof fetch;
  /** Per request (default 10 s). */
  readonly timeoutMs?: number;
  /** How long a push service keeps an undelivered message (default 24 h: an alert older than that is stale). */
  readonly ttlSeconds?: number;
  /** Longest `Retry-After` honoured (default 60 s); a longer one is cut to this. */
  readonly maxRetryAfterMs?: number;
  /** Host name lookup for the private-address check before each send (default: DNS). */
  readonly resolveHost?: ResolveHost;
}

const DEFAULTS = {
  retryDelaysMs: [1000, 5000, 30_000],
  timeoutMs: 10_000,
  ttlSeconds: 24 * 60 * 60,
  maxRetryAfterMs: 60_000,
} as const;

interface Attempt {
  readonly subscriptionId: string;
  readonly outcome: PushAttemptOutcome;
  readonly status: number | null;
}

export function createPushService(deps: BaseDeps, options: PushServiceOptions = {}): PushService {
  const delivery: DeliveryOptions = {
    retryDelaysMs: options.retryDelaysMs ?? DEFAULTS.retryDelaysMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  };
  const ttlSeconds = options.ttlSeconds ?? DEFAULTS.ttlSeconds;
  const resolveHost = options.resolveHost ?? resolveWithDns;
  const log = deps.log.child({ component: 'push' });

  // Loaded once per process; a failure (database down) is not remembered, so the next call tries again.
  let keys: Promise<VapidKeySource> | null = null;
  function vapidKeys(): Promise<VapidKeySource> {
    keys ??= loadVapidKeys(deps.db.sql, deps.config.outbound).catch((error: unknown) => {
      keys = null;
      throw error;
    });
    return keys;
  }

  async function sendOne(
    subscription: StoredSubscription,
    payload: string,
    vapid: VapidKeys,
    urgency: Urgency,
  ): Promise<Attempt> {
    const logger = log.child({
      subscriptionId: subscription.id,
      host: URL.parse(subscription.endpoint)?.host ?? null,
    });
    const failed: Attempt = { subscriptionId: subscription.id, outcome: 'failed', status: null };
    try {
      const refusal = await sendRefusal(
        subscription.endpoint,
        { allowPrivate: deps.config.outbound.allowPrivateDestinations },
        resolveHost,
      );
      if (refusal !== null) {
        logger.warn('push not sent: endpoint refused', { reason: refusal });
        return failed;
      }
      const request = buildPushRequest(subscription, payload, {
        vapid,
        subject: deps.config.outbound.vapidSubject,
        ttlSeconds,
        urgency,
      });
      if (request.body.byteLength > MAX_PUSH_BODY_BYTES) {
        logger.error('push not sent: encrypted payload exceeds the push size limit', {
          bytes: request.body.byteLength,
        });
        return failed;
      }
      const result = await deliver(request, delivery, logger);
      // The message went (or the device is gone) whatever the database says next: the outcome stands.
      await recordOutcome(subscription.id, result.outcome, logger).catch((error: unknown) =>
        logger.error('push outcome not recorded', { outcome: result.outcome, error }),
      );
      return { subscriptionId: subscription.id, outcome: result.outcome, status: result.status };
    } catch (error) {
      logger.error('push not sent', { error });
      return failed;
    }
  }

  /** Written back in its own transaction per device, so one failure does not undo the others. */
  async function recordOutcome(
    subscriptionId: string,
    outcome: PushAttemptOutcome,
    logger: Logger,
  ): Promise<void> {
    if (outcome === 'failed') return;
    await withScope(deps.db.sql, {}, (tx) =>
      outcome === 'sent'
        ? markDelivered(tx, subscriptionId, deps.now())
        : removeGoneSubscription(tx, subscriptionId),
    );
    if (outcome === 'gone') logger.info('push subscription gone: removed');
  }

  return {
    async vapidPublicKey() {
      const { keys: pair, generated } = await vapidKeys();
      return { publicKey: pair.publicKey, generated };
    },

    async sendToUsers(userIds, payload: PushPayload): Promise<PushReport> {
      try {
        const { keys: vapid } = await vapidKeys();
        const subscriptions = await withScope(deps.db.sql, {}, (tx) => subscriptionsOfUsers(tx, userIds));
        const text = encodePushPayload(payload);
        // Critical alerts may wake a sleeping phone; the rest can wait for the device's next convenient moment.
        const urgency: Urgency = payload.severity === 'critical' ? 'high' : 'normal';
        const attempts = await Promise.all(subscriptions.map((s) => sendOne(s, text, vapid, urgency)));
        return { attempts };
      } catch (error) {
        log.error('push not sent to anyone', { users: userIds.length, type: payload.type, error });
        return { attempts: [] };
      }
    },
  };
}
