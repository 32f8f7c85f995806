/**
 * Revenue intelligence, exactly as DOMAIN.md "Revenue intelligence": the ARR bridge from a start month s
 * to an end month e (churn, contraction, expansion, new) with NRR, GRR and growth, per tenant, segment or
 * CSM, and the accounts behind every figure. Also the per-account `nrr` KPI computed from ARR.
 *
 * Money stays in integer cents until the one division that makes a ratio, so sums never drift
 * (0.1 + 0.2 dollars is not 0.3; 10 + 20 cents is 30). Ratios are plain numbers (nrr 1.0523, not 105.23);
 * the caller formats them.
 */
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { addMonths, compareMonths, monthRange } from '../time/months';
import { cents, type Cents, type Month } from '../units';

/** What revenue needs to know about an account. ARR is keyed by month; a month without a key has no ARR. */
export interface RevenueAccount {
  readonly accountId: string;
  readonly segment?: string | null;
  readonly ownerId?: string | null;
  readonly arr: ReadonlyMap<Month, Cents>;
}

export interface RevenuePeriod {
  readonly start: Month;
  readonly end: Month;
}

export type Movement = 'churned' | 'contracted' | 'expanded' | 'unchanged' | 'new' | 'none';

/** One account behind a figure: its ARR in s and e (0 when it had none) and the change e − s. */
export interface AccountMovement {
  readonly accountId: string;
  readonly startArr: Cents;
  readonly endArr: Cents;
  readonly change: Cents;
}

export interface RevenueBridge {
  readonly period: RevenuePeriod;
  /** Accounts with ARR_s > 0: the base every ratio is measured against. */
  readonly accountCount: number;
  /** Σ ARR_s over the base. */
  readonly startArr: Cents;
  readonly churn: Cents;
  readonly contraction: Cents;
  readonly expansion: Cents;
  /** Σ ARR_e over the base (retained revenue): startArr + expansion − contraction − churn. */
  readonly endArr: Cents;
  /** Σ ARR_e of accounts without ARR in s. */
  readonly newArr: Cents;
  /** Σ ARR_e including new accounts: endArr + newArr. */
  readonly totalEndArr: Cents;
  /** `null` when there is no base (startArr = 0), never NaN or Infinity. */
  readonly nrr: number | null;
  readonly grr: number | null;
  readonly growth: number | null;
  /** Biggest ARR_s first. */
  readonly churned: readonly AccountMovement[];
  /** Biggest loss first. */
  readonly contracted: readonly AccountMovement[];
  /** Biggest gain first. */
  readonly expanded: readonly AccountMovement[];
  /** Biggest ARR first. */
  readonly unchanged: readonly AccountMovement[];
  /** Biggest ARR_e first. */
  readonly newAccounts: readonly AccountMovement[];
}

export interface RevenueGroup {
  /** The segment or owner id; `null` for accounts without one. */
  readonly key: string | null;
  readonly bridge: RevenueBridge;
}

/**
 * ARR is validated ≥ 0 on import; a value ≤ 0 here means "no ARR" so that a stray negative can never
 * count as revenue. DOMAIN.md treats "ARR_e = 0" and "no ARR in e" alike, and so does this.
 */
function arrIn(account: RevenueAccount, m: Month): Cents {
  const value = account.arr.get(m);
  return value !== undefined && value > 0 ? value : cents(0);
}

/** Which figure an account's ARR in s and e puts it in; `null` means no ARR that month. */
export function classifyMovement(startArr: Cents | null, endArr: Cents | null): Movement {
  const s = startArr ?? 0;
  const e = endArr ?? 0;
  if (s <= 0) return e > 0 ? 'new' : 'none';
  if (e <= 0) return 'churned';
  if (e < s) return 'contracted';
  if (e > s) return 'expanded';
  return 'unchanged';
}

/** Largest first by `key`, then by account id, so lists are the same on every device. */
function sortedBy(list: AccountMovement[], key: (m: AccountMovement) => number): AccountMovement[] {
  return list.sort(
    (a, b) => key(b) - key(a) || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
  );
}

/** A ratio of two cent sums, or `null` without a base. */
function ratio(numerator: number, base: number): number | null {
  return base > 0 ? numerator / base : null;
}

