/** The workspace's plan and billing (`/api/tenants/:tenantId/billing`), through the app's one HTTP module. */
import type { Plan, PlanId, Usage } from '@vitals/shared';
import { request } from '../../api/http';

export type BillingStatus = 'trialing' | 'active' | 'past_due' | 'canceled' | 'none';
/** Free needs no checkout: a workspace returns to it by cancelling in the customer portal. */
export type PaidPlanId = Exclude<PlanId, 'free'>;

export interface BillingView {
  readonly plan: PlanId;
  readonly status: BillingStatus;
  /** ISO timestamp; set while trialing. */
  readonly trialEndsAt: string | null;
  /** Off on servers run without Stripe: every workspace stays on one plan and nothing can be bought. */
  readonly billingEnabled: boolean;
  /** `null` for members who may not see usage (below admin). */
  readonly usage: Usage | null;
  readonly plans: Plan[];
}

const billingPath = (tenantId: string, rest = ''): string =>
  `/api/tenants/${encodeURIComponent(tenantId)}/billing${rest}`;

export const fetchBilling = (tenantId: string): Promise<BillingView> => request(billingPath(tenantId));

/** A Stripe Checkout page to pay for `plan`; the caller goes there. */
export const startCheckout = (tenantId: string, plan: PaidPlanId): Promise<{ url: string }> =>
  request(billingPath(tenantId, '/checkout'), { method: 'POST', body: { plan } });

/** The Stripe Customer Portal: payment methods, invoices, changing or cancelling the plan. */
export const openPortal = (tenantId: string): Promise<{ url: string }> =>
  request(billingPath(tenantId, '/portal'), { method: 'POST' });
