/** Builds the outbound services of one process: push, webhooks, and the alert engine that drives both. */
import type { BaseDeps } from '../context';
import { createNativePushService, withNativePush, type NativePushOptions } from '../push/native/service';
import { createPushService, type PushServiceOptions } from '../push/service';
import { createWebhookService, type WebhookServiceOptions } from '../webhooks/service';
import { createAlertEngine, type AlertEngineOptions } from './engine';
import type { Outbound } from './types';

export interface OutboundOptions {
  readonly push?: PushServiceOptions;
  /** The mobile apps' push through FCM (push/native/); off without FCM_SERVICE_ACCOUNT. */
  readonly nativePush?: NativePushOptions;
  readonly webhooks?: WebhookServiceOptions;
  readonly alerts?: AlertEngineOptions;
}

export function createOutbound(base: BaseDeps, options: OutboundOptions = {}): Outbound {
  // Browsers (Web Push) and the mobile apps (FCM) get the same pushes, after the same preference checks.
  const push = withNativePush(
    createPushService(base, options.push),
    createNativePushService(base, options.nativePush),
  );
  const webhooks = createWebhookService(base, options.webhooks);
  const alerts = createAlertEngine({ ...base, push, webhooks }, options.alerts);
  return {
    push,
    webhooks,
    alerts,
    start() {
      webhooks.start();
      alerts.start();
    },
    async stop() {
      await alerts.stop();
      await webhooks.stop();
    },
  };
}
