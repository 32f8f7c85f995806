/**
 * What the webhook routes do, in the member's tenant scope: list, create (checking the destination and making
 * the secret), change, delete an endpoint, and read its delivery log. The caller has `settings.tenant` (the
 * route checks it). Every change is audited, without the secret.
 */
import type { WebhookDeliveryView, WebhookEndpointView } from '@vitals/shared';
import { appendAudit, type AuditEntry } from '../audit/append';
import type { BaseDeps, Membership } from '../context';
import type { TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { ApiError, notFound } from '../errors';
import { failPendingDeliveries, listDeliveries } from './deliveries';
import { checkDestination, DestinationError, resolveWithDns, type ResolveHost } from './destination';
import { countEndpoints, deleteEndpoint, insertEndpoint, listEndpoints, readEndpoint, updateEndpoint } from './endpoints';
import { ENDPOINT_DISABLED_ERROR } from './record';
import type { CreateEndpointInput, UpdateEndpointInput } from './schemas';
import { generateWebhookSecret } from './signature';

export const WEBHOOK_ERROR_CODES = {
  /** The URL is not one the server sends to (scheme, credentials, a private address); the message says why. */
  destinationRefused: 'destination-refused',
  tooManyEndpoints: 'too-many-endpoints',
} as const;

/** Each event is sent to every endpoint: a bound keeps one tenant from multiplying the server's work. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = 'That webhook endpoint';

type Deps = Pick<BaseDeps, 'db' | 'config' | 'now'>;

async function checkedUrl(deps: Deps, raw: string, resolveHost: ResolveHost): Promise<string> {
  try {
    const url = await checkDestination(raw, { allowPrivate: deps.config.outbound.allowPrivateDestinations, resolveHost });
    return url.href;
  } catch (error) {
    if (error instanceof DestinationError) throw new ApiError(400, WEBHOOK_ERROR_CODES.destinationRefused, error.message, { reason: error.reason });
    throw error;
  }
}

function audited(endpoint: WebhookEndpointView | null): AuditEntry['after'] {
  if (!endpoint) return null;
  const { url, description, events, enabled, disabledReason } = endpoint;
  return { url, description, events, enabled, disabledReason };
}

async function audit(tx: TransactionSql, member: Membership, now: Date, action: AuditEntry['action'], id: string, before: WebhookEndpointView | null, after: WebhookEndpointView | null): Promise<void> {
  await appendAudit(tx, {
    tenantId: member.tenantId,
    userId: member.userId,
    at: now,
    entries: [{ action, collection: 'webhook_endpoints', documentId: id, before: audited(before), after: audited(after) }],
  });
}

export function listTenantEndpoints(deps: Deps, member: Membership): Promise<WebhookEndpointView[]> {
  const { tenantId, userId } = member;
  return withScope(deps.db.sql, { tenantId, userId }, (tx) => listEndpoints(tx, tenantId));
}

/** The secret is returned here only: it is never shown again. */
export async function createEndpoint(
  deps: Deps,
  member: Membership,
  input: CreateEndpointInput,
  resolveHost: ResolveHost = resolveWithDns,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const { tenantId, userId } = member;
  const url = await checkedUrl(deps, input.url, resolveHost);
  const secret = generateWebhookSecret();
  const now = deps.now();
  return withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    if ((await countEndpoints(tx, tenantId)) >= MAX_ENDPOINTS_PER_TENANT) {
      throw new ApiError(409, WEBHOOK_ERROR_CODES.tooManyEndpoints, `A workspace can have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints. Delete one you no longer use first.`);
    }
    const endpoint = await insertEndpoint(tx, { tenantId, url, description: input.description, events: input.events, secret, createdBy: userId, now });
    await audit(tx, member, now, 'create', endpoint.id, null, endpoint);
    return { endpoint, secret };
  });
}

export async function changeEndpoint(
  deps: Deps,
  member: Membership,
  id: string,
  input: UpdateEndpointInput,
  resolveHost: ResolveHost = resolveWithDns,
): Promise<WebhookEndpointView> {
  const { tenantId, userId } = member;
  if (!UUID.test(id)) throw notFound(NOT_FOUND);
  // Checked before the transaction: it may wait on DNS, and no transaction should stay open meanwhile (the
  // embedded database has a single connection).
  const url = input.url === undefined ? undefined : await checkedUrl(deps, input.url, resolveHost);
  const now = deps.now();
  return withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    const before = await readEndpoint(tx, tenantId, id);
    if (!before) throw notFound(NOT_FOUND);
    const after = await updateEndpoint(tx, tenantId, id, { ...input, url });
    if (!after) throw notFound(NOT_FOUND);
    if (before.enabled && !after.enabled) await failPendingDeliveries(tx, tenantId, id, ENDPOINT_DISABLED_ERROR);
    await audit(tx, member, now, 'update', id, before, after);
    return after;
  });
}

export async function removeEndpoint(deps: Deps, member: Membership, id: string): Promise<void> {
  const { tenantId, userId } = member;
  if (!UUID.test(id)) throw notFound(NOT_FOUND);
  const now = deps.now();
  await withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    const before = await readEndpoint(tx, tenantId, id);
    if (!before || !(await deleteEndpoint(tx, tenantId, id))) throw notFound(NOT_FOUND);
    await audit(tx, member, now, 'delete', id, before, null);
  });
}

export async function endpointDeliveries(deps: Deps, member: Membership, id: string): Promise<WebhookDeliveryView[]> {
  const { tenantId, userId } = member;
  if (!UUID.test(id)) throw notFound(NOT_FOUND);
  return withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    if (!(await readEndpoint(tx, tenantId, id))) throw notFound(NOT_FOUND);
    return listDeliveries(tx, tenantId, id);
  });
}
