/**
 * What many questions need from one tenant's data, computed at most once per `AssistantData` object: the
 * live accounts, the latest month, the portfolio's health in it, trigger contexts, revenue inputs. A question
 * then costs a lookup and a sort, not a rescoring of 2,000 accounts × 24 months (DESIGN.md: < 10 ms).
 *
 * Keyed by the data object in a WeakMap: the device builds a new object when its data changes, so the cache
 * can never serve numbers of older data, and it goes away with the object.
 */
import { portfolioHealth, type AccountHealth, type AccountSeries, type PortfolioHealth } from '../health/portfolio';
import type { KpiValues } from '../kpi/catalog';
import { buildTriggerContext } from '../playbooks/context';
import { isOpenRun } from '../playbooks/definitions';
import { recommendPlaybooks, type PlaybookRecommendations, type RecommendationAccount } from '../playbooks/recommend';
import type { RevenueAccount } from '../revenue/revenue';
import { monthRange } from '../time/months';
import { cents, type Cents, type Month } from '../units';
import type { AssistantAccount, AssistantData } from './types';

export interface Derived {
  /** Accounts not deleted, in the data's order. */
  readonly accounts: readonly AssistantAccount[];
  readonly accountById: ReadonlyMap<string, AssistantAccount>;
  readonly seriesById: ReadonlyMap<string, AccountSeries>;
  readonly memberName: ReadonlyMap<string, string>;
  /** Every month with a value, oldest first. */
  readonly months: readonly Month[];
  /** "Current": the latest month with data in the portfolio, not the calendar month of `today`. */
  readonly latest: Month | null;
  readonly earliest: Month | null;
}

interface Cache {
  readonly derived: Derived;
  health?: PortfolioHealth | null;
  healthById?: ReadonlyMap<string, AccountHealth>;
  recommendations?: readonly PlaybookRecommendations[];
  contexts?: ReadonlyMap<string, RecommendationAccount>;
  /** Contexts built one at a time for a single account's churn risk, before (or without) all of them. */
  readonly contextById: Map<string, RecommendationAccount | null>;
  nameKeys?: ReadonlyMap<string, string>;
  revenue?: readonly RevenueAccount[];
  /** Anything else a module memoises, by a key it owns. */
  readonly extra: Map<string, unknown>;
}

const caches = new WeakMap<AssistantData, Cache>();

function derive(data: AssistantData): Derived {
  const accounts = data.accounts.filter((a) => !a._deleted);
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const seriesById = new Map<string, AccountSeries>();
  const monthSet = new Set<Month>();
  for (const series of data.series) {
    if (!accountById.has(series.accountId)) continue;
    seriesById.set(series.accountId, series);
    for (const m of series.months.keys()) monthSet.add(m);
  }
  const months = [...monthSet].sort();
  return {
    accounts,
    accountById,
    seriesById,
    memberName: new Map(data.members.map((m) => [m.id, m.name])),
    months,
    latest: months.at(-1) ?? null,
    earliest: months[0] ?? null,
  };
}

function cacheOf(data: AssistantData): Cache {
  let cache = caches.get(data);
  if (!cache) {
    cache = { derived: derive(data), extra: new Map(), contextById: new Map() };
    caches.set(data, cache);
  }
  return cache;
}

export function derived(data: AssistantData): Derived {
  return cacheOf(data).derived;
}

/** Memoises `compute` for this data object under `key`. */
export function memo<T>(data: AssistantData, key: string, compute: () => T): T {
  const { extra } = cacheOf(data);
  if (extra.has(key)) return extra.get(key) as T;
  const value = compute();
  extra.set(key, value);
  return value;
}

const EMPTY_SERIES = new Map<Month, KpiValues>();

/** An account's series, empty when it has no values yet. */
export function seriesOf(data: AssistantData, accountId: string): AccountSeries {
  return derived(data).seriesById.get(accountId) ?? { accountId, months: EMPTY_SERIES };
}

/** The portfolio's health in the latest month, every live account included; `null` without any data. */
export function currentHealth(data: AssistantData): PortfolioHealth | null {
  const cache = cacheOf(data);
  if (cache.health === undefined) {
    const { accounts, latest } = cache.derived;
    cache.health = latest === null ? null : portfolioHealth(accounts.map((a) => seriesOf(data, a.id)), latest, data.catalog);
  }
  return cache.health;
}

