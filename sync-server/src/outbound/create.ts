/** Builds the outbound services of one process: push, webhooks, and the alert engine that drives both. */
import type { BaseDeps } from '../context';
import { createPushService, type PushServiceOptions } from '../push/service';
import { createWebhookService, type WebhookServiceOptions } from '../webhooks/service';
import { createAlertEngine, type AlertEngineOptions } from './engine';
import type { Outbound } from './types';

export interface OutboundOptions {
  readonly push?: PushServiceOptions;
  readonly webhooks?: WebhookServiceOptions;
  readonly alerts?: AlertEngineOptions;
}

export function createOutbound(base: BaseDeps, options: OutboundOptions = {}): Outbound {
  const push = createPushService(base, options.push);
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
