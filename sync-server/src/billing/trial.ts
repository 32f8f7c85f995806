/**
 * The trial every new tenant starts with: 14 days of Professional (shared/billing/plans.ts). Only with billing
 * on: with it off every tenant is on DEFAULT_PLAN and a trial would mean nothing.
 */
import { TRIAL_DAYS, TRIAL_PLAN } from '@vitals/shared';
import { appendAudit } from '../audit/append';
import type { BillingConfig } from '../config';
import type { TransactionSql } from '../db/connect';

const DAY_MS = 86_400_000;

/**
 * Runs in the new tenant's scope. A tenant that already has a billing row (a trial, a subscription) keeps it:
 * calling this twice never starts a second trial. Returns whether a trial started.
 */
export async function startTrial(tx: TransactionSql, tenantId: string, now: Date, billing: BillingConfig): Promise<boolean> {
  if (billing.stripe === null) return false;
  const trialEndsAt = new Date(now.getTime() + TRIAL_DAYS * DAY_MS);
  const inserted = await tx`
    insert into tenant_billing (tenant_id, plan, status, trial_ends_at, updated_at)
    values (${tenantId}, ${TRIAL_PLAN}, 'trialing', ${trialEndsAt}, ${now})
    on conflict (tenant_id) do nothing
    returning tenant_id`;
  if (inserted.length === 0) return false;
  await appendAudit(tx, {
    tenantId,
    userId: null,
    at: now,
    entries: [
      {
        action: 'create',
        collection: 'billing',
        documentId: tenantId,
        before: null,
        after: { plan: TRIAL_PLAN, status: 'trialing', trialEndsAt: trialEndsAt.toISOString() },
      },
    ],
  });
  return true;
}
