/**
 * Which plan a tenant is on now: the one place the server decides it, read by every limit check. With billing
 * off, every tenant is on the configured default; with it on, the `tenant_billing` row says (a trial that ran
 * out without a subscription, a cancelled one, or no row at all mean Free).
 */
import { isPlanId, type PlanId } from '@vitals/shared';
import type { BillingConfig } from '../config';
import type { TransactionSql } from '../db/connect';

export type BillingStatus = 'trialing' | 'active' | 'past_due' | 'canceled' | 'none';

export interface TenantPlan {
  readonly plan: PlanId;
  readonly status: BillingStatus;
  readonly trialEndsAt: Date | null;
  /** False when no STRIPE_SECRET_KEY is configured: the UI says so, and offers no upgrade. */
  readonly billingEnabled: boolean;
}

interface BillingRow {
  plan: string;
  status: BillingStatus;
  trial_ends_at: Date | null;
}

/** Runs in the tenant's scope (row-level security on `tenant_billing`). */
export async function readTenantPlan(tx: TransactionSql, tenantId: string, config: BillingConfig, now: Date): Promise<TenantPlan> {
  if (config.stripe === null) return { plan: config.defaultPlan, status: 'none', trialEndsAt: null, billingEnabled: false };
  const [row] = await tx<BillingRow[]>`
    select plan, status, trial_ends_at from tenant_billing where tenant_id = ${tenantId}`;
  if (!row || !isPlanId(row.plan)) return { plan: 'free', status: 'none', trialEndsAt: null, billingEnabled: true };
  const trialOver = row.status === 'trialing' && (row.trial_ends_at === null || row.trial_ends_at <= now);
  const paid = row.status === 'active' || row.status === 'past_due' || (row.status === 'trialing' && !trialOver);
  return { plan: paid ? row.plan : 'free', status: row.status, trialEndsAt: row.trial_ends_at, billingEnabled: true };
}
