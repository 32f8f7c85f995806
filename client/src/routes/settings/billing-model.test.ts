import { checkLimit, PLANS, type PlanId } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { HttpError, offlineError } from '../../api/http';
import type { BillingStatus } from './billing-api';
import {
  barPercent,
  billingErrorText,
  canOpenPortal,
  limitErrorText,
  limitUpgradeTarget,
  planAction,
  planLimitTexts,
  priceText,
  statusText,
  trialDaysLeft,
  usageState,
  type PlanAction,
} from './billing-model';

const now = new Date('2025-03-10T12:00:00Z');

describe('trialDaysLeft', () => {
  it.each<[string | null, number | null]>([
    ['2025-03-24T12:00:00Z', 14],
    ['2025-03-11T12:00:00Z', 1],
    ['2025-03-10T12:00:01Z', 1],
    ['2025-03-10T12:00:00Z', 0],
    ['2025-03-01T00:00:00Z', 0],
    [null, null],
    ['not a date', null],
  ])('ends %s: %s', (end, days) => {
    expect(trialDaysLeft(end, now)).toBe(days);
  });
});

describe('statusText', () => {
  it.each<[PlanId, BillingStatus, string | null, RegExp]>([
    ['professional', 'trialing', '2025-03-15T12:00:00Z', /^Trial of Professional: 5 days left\. Subscribe before/],
    ['professional', 'trialing', '2025-03-11T00:00:00Z', /: 1 day left\./],
    ['professional', 'trialing', '2025-03-10T12:00:00Z', /: it ends today\./],
    ['free', 'trialing', '2025-03-01T00:00:00Z', /Professional trial has ended, so this workspace is on the Free plan/],
    ['enterprise', 'active', null, /^Subscribed to Enterprise\.$/],
    ['professional', 'past_due', null, /payment failed\. Update the payment method in Manage billing to keep the Professional plan/],
    ['free', 'canceled', null, /cancelled, so this workspace is on the Free plan/],
    ['free', 'none', null, /^No subscription\.$/],
    ['enterprise', 'none', null, /^On the Enterprise plan\.$/],
  ])('%s, %s', (plan, status, trialEndsAt, text) => {
    expect(statusText({ plan, status, trialEndsAt }, now)).toMatch(text);
  });
});

describe('priceText', () => {
  it.each<[number, string]>([
    [0, 'Free'],
    [9_900, '$99 a month'],
    [49_900, '$499 a month'],
    [9_950, '$99.50 a month'],
  ])('%s cents: %s', (cents, text) => {
    expect(priceText(cents)).toBe(text);
  });
});

describe('planLimitTexts', () => {
  it('lists each limit in words, then the features', () => {
    expect(planLimitTexts(PLANS.free)).toEqual([
      'Up to 2 users',
      'Up to 5 accounts',
      '1 GB of data',
      '20 AI questions a month',
    ]);
    expect(planLimitTexts(PLANS.enterprise)).toEqual([
      'Unlimited users',
      'Unlimited accounts',
      '100 GB of data',
      'Unlimited AI questions',
      'Playbooks',
      'Integrations',
    ]);
  });
});

describe('planAction', () => {
  const view = (plan: PlanId, status: BillingStatus, billingEnabled = true) => ({ plan, status, billingEnabled });

  it.each<[PlanId, PlanId, BillingStatus, PlanAction]>([
    ['free', 'free', 'none', { kind: 'current' }],
    ['professional', 'free', 'none', { kind: 'checkout', plan: 'professional', label: 'Upgrade to Professional' }],
    ['enterprise', 'free', 'canceled', { kind: 'checkout', plan: 'enterprise', label: 'Upgrade to Enterprise' }],
    ['professional', 'professional', 'trialing', { kind: 'checkout', plan: 'professional', label: 'Subscribe to Professional' }],
    ['enterprise', 'professional', 'trialing', { kind: 'checkout', plan: 'enterprise', label: 'Upgrade to Enterprise' }],
    ['free', 'professional', 'trialing', { kind: 'none' }],
    ['professional', 'professional', 'active', { kind: 'current' }],
    ['professional', 'professional', 'past_due', { kind: 'current' }],
    ['free', 'professional', 'active', { kind: 'portal', hint: 'To return to Free, cancel the subscription in Manage billing.' }],
    ['professional', 'enterprise', 'active', { kind: 'portal', hint: 'To move to Professional, change the plan in Manage billing.' }],
  ])('the %s card, on %s (%s)', (card, plan, status, action) => {
    expect(planAction(PLANS[card], view(plan, status))).toEqual(action);
  });

  it('offers nothing when billing is off on the server', () => {
    for (const card of ['free', 'professional', 'enterprise'] as const) {
      expect(planAction(PLANS[card], view('free', 'none', false))).toEqual({ kind: 'none' });
    }
  });
});

describe('canOpenPortal', () => {
  it.each<[BillingStatus, boolean]>([
    ['active', true],
    ['past_due', true],
    ['canceled', true],
    ['trialing', false],
    ['none', false],
  ])('%s: %s', (status, open) => {
    expect(canOpenPortal(status)).toBe(open);
  });
});

describe('usageState and barPercent', () => {
  it.each<[number | null, string, number]>([
    [null, 'ok', 0],
    [0, 'ok', 0],
    [0.79, 'ok', 79],
    [0.8, 'near', 80],
    [0.999, 'near', 100],
    [1, 'full', 100],
    [2.4, 'over', 100],
  ])('fraction %s is %s, bar %s%%', (fraction, state, percent) => {
    expect(usageState({ fraction })).toBe(state);
    expect(barPercent({ fraction })).toBe(percent);
  });
});

describe('billingErrorText', () => {
  it('says plainly that the plan needs a connection', () => {
    expect(billingErrorText(offlineError(), 'load')).toMatch(/^You are offline\. The plan and usage come from the server/);
    expect(billingErrorText(offlineError(), 'checkout')).toBe('Upgrading needs a connection. Try again when you are back online.');
    expect(billingErrorText(offlineError(), 'portal')).toMatch(/^Managing billing needs a connection/);
  });

  it('names who may change the plan, and otherwise passes the server’s words on', () => {
    expect(billingErrorText(new HttpError(403, 'forbidden', 'Forbidden'), 'checkout')).toBe(
      'Only the workspace owner can change the plan.',
    );
    expect(billingErrorText(new HttpError(502, 'stripe-unavailable', 'Stripe did not answer.'), 'portal')).toBe(
      'Stripe did not answer.',
    );
    expect(billingErrorText(new Error('boom'), 'checkout')).toBe('Upgrading did not start. Try again in a moment.');
  });
});

describe('limitErrorText', () => {
  const refusal = checkLimit('free', { users: 1, accounts: 5, storageBytes: 0, aiQuestionsThisMonth: 0 }, 'accounts', 2);
  const details = refusal.ok ? null : (({ ok: _ok, ...rest }) => rest)(refusal);

  it('gives the sentence of a limit refusal and its way up', () => {
    expect(limitErrorText(details)).toBe(
      'The Free plan allows 5 accounts and this workspace has 5: the 2 new accounts were not added. Upgrade to Professional for up to 50 accounts.',
    );
    expect(limitUpgradeTarget(details)).toBe('professional');
  });

  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['validation issues', { issues: [{ path: 'name', message: 'Required' }] }],
    ['a plain string', 'over the limit'],
    ['an unknown kind', { ...details, kind: 'seats' }],
  ])('gives null for %s', (_, other) => {
    expect(limitErrorText(other)).toBeNull();
    expect(limitUpgradeTarget(other)).toBeNull();
  });
});