export function revenueBridge(accounts: readonly RevenueAccount[], period: RevenuePeriod): RevenueBridge {
  if (compareMonths(period.start, period.end) > 0) {
    throw new RangeError(`The start month ${period.start} must not be after the end month ${period.end}.`);
  }
  const lists: Record<Exclude<Movement, 'none'>, AccountMovement[]> = {
    churned: [],
    contracted: [],
    expanded: [],
    unchanged: [],
    new: [],
  };
  let startArr = 0;
  let endArr = 0;
  let newArr = 0;
  let churn = 0;
  let contraction = 0;
  let expansion = 0;
  for (const account of accounts) {
    const s = arrIn(account, period.start);
    const e = arrIn(account, period.end);
    const movement = classifyMovement(s, e);
    if (movement === 'none') continue;
    lists[movement].push({ accountId: account.accountId, startArr: s, endArr: e, change: cents(e - s) });
    if (movement === 'new') {
      newArr += e;
      continue;
    }
    startArr += s;
    endArr += e;
    if (movement === 'churned') churn += s;
    else if (movement === 'contracted') contraction += s - e;
    else if (movement === 'expanded') expansion += e - s;
  }
  const totalEndArr = endArr + newArr;
  return {
    period,
    accountCount:
      lists.churned.length + lists.contracted.length + lists.expanded.length + lists.unchanged.length,
    startArr: cents(startArr),
    churn: cents(churn),
    contraction: cents(contraction),
    expansion: cents(expansion),
    endArr: cents(endArr),
    newArr: cents(newArr),
    totalEndArr: cents(totalEndArr),
    nrr: ratio(startArr + expansion - contraction - churn, startArr),
    grr: ratio(startArr - contraction - churn, startArr),
    growth: ratio(totalEndArr - startArr, startArr),
    churned: sortedBy(lists.churned, (m) => m.startArr),
    contracted: sortedBy(lists.contracted, (m) => -m.change),
    expanded: sortedBy(lists.expanded, (m) => m.change),
    unchanged: sortedBy(lists.unchanged, (m) => m.startArr),
    newAccounts: sortedBy(lists.new, (m) => m.endArr),
  };
}

/**
 * One bridge per group, groups sorted by key with "no group" last. A group is its accounts' *current*
 * segment or owner: moving an account to another CSM moves its whole history with it, which is how a
 * CSM's book is reviewed. Groups with no ARR in s or e (nothing to show) are left out.
 */
export function revenueBridgeBy(
  accounts: readonly RevenueAccount[],
  period: RevenuePeriod,
  keyOf: (account: RevenueAccount) => string | null | undefined,
): RevenueGroup[] {
  const groups = new Map<string | null, RevenueAccount[]>();
  for (const account of accounts) {
    const key = keyOf(account) ?? null;
    const members = groups.get(key);
    if (members) members.push(account);
    else groups.set(key, [account]);
  }
  return [...groups.entries()]
    .map(([key, members]) => ({ key, bridge: revenueBridge(members, period) }))
    .filter((g) => g.bridge.accountCount > 0 || g.bridge.newAccounts.length > 0)
    .sort((a, b) => compareGroupKeys(a.key, b.key));
}

function compareGroupKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export function revenueBySegment(accounts: readonly RevenueAccount[], period: RevenuePeriod): RevenueGroup[] {
  return revenueBridgeBy(accounts, period, (a) => a.segment);
}

export function revenueByOwner(accounts: readonly RevenueAccount[], period: RevenuePeriod): RevenueGroup[] {
  return revenueBridgeBy(accounts, period, (a) => a.ownerId);
}

/** The `nrr` KPI's trailing window: DOMAIN.md says trailing 12 months. */
export const NRR_TRAILING_MONTHS = 12;

/** An account's `nrr` KPI computed from its own ARR, with what it was computed over so the UI can label it. */
export interface ComputedNrr {
  /** Percent, like an uploaded `nrr` (112 means 112 %), capped to the KPI's plausible range. */
  readonly value: number;
  /** Months between the base month and `month`: 12 for a full trailing year, fewer for younger accounts. */
  readonly months: number;
  readonly baseMonth: Month;
  readonly month: Month;
  readonly startArr: Cents;
  readonly endArr: Cents;
}

/**
 * The account's NRR for `month`: ARR(month) / ARR(base) in percent, where the base is `month` − 12 or,
 * for an account with less history, the earliest month of that window with ARR > 0 ("computed over N
 * months"). `null` when there is no ARR to start from. No ARR in `month` is churn, so 0 %, as in the bridge.
 *
 * The value is capped to the catalog's plausible range (0…300 %) so a computed value is never one the
 * import would reject; above 110 % the KPI is green either way.
 */
export function accountNrr(arr: ReadonlyMap<Month, Cents>, month: Month): ComputedNrr | null {
  const window = monthRange(addMonths(month, -NRR_TRAILING_MONTHS), addMonths(month, -1));
  const baseMonth = window.find((m) => (arr.get(m) ?? 0) > 0);
  if (baseMonth === undefined) return null;
  const startArr = arr.get(baseMonth)!;
  const end = arr.get(month);
  const endArr = end !== undefined && end > 0 ? end : cents(0);
  // Multiply before dividing: one rounding, so 110 000 / 100 000 is exactly 110, not 110.00000000000001.
  const percent = (endArr * 100) / startArr;
  const { min, max } = DEFAULT_CATALOG.byId.nrr.plausible;
  return {
    value: Math.min(max, Math.max(min, percent)),
    months: NRR_TRAILING_MONTHS - window.indexOf(baseMonth),
    baseMonth,
    month,
    startArr,
    endArr,
  };
}