export function healthOf(data: AssistantData, accountId: string): AccountHealth | null {
  const cache = cacheOf(data);
  if (!cache.healthById) cache.healthById = new Map((currentHealth(data)?.accounts ?? []).map((h) => [h.accountId, h]));
  return cache.healthById.get(accountId) ?? null;
}

/** The value of a KPI in the latest month, `undefined` when the account has none then. */
export function latestValues(data: AssistantData, accountId: string): KpiValues {
  const latest = derived(data).latest;
  return (latest && derived(data).seriesById.get(accountId)?.months.get(latest)) || {};
}

function contextFor(data: AssistantData, account: AssistantAccount, months: readonly Month[], latest: Month): RecommendationAccount {
  const context = buildTriggerContext({
    series: seriesOf(data, account.id),
    month: latest,
    months,
    renewalDate: account.renewalDate,
    catalog: data.catalog,
  });
  return { ...context, name: account.name };
}

function contextMonths(data: AssistantData): Month[] {
  const { earliest, latest } = derived(data);
  return memo(data, 'context-months', () => (earliest === null || latest === null ? [] : monthRange(earliest, latest)));
}

/**
 * Each live account's trigger context in the latest month, built the one way the app builds it
 * (`buildTriggerContext`): the status of every month, churn risk, days to renewal, ARR. About 0.15 ms an
 * account on 24 months, so only playbook questions build them all.
 */
export function triggerContexts(data: AssistantData): ReadonlyMap<string, RecommendationAccount> {
  const cache = cacheOf(data);
  if (!cache.contexts) {
    const { accounts, latest } = cache.derived;
    const contexts = new Map<string, RecommendationAccount>();
    if (latest !== null) {
      const months = contextMonths(data);
      for (const account of accounts) contexts.set(account.id, cache.contextById.get(account.id) ?? contextFor(data, account, months, latest));
    }
    cache.contexts = contexts;
  }
  return cache.contexts;
}

/** Churn risk (0…1) of an account in the latest month, from its trigger context (built alone when needed). */
export function churnRiskOf(data: AssistantData, accountId: string): number | null {
  const cache = cacheOf(data);
  if (cache.contexts) return cache.contexts.get(accountId)?.churnRisk ?? null;
  if (!cache.contextById.has(accountId)) {
    const account = cache.derived.accountById.get(accountId);
    const latest = cache.derived.latest;
    cache.contextById.set(accountId, account && latest !== null ? contextFor(data, account, contextMonths(data), latest) : null);
  }
  return cache.contextById.get(accountId)?.churnRisk ?? null;
}

/** Lower-cased names for sorting by name without lower-casing on every comparison. */
export function nameKey(data: AssistantData, accountId: string): string {
  const cache = cacheOf(data);
  if (!cache.nameKeys) cache.nameKeys = new Map(cache.derived.accounts.map((a) => [a.id, a.name.toLowerCase()]));
  return cache.nameKeys.get(accountId) ?? accountId;
}

/** Recommendations per playbook, leaving out playbooks already planned or active on an account. */
export function recommendations(data: AssistantData): readonly PlaybookRecommendations[] {
  const cache = cacheOf(data);
  if (!cache.recommendations) {
    const activeRuns = data.runs
      .filter((r) => !r._deleted && isOpenRun(r.state))
      .map((r) => ({ accountId: r.accountId, playbookId: r.playbookId }));
    cache.recommendations = recommendPlaybooks([...triggerContexts(data).values()], {
      catalog: data.catalog,
      activeRuns,
      ...(data.playbookRules ? { rules: data.playbookRules } : {}),
    });
  }
  return cache.recommendations;
}

/** Revenue inputs: each live account's current segment and CSM and its ARR (cents) by month. */
export function revenueAccounts(data: AssistantData): readonly RevenueAccount[] {
  const cache = cacheOf(data);
  if (!cache.revenue) {
    cache.revenue = cache.derived.accounts.map((account) => {
      const arr = new Map<Month, Cents>();
      for (const [m, values] of seriesOf(data, account.id).months) {
        const value = values.arr;
        // ARR is stored in whole cents; anything else is not money and is left out rather than rounded.
        if (value !== undefined && Number.isSafeInteger(value)) arr.set(m, cents(value));
      }
      return { accountId: account.id, segment: account.segment.trim() || null, ownerId: account.ownerId, arr };
    });
  }
  return cache.revenue;
}
