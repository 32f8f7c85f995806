/**
 * The plans, defined once: what each costs and allows. The server enforces the limits (billing/ in sync-server);
 * the device shows them and the way up. `null` means unlimited.
 */
export const PLAN_IDS = ['free', 'professional', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === 'string' && (PLAN_IDS as readonly string[]).includes(value);
}

export interface PlanLimits {
  readonly users: number | null;
  readonly accounts: number | null;
  readonly storageBytes: number | null;
  /** Questions answered by the server's model per calendar month; the on-device answers are never counted. */
  readonly aiQuestionsPerMonth: number | null;
}

export interface Plan {
  readonly id: PlanId;
  readonly name: string;
  /** Per month, in cents (USD). */
  readonly priceCents: number;
  readonly limits: PlanLimits;
  readonly features: { readonly playbooks: boolean; readonly integrations: boolean };
}

const GB = 1024 ** 3;

export const PLANS: Readonly<Record<PlanId, Plan>> = {
  free: {
    id: 'free',
    name: 'Free',
    priceCents: 0,
    limits: { users: 2, accounts: 5, storageBytes: 1 * GB, aiQuestionsPerMonth: 20 },
    features: { playbooks: false, integrations: false },
  },
  professional: {
    id: 'professional',
    name: 'Professional',
    priceCents: 9_900,
    limits: { users: 10, accounts: 50, storageBytes: 10 * GB, aiQuestionsPerMonth: null },
    features: { playbooks: true, integrations: true },
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    priceCents: 49_900,
    limits: { users: null, accounts: null, storageBytes: 100 * GB, aiQuestionsPerMonth: null },
    features: { playbooks: true, integrations: true },
  },
};

/** New tenants try Professional for this long. */
export const TRIAL_DAYS = 14;
export const TRIAL_PLAN: PlanId = 'professional';
