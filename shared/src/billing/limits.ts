/**
 * Plan limits applied to a workspace's usage: one check the server runs before every write that grows a
 * workspace, one sentence a person can act on when it refuses, and the lines of the usage screen.
 * Pure: the caller counts the usage and passes it in.
 */
import * as v from 'valibot';
import { PLAN_IDS, PLANS, type PlanId, type PlanLimits } from './plans';

export const LIMIT_KINDS = ['users', 'accounts', 'storage', 'ai-questions'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** What a workspace holds now; `aiQuestionsThisMonth` counts only questions answered by the server's model. */
export interface Usage {
  readonly users: number;
  readonly accounts: number;
  readonly storageBytes: number;
  readonly aiQuestionsThisMonth: number;
}

/** Why a write was refused: sent to the device as the error's `details`, so it can offer the way up. */
export interface LimitExceeded {
  readonly kind: LimitKind;
  readonly plan: PlanId;
  readonly limit: number;
  readonly current: number;
  readonly requested: number;
  readonly message: string;
  readonly upgradeTo: PlanId | null;
}

/** The shape of a refusal as it arrives over the wire (an error's `details`), checked before it is trusted. */
export const LimitExceededSchema = v.object({
  kind: v.picklist(LIMIT_KINDS),
  plan: v.picklist(PLAN_IDS),
  limit: v.number(),
  current: v.number(),
  requested: v.number(),
  message: v.pipe(v.string(), v.minLength(1)),
  upgradeTo: v.nullable(v.picklist(PLAN_IDS)),
});

export function isLimitExceeded(value: unknown): value is LimitExceeded {
  return v.is(LimitExceededSchema, value);
}

export type LimitCheck = { readonly ok: true } | ({ readonly ok: false } & LimitExceeded);

const LIMIT_FIELD: Record<LimitKind, keyof PlanLimits> = {
  users: 'users',
  accounts: 'accounts',
  storage: 'storageBytes',
  'ai-questions': 'aiQuestionsPerMonth',
};

const USAGE_FIELD: Record<LimitKind, keyof Usage> = {
  users: 'users',
  accounts: 'accounts',
  storage: 'storageBytes',
  'ai-questions': 'aiQuestionsThisMonth',
};

export function isLimitKind(value: unknown): value is LimitKind {
  return typeof value === 'string' && (LIMIT_KINDS as readonly string[]).includes(value);
}

/** The plan's limit for `kind`; `null` means unlimited. */
export function limitOf(plan: PlanId, kind: LimitKind): number | null {
  return PLANS[plan].limits[LIMIT_FIELD[kind]];
}

export function usageOf(usage: Usage, kind: LimitKind): number {
  return usage[USAGE_FIELD[kind]];
}

function allows(limit: number | null, needed: number): boolean {
  return limit === null || needed <= limit;
}

/**
 * The cheapest plan dearer than `plan` whose limit for `kind` allows `needed` in total, or `null` when none
 * does (already on the largest plan, or asking beyond every plan). Only ever a step up: a cheaper plan that
 * happened to allow it would not be an upgrade.
 */
export function upgradeFor(plan: PlanId, kind: LimitKind, needed: number): PlanId | null {
  const price = PLANS[plan].priceCents;
  const candidates = PLAN_IDS.map((id) => PLANS[id])
    .filter((p) => p.priceCents > price)
    .sort((a, b) => a.priceCents - b.priceCents);
  return candidates.find((p) => allows(p.limits[LIMIT_FIELD[kind]], needed))?.id ?? null;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Binary units, as the plans are defined ("1 GB" is 1024³ bytes), at most one decimal: "1 GB", "1.5 GB", "512 MB". */
export function formatBytes(bytes: number): string {
  let value = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let unit = 0;
  while (unit < BYTE_UNITS.length - 1 && Math.round(value * 10) / 10 >= 1024) {
    value /= 1024;
    unit += 1;
  }
  // Whole bytes have no fraction; for larger units one decimal is enough to see progress.
  const rounded = unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${String(rounded)} ${BYTE_UNITS[unit]}`;
}

function count(n: number, singular: string, plural: string): string {
  return `${String(n)} ${n === 1 ? singular : plural}`;
}

/** How each kind reads in a sentence. */
interface Wording {
  /** "5 accounts", "1 GB of data". */
  readonly amount: (n: number) => string;
  /** After "this workspace": "has 5", "holds 980 MB". */
  readonly holds: (n: number) => string;
  /** What did not happen: "the 2 new accounts were not added". */
  readonly refused: (n: number) => string;
  /** After "Upgrade to X for": "unlimited accounts". */
  readonly unlimited: string;
  /** When no plan is larger: what the person can still do. */
  readonly noUpgrade: string;
  /** A line under the sentence, when there is something the person would otherwise wonder about. */
  readonly note?: string;
  readonly label: string;
}

const WORDING: Record<LimitKind, Wording> = {
  users: {
    amount: (n) => count(n, 'user', 'users'),
    holds: (n) => `has ${String(n)}`,
    refused: (n) => (n === 1 ? 'the new user was not added' : `the ${String(n)} new users were not added`),
    unlimited: 'unlimited users',
    noUpgrade: 'Remove someone who no longer needs access to make room.',
    label: 'Users',
  },
  accounts: {
    amount: (n) => count(n, 'account', 'accounts'),
    holds: (n) => `has ${String(n)}`,
    refused: (n) =>
      n === 1 ? 'the new account was not added' : `the ${String(n)} new accounts were not added`,
    unlimited: 'unlimited accounts',
    noUpgrade: 'Remove accounts you no longer need to make room.',
    label: 'Accounts',
  },
  storage: {
    amount: (n) => `${formatBytes(n)} of data`,
    holds: (n) => `holds ${formatBytes(n)}`,
    refused: (n) => `the ${formatBytes(n)} of new data was not saved`,
    unlimited: 'unlimited data',
    noUpgrade: 'Remove data you no longer need to make room.',
    label: 'Data',
  },
  'ai-questions': {
    amount: (n) => `${count(n, 'AI question', 'AI questions')} a month`,
    holds: (n) => `has asked ${String(n)} this month`,
    refused: (n) =>
      n === 1 ? 'the question was not answered' : `the ${String(n)} questions were not answered`,
    unlimited: 'unlimited AI questions',
    noUpgrade: 'The count starts again next month.',
    note: 'Questions answered on this device are not counted.',
    label: 'AI questions this month',
  },
};

function upgradeSentence(kind: LimitKind, to: PlanId | null): string {
  const wording = WORDING[kind];
  if (to === null) return wording.noUpgrade;
  const limit = limitOf(to, kind);
  const reach = limit === null ? wording.unlimited : `up to ${wording.amount(limit)}`;
  return `Upgrade to ${PLANS[to].name} for ${reach}.`;
}

/**
 * Whether adding `requested` more of `kind` stays within the plan; never refuses a decrease or zero, so a
 * workspace over its limit (after a downgrade) can always shrink. Exactly at the limit is allowed.
 */
export function checkLimit(plan: PlanId, usage: Usage, kind: LimitKind, requested: number): LimitCheck {
  if (!(requested > 0)) return { ok: true };
  const limit = limitOf(plan, kind);
  const current = usageOf(usage, kind);
  if (limit === null || current + requested <= limit) return { ok: true };
  const upgradeTo = upgradeFor(plan, kind, current + requested);
  const wording = WORDING[kind];
  const sentence =
    `The ${PLANS[plan].name} plan allows ${wording.amount(limit)} and this workspace ${wording.holds(current)}: ` +
    `${wording.refused(requested)}. ${upgradeSentence(kind, upgradeTo)}`;
  const message = wording.note ? `${sentence} ${wording.note}` : sentence;
  return { ok: false, kind, plan, limit, current, requested, message, upgradeTo };
}

/** One row of the usage screen: the bar's fraction (not capped, so "over" shows) and the words beside it. */
export interface UsageLine {
  readonly kind: LimitKind;
  readonly label: string;
  readonly used: number;
  readonly limit: number | null;
  /** used / limit; above 1 when over the limit (after a downgrade); `null` when unlimited. */
  readonly fraction: number | null;
  /** "3 of 5 accounts", "512 MB of 1 GB", "12 users (unlimited)". */
  readonly text: string;
}

function usageText(kind: LimitKind, used: number, limit: number | null): string {
  switch (kind) {
    case 'storage':
      return limit === null
        ? `${formatBytes(used)} (unlimited)`
        : `${formatBytes(used)} of ${formatBytes(limit)}`;
    case 'ai-questions':
      return limit === null
        ? `${count(used, 'AI question', 'AI questions')} this month (unlimited)`
        : `${String(used)} of ${String(limit)} AI questions this month`;
    case 'users':
    case 'accounts': {
      const noun = kind === 'users' ? ['user', 'users'] as const : ['account', 'accounts'] as const;
      return limit === null
        ? `${count(used, noun[0], noun[1])} (unlimited)`
        : `${String(used)} of ${count(limit, noun[0], noun[1])}`;
    }
  }
}

export function usageLines(plan: PlanId, usage: Usage): UsageLine[] {
  return LIMIT_KINDS.map((kind) => {
    const used = usageOf(usage, kind);
    const limit = limitOf(plan, kind);
    const fraction = limit === null ? null : limit === 0 ? (used > 0 ? 1 : 0) : used / limit;
    return { kind, label: WORDING[kind].label, used, limit, fraction, text: usageText(kind, used, limit) };
  });
}
