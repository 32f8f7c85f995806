/**
 * Writing down one attempt, in the delivery's tenant scope and one transaction: the delivery's new state,
 * the endpoint's failures in a row and, at the threshold, the endpoint disabled (audited, as done by the
 * system) with its pending deliveries failed.
 */
import { appendAudit } from '../audit/append';
import type { BaseDeps } from '../context';
import { withScope } from '../db/tenant-scope';
import {
  failPendingDeliveries,
  lockEndpointForAttempt,
  recordDeliveryAttempt,
  setEndpointFailures,
  type ClaimedDelivery,
} from './deliveries';
import { attemptConsequence, disabledReason, type AttemptConsequence, type RetryPolicy } from './policy';
import type { AttemptOutcome } from './send';

/** What the delivery log says of deliveries that were pending when their endpoint was disabled. */
export const ENDPOINT_DISABLED_ERROR = 'Not sent: the endpoint was disabled.';

/** Returns what the attempt led to, or `null` when the endpoint (and so the delivery) was deleted meanwhile. */
export async function recordAttempt(
  deps: Pick<BaseDeps, 'db' | 'now'>,
  delivery: ClaimedDelivery,
  outcome: AttemptOutcome,
  policy: RetryPolicy,
): Promise<AttemptConsequence | null> {
  const { tenantId, endpointId } = delivery;
  const now = deps.now();
  return withScope(deps.db.sql, { tenantId }, async (tx) => {
    const endpoint = await lockEndpointForAttempt(tx, tenantId, endpointId);
    if (!endpoint) return null;
    const consequence = attemptConsequence(
      {
        succeeded: outcome.succeeded,
        previousAttempts: delivery.attempts,
        consecutiveFailures: endpoint.consecutiveFailures,
        endpointEnabled: endpoint.enabled,
        now,
      },
      policy,
    );
    await recordDeliveryAttempt(tx, tenantId, delivery.id, {
      status: consequence.delivery.status,
      nextAttemptAt: consequence.delivery.nextAttemptAt,
      httpStatus: outcome.status,
      error: outcome.error,
      now,
    });
    const reason = consequence.endpoint.disable ? disabledReason(consequence.endpoint.consecutiveFailures, outcome) : null;
    await setEndpointFailures(tx, tenantId, endpointId, consequence.endpoint.consecutiveFailures, reason);
    if (reason !== null) {
      await failPendingDeliveries(tx, tenantId, endpointId, ENDPOINT_DISABLED_ERROR);
      await appendAudit(tx, {
        tenantId,
        userId: null,
        at: now,
        entries: [
          {
            action: 'update',
            collection: 'webhook_endpoints',
            documentId: endpointId,
            before: { url: endpoint.url, enabled: true },
            after: { url: endpoint.url, enabled: false, disabledReason: reason },
          },
        ],
      });
    }
    return consequence;
  });
}
