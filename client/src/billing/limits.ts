/**
 * Plan limits as the device shows them: the sentence of a refusal, the plan it points to, and where the way up
 * is. Here rather than in Settings because the sync state (db/) and several screens need them; Settings →
 * Plan and usage re-exports them (routes/settings/billing-model.ts).
 */
import { can, isLimitExceeded, type PlanId, type Role } from '@vitals/shared';

/** Where other screens send people who hit a limit. */
export const BILLING_LINK = '/settings#billing';

/**
 * The sentence for a server error whose `details` is a plan-limit refusal (show it with an "Upgrade" link to
 * `BILLING_LINK`); `null` for any other error, so the caller shows its usual message.
 */
export function limitErrorText(details: unknown): string | null {
  return isLimitExceeded(details) ? details.message : null;
}

/** Which plan the "Upgrade" link beside a limit error leads to, if any. */
export function limitUpgradeTarget(details: unknown): PlanId | null {
  return isLimitExceeded(details) ? details.upgradeTo : null;
}

/**
 * Whether this role sees Plan and usage, so an "Upgrade" link leads somewhere (owners and admins: the
 * section Settings shows them; only an owner may buy there). Others are told to ask an owner.
 */
export function seesPlans(role: Role | null | undefined): boolean {
  return role ? can(role, 'settings.tenant') : false;
}
