/**
 * Webhook endpoint rows. Functions take a transaction scoped to the tenant (row-level security checks it);
 * rows become `WebhookEndpointView`s in `toView` only, which never carries the secret.
 */
import { WEBHOOK_EVENT_TYPES, type WebhookEndpointView, type WebhookEventType } from '@vitals/shared';
import type { TransactionSql } from '../db/connect';

interface EndpointRow {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
  created_at: Date;
}

function eventTypes(values: readonly string[]): WebhookEventType[] {
  return values.map((value) => {
    // The table's CHECK allows only these; anything else is a schema out of step with the code.
    if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(value)) throw new Error(`Webhook endpoint with unknown event ${JSON.stringify(value)}.`);
    return value as WebhookEventType;
  });
}

function toView(row: EndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: eventTypes(row.events),
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    consecutiveFailures: row.consecutive_failures,
    createdAt: row.created_at.toISOString(),
  };
}

const COLUMNS = 'id, url, description, events, enabled, disabled_reason, consecutive_failures, created_at';

export async function listEndpoints(tx: TransactionSql, tenantId: string): Promise<WebhookEndpointView[]> {
  const rows = await tx<EndpointRow[]>`
    select ${tx.unsafe(COLUMNS)} from webhook_endpoints where tenant_id = ${tenantId} order by created_at, id`;
  return rows.map(toView);
}

export async function countEndpoints(tx: TransactionSql, tenantId: string): Promise<number> {
  const [row] = await tx<{ count: number }[]>`select count(*)::int as count from webhook_endpoints where tenant_id = ${tenantId}`;
  return row?.count ?? 0;
}

/** `null` when there is no such endpoint in this tenant (another tenant's id included). */
export async function readEndpoint(tx: TransactionSql, tenantId: string, id: string): Promise<WebhookEndpointView | null> {
  const [row] = await tx<EndpointRow[]>`
    select ${tx.unsafe(COLUMNS)} from webhook_endpoints where tenant_id = ${tenantId} and id = ${id}`;
  return row ? toView(row) : null;
}

export interface NewEndpoint {
  readonly tenantId: string;
  readonly url: string;
  readonly description: string;
  readonly events: readonly WebhookEventType[];
  readonly secret: string;
  readonly createdBy: string;
  readonly now: Date;
}

export async function insertEndpoint(tx: TransactionSql, endpoint: NewEndpoint): Promise<WebhookEndpointView> {
  const [row] = await tx<EndpointRow[]>`
    insert into webhook_endpoints (tenant_id, url, description, secret, events, created_at, created_by)
    values (${endpoint.tenantId}, ${endpoint.url}, ${endpoint.description}, ${endpoint.secret},
      ${tx.array([...endpoint.events])}::text[], ${endpoint.now}, ${endpoint.createdBy})
    returning ${tx.unsafe(COLUMNS)}`;
  return toView(row!);
}

export interface EndpointChanges {
  readonly url?: string;
  readonly description?: string;
  readonly events?: readonly WebhookEventType[];
  readonly enabled?: boolean;
}

/**
 * Applies the fields given. Enabling starts afresh (no reason, no failures counted); disabling by hand
 * leaves no reason, since the person who did it knows why.
 */
export async function updateEndpoint(tx: TransactionSql, tenantId: string, id: string, changes: EndpointChanges): Promise<WebhookEndpointView | null> {
  const enabled = changes.enabled ?? null;
  const [row] = await tx<EndpointRow[]>`
    update webhook_endpoints set
      url = coalesce(${changes.url ?? null}, url),
      description = coalesce(${changes.description ?? null}, description),
      events = coalesce(${changes.events ? tx.array([...changes.events]) : null}::text[], events),
      enabled = coalesce(${enabled}::boolean, enabled),
      disabled_reason = case when ${enabled}::boolean is null then disabled_reason end,
      consecutive_failures = case when ${enabled}::boolean then 0 else consecutive_failures end
    where tenant_id = ${tenantId} and id = ${id}
    returning ${tx.unsafe(COLUMNS)}`;
  return row ? toView(row) : null;
}

export async function deleteEndpoint(tx: TransactionSql, tenantId: string, id: string): Promise<boolean> {
  const rows = await tx`delete from webhook_endpoints where tenant_id = ${tenantId} and id = ${id} returning id`;
  return rows.length > 0;
}
