/**
 * What the server sends out, as the rest of the server sees it: Web Push to people's devices (push/),
 * signed webhooks to tenants' endpoints (webhooks/), and the alert engine that decides when (outbound/).
 * Built once per process (outbound/create.ts) and reached through `deps.outbound`.
 */
import type { CollectionName, PushPayload, WebhookEventType } from '@vitals/shared';
import type { StoredDocument } from '../sync/documents';

/** What became of one push request. `gone`: 404/410, the subscription was removed. */
export type PushAttemptOutcome = 'sent' | 'gone' | 'failed';

export interface PushReport {
  /** One entry per subscription tried. */
  readonly attempts: readonly { readonly subscriptionId: string; readonly outcome: PushAttemptOutcome; readonly status: number | null }[];
}

export interface PushService {
  /** The VAPID public key devices subscribe with (base64url), and whether it was generated here. */
  vapidPublicKey(): Promise<{ readonly publicKey: string; readonly generated: boolean }>;
  /**
   * Sends `payload` to every subscription of these users (each device they subscribed). 404/410 remove the
   * subscription; 429 and 5xx are retried with backoff. Resolves when every subscription has an outcome.
   */
  sendToUsers(userIds: readonly string[], payload: PushPayload): Promise<PushReport>;
}

export interface WebhookService {
  /**
   * Queues one event for every enabled endpoint of the tenant that subscribed to `type`, then starts
   * delivering. Resolves once queued (delivery goes on in the background).
   */
  emit(tenantId: string, type: WebhookEventType, data: Readonly<Record<string, unknown>>): Promise<void>;
  /** Delivers every due delivery once (tests and the background loop call this). Returns how many were tried. */
  deliverDue(): Promise<number>;
  /** Resolves when nothing is being delivered right now (tests). */
  idle(): Promise<void>;
}

/** One document a write changed: the server's copy before (null when new) and after. */
export interface DocumentChange {
  readonly before: StoredDocument | null;
  readonly after: StoredDocument;
}

export interface WriteEvent {
  readonly tenantId: string;
  readonly userId: string;
  readonly collection: CollectionName;
  readonly changes: readonly DocumentChange[];
}

export interface AlertEngine {
  /** Called after a write has committed (a push, a server import). Never throws; the work goes on in the background. */
  afterWrite(event: WriteEvent): void;
  /** Escalates unacknowledged alerts whose time is up, and raises time-based alerts (renewals). */
  sweep(): Promise<void>;
  /** Resolves when every write seen so far has been evaluated and its notifications sent (tests, bench). */
  idle(): Promise<void>;
}

export interface Outbound {
  readonly push: PushService;
  readonly webhooks: WebhookService;
  readonly alerts: AlertEngine;
  /** Starts the background loops (webhook retries, escalation sweep). */
  start(): void;
  stop(): Promise<void>;
}
