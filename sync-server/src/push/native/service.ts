/**
 * Push to the mobile apps (mobile-shell/), whose WebViews have no Web Push: the same payloads the alert engine
 * gives Web Push, sent through FCM to every app a person registered (FCM passes iOS messages on to APNs).
 * `withNativePush` puts it beside Web Push behind the one `PushService`, so whoever pushes (the alert engine,
 * after the muted rules and quiet hours; the test message) reaches browsers and apps alike.
 *
 * Without FCM_SERVICE_ACCOUNT it is off: it says so once in the log and sends nothing. A key that cannot be
 * read is logged as an error on each send, since the operator meant push to be on.
 */
import type { PushPayload } from '@vitals/shared';
import type { BaseDeps } from '../../context';
import { withScope } from '../../db/tenant-scope';
import type { Logger } from '../../logger';
import type { PushAttemptOutcome, PushReport, PushService } from '../../outbound/types';
import { createAccessTokens } from './access-token';
import { fcmMessage, sendFcm, type FcmSendOptions } from './fcm';
import { loadServiceAccount } from './service-account';
import {
  markNativeDelivered,
  nativeTokensOfUsers,
  removeGoneNativeToken,
  type StoredNativeToken,
} from './tokens';

export interface NativePushOptions {
  /** Waits before each retry of a 429/5xx/network failure (default 1 s, 5 s, 30 s: four attempts). */
  readonly retryDelaysMs?: readonly number[];
  readonly fetch?: typeof fetch;
  /** Per request (default 10 s). */
  readonly timeoutMs?: number;
  /** How long FCM keeps an undelivered message (default 24 h). */
  readonly ttlSeconds?: number;
  /** Longest `Retry-After` honoured (default 60 s). */
  readonly maxRetryAfterMs?: number;
}

export interface NativePushService {
  readonly enabled: boolean;
  sendToUsers(userIds: readonly string[], payload: PushPayload): Promise<PushReport>;
}

const DEFAULTS = {
  retryDelaysMs: [1000, 5000, 30_000],
  timeoutMs: 10_000,
  ttlSeconds: 24 * 60 * 60,
  maxRetryAfterMs: 60_000,
};

export function createNativePushService(deps: BaseDeps, options: NativePushOptions = {}): NativePushService {
  const log = deps.log.child({ component: 'native-push' });
  const fcm = deps.config.outbound.fcm;
  if (!fcm) {
    let told = false;
    return {
      enabled: false,
      async sendToUsers() {
        if (!told)
          log.info(
            'native push is off: FCM_SERVICE_ACCOUNT is not set, so the mobile apps get no notifications',
          );
        told = true;
        return { attempts: [] };
      },
    };
  }
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const ttlSeconds = options.ttlSeconds ?? DEFAULTS.ttlSeconds;

  // Read once per process; a failure (a missing file) is not remembered, so fixing it needs no restart.
  let sending: Promise<FcmSendOptions> | null = null;
  function sendOptions(): Promise<FcmSendOptions> {
    sending ??= loadServiceAccount(fcm!.serviceAccount).then(
      (account): FcmSendOptions => ({
        apiUrl: fcm!.apiUrl,
        projectId: account.projectId,
        tokens: createAccessTokens(account, { fetch: fetchFn, now: deps.now, timeoutMs }),
        retryDelaysMs: options.retryDelaysMs ?? DEFAULTS.retryDelaysMs,
        maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
        timeoutMs,
        fetch: fetchFn,
      }),
      (error: unknown) => {
        sending = null;
        throw error;
      },
    );
    return sending;
  }

  async function sendOne(app: StoredNativeToken, payload: PushPayload, send: FcmSendOptions) {
    const logger = log.child({ tokenId: app.id, platform: app.platform });
    const message = fcmMessage(app, payload, { ttlSeconds, nowMs: deps.now().getTime() });
    const result = await sendFcm(message, send, logger);
    // The message went (or the app is gone) whatever the database says next: the outcome stands.
    await recordOutcome(app.id, result.outcome, logger).catch((error: unknown) =>
      logger.error('native push outcome not recorded', { outcome: result.outcome, error }),
    );
    return { subscriptionId: app.id, outcome: result.outcome, status: result.status };
  }

  async function recordOutcome(id: string, outcome: PushAttemptOutcome, logger: Logger): Promise<void> {
    if (outcome === 'failed') return;
    await withScope(deps.db.sql, {}, (tx) =>
      outcome === 'sent' ? markNativeDelivered(tx, id, deps.now()) : removeGoneNativeToken(tx, id),
    );
    if (outcome === 'gone') logger.info('native push token gone: removed');
  }

  return {
    enabled: true,
    async sendToUsers(userIds, payload) {
      try {
        const apps = await withScope(deps.db.sql, {}, (tx) => nativeTokensOfUsers(tx, userIds));
        if (apps.length === 0) return { attempts: [] };
        const send = await sendOptions();
        return { attempts: await Promise.all(apps.map((app) => sendOne(app, payload, send))) };
      } catch (error) {
        log.error('native push not sent to anyone', { users: userIds.length, type: payload.type, error });
        return { attempts: [] };
      }
    },
  };
}

/** Web Push and the apps behind one PushService: both sent at once, one report listing every device tried. */
export function withNativePush(web: PushService, native: NativePushService): PushService {
  return {
    vapidPublicKey: () => web.vapidPublicKey(),
    async sendToUsers(userIds, payload) {
      const [browsers, apps] = await Promise.all([
        web.sendToUsers(userIds, payload),
        native.sendToUsers(userIds, payload),
      ]);
      return { attempts: [...browsers.attempts, ...apps.attempts] };
    },
  };
}
