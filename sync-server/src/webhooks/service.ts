/**
 * The webhook service (the `WebhookService` of outbound/types.ts): `emit` queues an event for the tenant's
 * subscribed endpoints and starts delivering at once; a background loop delivers what comes due (retries)
 * and prunes old deliveries. Every instance of the server runs the loop: claims make sure each attempt is
 * made by one of them only (deliveries.ts).
 */
import type { WebhookEventType } from '@vitals/shared';
import type { BaseDeps } from '../context';
import { withScope } from '../db/tenant-scope';
import type { WebhookService } from '../outbound/types';
import { claimDueDeliveries, pruneFinishedDeliveries, queueEvent, type ClaimedDelivery, type WebhookPayload } from './deliveries';
import { resolveWithDns, type DestinationPolicy } from './destination';
import { DEFAULT_DISABLE_AFTER_FAILURES, DEFAULT_RETRY_DELAYS_MS, type RetryPolicy } from './policy';
import { recordAttempt } from './record';
import { sendAttempt } from './send';
import { generateMessageId } from './signature';

export interface WebhookServiceOptions {
  /** Delays before each retry; the first attempt is immediate. Default: the Standard Webhooks schedule. */
  retryDelaysMs?: readonly number[];
  /** Failed attempts in a row after which an endpoint is disabled (default 15). */
  disableAfterFailures?: number;
  /** How often the background loop looks for due deliveries (default 1 s). */
  pollIntervalMs?: number;
  /** How long one attempt may wait for an answer (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Resolves a host name for the SSRF check (default: the system resolver, every address). */
  resolveHost?: (host: string) => Promise<string[]>;
}

export type RunningWebhookService = WebhookService & { start(): void; stop(): Promise<void> };

/** Attempts sent at the same time by one `deliverDue` round. */
const BATCH_SIZE = 20;
/** A claim outlives its attempt's time limit by this much before another instance may take it over. */
const CLAIM_MARGIN_MS = 60_000;
/** Finished deliveries stay in the log this long. */
const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export function createWebhookService(deps: BaseDeps, options: WebhookServiceOptions = {}): RunningWebhookService {
  const policy: RetryPolicy = {
    retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    disableAfterFailures: options.disableAfterFailures ?? DEFAULT_DISABLE_AFTER_FAILURES,
  };
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const destination: DestinationPolicy = {
    allowPrivate: deps.config.outbound.allowPrivateDestinations,
    resolveHost: options.resolveHost ?? resolveWithDns,
  };
  const log = deps.log.child({ service: 'webhooks' });

  const inFlight = new Set<Promise<unknown>>();
  let state: 'ready' | 'running' | 'stopped' = 'ready';
  let timer: NodeJS.Timeout | null = null;
  let lastPrunedAt = 0;

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    const done = () => void inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    const outcome = await sendAttempt(delivery, { fetch: send, timeoutMs, destination, now: deps.now() });
    const consequence = await recordAttempt(deps, delivery, outcome, policy);
    log.debug('webhook attempt', { tenantId: delivery.tenantId, deliveryId: delivery.id, status: outcome.status, result: consequence?.delivery.status ?? 'endpoint deleted' });
    if (consequence?.endpoint.disable) {
      log.warn('webhook endpoint disabled after repeated failures', { tenantId: delivery.tenantId, endpointId: delivery.endpointId, failures: consequence.endpoint.consecutiveFailures });
    }
  }

  async function deliverRound(): Promise<number> {
    const tried: string[] = [];
    for (;;) {
      const now = deps.now();
      const leaseUntil = new Date(now.getTime() + timeoutMs + CLAIM_MARGIN_MS);
      const batch = await claimDueDeliveries(deps.db.sql, { now, leaseUntil, limit: BATCH_SIZE, exclude: tried });
      if (batch.length === 0) return tried.length;
      tried.push(...batch.map((d) => d.id));
      const results = await Promise.allSettled(batch.map(attempt));
      for (const [i, result] of results.entries()) {
        // A bug, not an endpoint's failure: logged, and the claim lapses so the delivery is tried again later.
        if (result.status === 'rejected') log.error('webhook attempt could not be recorded', { deliveryId: batch[i]!.id, error: result.reason });
      }
    }
  }

  const deliverDue = (): Promise<number> => track(deliverRound());

  function kick(): void {
    if (state === 'stopped') return;
    deliverDue().catch((error: unknown) => log.error('webhook delivery failed', { error }));
  }

  async function pruneWhenDue(): Promise<void> {
    const now = deps.now().getTime();
    if (now - lastPrunedAt < PRUNE_EVERY_MS) return;
    lastPrunedAt = now;
    const pruned = await pruneFinishedDeliveries(deps.db.sql, new Date(now - RETENTION_MS));
    if (pruned > 0) log.info('pruned old webhook deliveries', { pruned });
  }

  async function tick(): Promise<void> {
    try {
      await deliverDue();
      await track(pruneWhenDue());
    } catch (error) {
      log.error('webhook loop failed', { error });
    }
    if (state === 'running') {
      timer = setTimeout(() => void track(tick()), pollIntervalMs);
      timer.unref();
    }
  }

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return {
    async emit(tenantId: string, type: WebhookEventType, data: Readonly<Record<string, unknown>>): Promise<void> {
      const now = deps.now();
      const payload: WebhookPayload = { type, timestamp: now.toISOString(), data };
      const queued = await withScope(deps.db.sql, { tenantId }, (tx) => queueEvent(tx, { tenantId, messageId: generateMessageId(), payload, now }));
      if (queued > 0) kick();
    },
    deliverDue,
    idle,
    start(): void {
      if (state !== 'ready') return;
      state = 'running';
      void track(tick());
    },
    async stop(): Promise<void> {
      state = 'stopped';
      if (timer) clearTimeout(timer);
      timer = null;
      await idle();
    },
  };
}
