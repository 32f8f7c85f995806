/**
 * The words and choices of Settings → Plan and usage, apart from the screen so each case is tested: what the
 * status means, what each plan card offers, and what to say when the server refuses something over a limit.
 * The plan the server sends is always the one in force (an expired trial or a cancelled subscription is
 * already Free), so the status only explains how the workspace got there.
 */
import { formatBytes, PLANS, TRIAL_PLAN, type Plan, type UsageLine } from '@vitals/shared';
import { HttpError } from '../../api/http';
import type { BillingStatus, BillingView, PaidPlanId } from './billing-api';
import { serverSettingsMessage } from './server-settings';

/** The sync state needs these too, so they live in ../../billing/limits.ts; re-exported for Settings' screens. */
export { BILLING_LINK, limitErrorText, limitUpgradeTarget } from '../../billing/limits';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days left, counting a part day as one ("1 day left" until it ends); `null` without an end date. */
export function trialDaysLeft(trialEndsAt: string | null, now: Date): number | null {
  if (trialEndsAt === null) return null;
  const end = Date.parse(trialEndsAt);
  if (Number.isNaN(end)) return null;
  return Math.max(0, Math.ceil((end - now.getTime()) / DAY_MS));
}

type StatusInput = Pick<BillingView, 'plan' | 'status' | 'trialEndsAt'>;

/** One line under the plan's name: how long the trial lasts, whether payment is due, why it is Free. */
export function statusText(view: StatusInput, now: Date): string {
  const name = PLANS[view.plan].name;
  switch (view.status) {
    case 'trialing': {
      if (view.plan === 'free') {
        return `The ${PLANS[TRIAL_PLAN].name} trial has ended, so this workspace is on the Free plan. Upgrade to keep its limits.`;
      }
      const days = trialDaysLeft(view.trialEndsAt, now);
      const left =
        days === null ? '' : days === 0 ? ': it ends today' : `: ${String(days)} ${days === 1 ? 'day' : 'days'} left`;
      return `Trial of ${name}${left}. Subscribe before it ends to keep it; otherwise the workspace moves to the Free plan.`;
    }
    case 'active':
      return `Subscribed to ${name}.`;
    case 'past_due':
      return `The last payment failed. Update the payment method in Manage billing to keep the ${name} plan.`;
    case 'canceled':
      return 'The subscription was cancelled, so this workspace is on the Free plan.';
    case 'none':
      return view.plan === 'free' ? 'No subscription.' : `On the ${name} plan.`;
  }
}

/** A Stripe customer exists (so the portal has something to show) once there has been a subscription. */
export function canOpenPortal(status: BillingStatus): boolean {
  return status === 'active' || status === 'past_due' || status === 'canceled';
}

/** "Free", "$99 a month", "$99.50 a month": whole dollars shown without cents. */
export function priceText(priceCents: number): string {
  if (priceCents === 0) return 'Free';
  const digits = priceCents % 100 === 0 ? 0 : 2;
  const amount = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(priceCents / 100);
  return `${amount} a month`;
}

function upTo(limit: number | null, singular: string, plural: string): string {
  if (limit === null) return `Unlimited ${plural}`;
  return `Up to ${String(limit)} ${limit === 1 ? singular : plural}`;
}

/** What a plan card lists: each limit in words, then the features it adds. */
export function planLimitTexts(plan: Plan): string[] {
  const { users, accounts, storageBytes, aiQuestionsPerMonth } = plan.limits;
  const texts = [
    upTo(users, 'user', 'users'),
    upTo(accounts, 'account', 'accounts'),
    storageBytes === null ? 'Unlimited data' : `${formatBytes(storageBytes)} of data`,
    aiQuestionsPerMonth === null ? 'Unlimited AI questions' : `${String(aiQuestionsPerMonth)} AI questions a month`,
  ];
  if (plan.features.playbooks) texts.push('Playbooks');
  if (plan.features.integrations) texts.push('Integrations');
  return texts;
}

export type PlanAction =
  | { readonly kind: 'current' }
  /** Checkout for a paid plan: a step up, or subscribing to the plan being tried. */
  | { readonly kind: 'checkout'; readonly plan: PaidPlanId; readonly label: string }
  /** A step down happens where the subscription is managed. */
  | { readonly kind: 'portal'; readonly hint: string }
  | { readonly kind: 'none' };

/** What a plan card offers, for someone allowed to manage billing on a server with billing on. */
export function planAction(card: Plan, view: Pick<BillingView, 'plan' | 'status' | 'billingEnabled'>): PlanAction {
  if (!view.billingEnabled) return { kind: 'none' };
  if (card.id === view.plan) {
    if (view.status === 'trialing' && card.id !== 'free') {
      return { kind: 'checkout', plan: card.id, label: `Subscribe to ${card.name}` };
    }
    return { kind: 'current' };
  }
  if (card.priceCents > PLANS[view.plan].priceCents && card.id !== 'free') {
    return { kind: 'checkout', plan: card.id, label: `Upgrade to ${card.name}` };
  }
  if (!canOpenPortal(view.status)) return { kind: 'none' };
  return {
    kind: 'portal',
    hint:
      card.id === 'free'
        ? 'To return to Free, cancel the subscription in Manage billing.'
        : `To move to ${card.name}, change the plan in Manage billing.`,
  };
}

export type UsageState = 'ok' | 'near' | 'full' | 'over';

/** Near from 80%: early enough to upgrade before something is refused. */
export function usageState(line: Pick<UsageLine, 'fraction'>): UsageState {
  if (line.fraction === null || line.fraction < 0.8) return 'ok';
  if (line.fraction < 1) return 'near';
  return line.fraction === 1 ? 'full' : 'over';
}

/** The word beside a bar, so the state never rests on colour alone. */
export const USAGE_STATE_TEXT: Record<UsageState, string> = {
  ok: '',
  near: 'Almost at the limit',
  full: 'At the limit',
  over: 'Over the limit',
};

/** Clamped for the bar's width; the text beside it says how far over. */
export function barPercent(line: Pick<UsageLine, 'fraction'>): number {
  if (line.fraction === null) return 0;
  return Math.round(Math.min(1, Math.max(0, line.fraction)) * 100);
}

export type BillingTask = 'load' | 'checkout' | 'portal';

/** What to say when loading the plan, starting a checkout or opening the portal failed. */
export function billingErrorText(error: unknown, task: BillingTask): string {
  const offline = error instanceof HttpError && error.offline;
  if (task === 'load') {
    if (offline) {
      return 'You are offline. The plan and usage come from the server, so they need a connection: they load again when you are back online.';
    }
    return serverSettingsMessage(error, 'Plan and usage');
  }
  const doing = task === 'checkout' ? 'Upgrading' : 'Managing billing';
  if (offline) return `${doing} needs a connection. Try again when you are back online.`;
  if (error instanceof HttpError && error.code === 'forbidden') return 'Only the workspace owner can change the plan.';
  return error instanceof HttpError ? error.message : `${doing} did not start. Try again in a moment.`;
}
