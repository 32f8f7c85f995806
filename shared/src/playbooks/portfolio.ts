/**
 * Recommendations for a whole tenant from its stored data: each account's trigger context as of one month
 * (`buildTriggerContext`), ranked per playbook, leaving out playbooks already open on an account. The app's
 * playbooks screen, the account card and `vitals playbooks` all ask here, so they agree.
 */
import type { AccountSeries } from '../health/portfolio';
import type { Catalog } from '../kpi/overrides';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import { monthRange } from '../time/months';
import type { IsoDate, Month } from '../units';
import { isOpenRun, type PlaybookId } from './definitions';
import { buildTriggerContext } from './context';
import {
  recommendPlaybooks,
  type ActiveRunRef,
  type PlaybookRecommendations,
  type RecommendationAccount,
} from './recommend';
import type { PlaybookRules } from './triggers';

export interface PortfolioAccount {
  readonly id: string;
  readonly name: string;
  readonly renewalDate: IsoDate | null;
}

export interface PortfolioRecommendationInput {
  readonly accounts: readonly PortfolioAccount[];
  readonly series: readonly AccountSeries[];
  /** The month judged: the latest month with data, usually. */
  readonly month: Month;
  readonly catalog?: Catalog;
  /** The tenant's rules (`resolvePlaybookRules`); the defaults otherwise. */
  readonly rules?: Readonly<Record<PlaybookId, PlaybookRules>>;
  readonly runs?: readonly PlaybookRunDoc[];
}

export interface PortfolioRecommendations {
  readonly month: Month;
  readonly lists: readonly PlaybookRecommendations[];
  /** Every account's trigger context, by id: what a new run's evidence is taken from. */
  readonly contexts: ReadonlyMap<string, RecommendationAccount>;
}

/** The planned and active runs, which block recommending their playbook on their account again. */
export function openRunRefs(runs: readonly PlaybookRunDoc[]): ActiveRunRef[] {
  return runs
    .filter((r) => !r._deleted && isOpenRun(r.state))
    .map((r) => ({ accountId: r.accountId, playbookId: r.playbookId }));
}

function firstMonth(series: readonly AccountSeries[], month: Month): Month {
  let first = month;
  for (const s of series) for (const m of s.months.keys()) if (m < first) first = m;
  return first;
}

export function portfolioRecommendations(input: PortfolioRecommendationInput): PortfolioRecommendations {
  const catalog = input.catalog ?? DEFAULT_CATALOG;
  const seriesById = new Map(input.series.map((s) => [s.accountId, s]));
  // Status history runs over every month of the tenant's data, so a gap in one account counts as unknown.
  const months = monthRange(firstMonth(input.series, input.month), input.month);
  const contexts = new Map<string, RecommendationAccount>();
  for (const account of input.accounts) {
    const series = seriesById.get(account.id) ?? { accountId: account.id, months: new Map() };
    const context = buildTriggerContext({
      series,
      month: input.month,
      months,
      renewalDate: account.renewalDate,
      catalog,
    });
    contexts.set(account.id, { ...context, name: account.name });
  }
  const lists = recommendPlaybooks([...contexts.values()], {
    catalog,
    ...(input.rules ? { rules: input.rules } : {}),
    activeRuns: openRunRefs(input.runs ?? []),
  });
  return { month: input.month, lists, contexts };
}
