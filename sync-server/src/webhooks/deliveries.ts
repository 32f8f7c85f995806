/**
 * Webhook delivery rows: queueing an event for a tenant's endpoints, claiming due deliveries for the worker,
 * recording each attempt, and the delivery log. Request paths and recording run in the tenant's scope; only
 * `claimDueDeliveries` and `pruneFinishedDeliveries` read across tenants, as the connecting role (like
 * backup and seed), because the worker serves every tenant and is not a request.
 */
import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryStatus, type WebhookDeliveryView, type WebhookEventType } from '@vitals/shared';
import type { Sql, TransactionSql } from '../db/connect';

/** The body of every delivery (the Standard Webhooks payload shape). */
export interface WebhookPayload {
  readonly type: WebhookEventType;
  /** When the event happened, ISO 8601. */
  readonly timestamp: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The delivery log shows this many, newest first. */
export const DELIVERY_LOG_LIMIT = 50;

interface DeliveryRow {
  id: string;
  message_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  delivered_at: Date | null;
}

function toView(row: DeliveryRow): WebhookDeliveryView {
  if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(row.event_type)) throw new Error(`Webhook delivery with unknown event ${JSON.stringify(row.event_type)}.`);
  return {
    id: row.id,
    messageId: row.message_id,
    eventType: row.event_type as WebhookEventType,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.last_status,
    lastError: row.last_error,
    // A pending delivery is due at this time; a finished one is not due at all.
    nextAttemptAt: row.status === 'pending' ? (row.next_attempt_at?.toISOString() ?? null) : null,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}

/** One delivery per enabled endpoint of the tenant subscribed to the event, due now. Returns how many. */
export async function queueEvent(
  tx: TransactionSql,
  event: { tenantId: string; messageId: string; payload: WebhookPayload; now: Date },
): Promise<number> {
  const rows = await tx`
    insert into webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, next_attempt_at, created_at)
    select tenant_id, id, ${event.messageId}, ${event.payload.type}, ${tx.json(event.payload as never)}, ${event.now}, ${event.now}
    from webhook_endpoints
    where tenant_id = ${event.tenantId} and enabled and ${event.payload.type} = any(events)
    returning id`;
  return rows.length;
}

export async function listDeliveries(tx: TransactionSql, tenantId: string, endpointId: string): Promise<WebhookDeliveryView[]> {
  const rows = await tx<DeliveryRow[]>`
    select id, message_id, event_type, status, attempts, last_status, last_error, next_attempt_at, created_at, delivered_at
    from webhook_deliveries where tenant_id = ${tenantId} and endpoint_id = ${endpointId}
    order by created_at desc, id desc limit ${DELIVERY_LOG_LIMIT}`;
  return rows.map(toView);
}

/** A delivery the worker has claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly tenantId: string;
  readonly endpointId: string;
  readonly messageId: string;
  readonly payload: WebhookPayload;
  /** Attempts made before this one. */
  readonly attempts: number;
  readonly url: string;
  readonly secret: string;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints, every tenant's, by moving their due time to
 * `leaseUntil`: the claim commits at once, so no transaction stays open while a request is in flight, and
 * another server instance sees them as not due. `FOR UPDATE SKIP LOCKED` keeps two instances claiming at the
 * same moment from taking the same row. A claim whose attempt is never recorded (a crash) comes due again
 * when the lease ends, with the same webhook-id.
 */
export async function claimDueDeliveries(
  sql: Sql,
  options: { now: Date; leaseUntil: Date; limit: number; exclude: readonly string[] },
): Promise<ClaimedDelivery[]> {
  const rows = await sql<{ id: string; tenant_id: string; endpoint_id: string; message_id: string; payload: WebhookPayload; attempts: number; url: string; secret: string }[]>`
    with due as (
      select d.id from webhook_deliveries d
      join webhook_endpoints e on e.tenant_id = d.tenant_id and e.id = d.endpoint_id
      where d.status = 'pending' and d.next_attempt_at <= ${options.now} and e.enabled
        and d.id <> all(${sql.array([...options.exclude])}::uuid[])
      order by d.next_attempt_at
      limit ${options.limit}
      for update of d skip locked
    )
    update webhook_deliveries d set next_attempt_at = ${options.leaseUntil}
    from due, webhook_endpoints e
    where d.id = due.id and e.tenant_id = d.tenant_id and e.id = d.endpoint_id
    returning d.id, d.tenant_id, d.endpoint_id, d.message_id, d.payload, d.attempts, e.url, e.secret`;
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenant_id,
    endpointId: row.endpoint_id,
    messageId: row.message_id,
    payload: row.payload,
    attempts: row.attempts,
    url: row.url,
    secret: row.secret,
  }));
}

/** The endpoint as recording an attempt needs it, locked until the transaction ends; `null` once deleted. */
export async function lockEndpointForAttempt(
  tx: TransactionSql,
  tenantId: string,
  endpointId: string,
): Promise<{ enabled: boolean; consecutiveFailures: number; url: string } | null> {
  const [row] = await tx<{ enabled: boolean; consecutive_failures: number; url: string }[]>`
    select enabled, consecutive_failures, url from webhook_endpoints where tenant_id = ${tenantId} and id = ${endpointId} for update`;
  return row ? { enabled: row.enabled, consecutiveFailures: row.consecutive_failures, url: row.url } : null;
}

export interface AttemptRecord {
  readonly status: 'succeeded' | 'pending' | 'failed';
  readonly nextAttemptAt: Date | null;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly now: Date;
}

export async function recordDeliveryAttempt(tx: TransactionSql, tenantId: string, deliveryId: string, record: AttemptRecord): Promise<void> {
  await tx`
    update webhook_deliveries set
      status = ${record.status},
      attempts = attempts + 1,
      next_attempt_at = ${record.nextAttemptAt},
      last_status = ${record.httpStatus},
      last_error = ${record.error},
      delivered_at = ${record.status === 'succeeded' ? record.now : null}
    where tenant_id = ${tenantId} and id = ${deliveryId}`;
}

export async function setEndpointFailures(
  tx: TransactionSql,
  tenantId: string,
  endpointId: string,
  failures: number,
  disabledReason: string | null,
): Promise<void> {
  await tx`
    update webhook_endpoints set
      consecutive_failures = ${failures},
      enabled = enabled and ${disabledReason === null},
      disabled_reason = coalesce(${disabledReason}, disabled_reason)
    where tenant_id = ${tenantId} and id = ${endpointId}`;
}

/** A disabled endpoint's pending deliveries will never be sent: they fail, saying why. */
export async function failPendingDeliveries(tx: TransactionSql, tenantId: string, endpointId: string, reason: string): Promise<number> {
  const rows = await tx`
    update webhook_deliveries set status = 'failed', next_attempt_at = null, last_error = ${reason}
    where tenant_id = ${tenantId} and endpoint_id = ${endpointId} and status = 'pending'
    returning id`;
  return rows.length;
}

/** Deletes finished deliveries created before `before` (the log keeps the recent ones). */
export async function pruneFinishedDeliveries(sql: Sql, before: Date): Promise<number> {
  const rows = await sql`delete from webhook_deliveries where status <> 'pending' and created_at < ${before} returning id`;
  return rows.length;
}
