/**
 * Recommendations (DOMAIN.md "Playbooks"): for each playbook, the accounts whose trigger fires, ranked by
 * how far past the trigger they are, weighted by ARR, leaving out accounts where the playbook is already
 * planned or active.
 */
import { DEFAULT_CATALOG, type Catalog } from '../kpi/overrides';
import type { Cents } from '../units';
import { PLAYBOOK_IDS, type PlaybookId } from './definitions';
import {
  DEFAULT_PLAYBOOK_RULES,
  evaluateTrigger,
  type PlaybookRules,
  type TriggerContext,
  type TriggerEvidence,
} from './triggers';

export interface RecommendationAccount extends TriggerContext {
  /** For the tie-break and the list on screen. */
  readonly name: string;
}

/** A run that is planned or active (see `isOpenRun`): the playbook is already under way on the account. */
export interface ActiveRunRef {
  readonly accountId: string;
  readonly playbookId: PlaybookId;
}

export interface RecommendOptions {
  /** The tenant's rules (`resolvePlaybookRules`); the defaults otherwise. */
  readonly rules?: Readonly<Record<PlaybookId, PlaybookRules>>;
  /** The tenant's catalog: its green–yellow bands scale the distances. */
  readonly catalog?: Catalog;
  readonly activeRuns?: readonly ActiveRunRef[];
}

export interface Recommendation {
  readonly playbookId: PlaybookId;
  readonly accountId: string;
  readonly name: string;
  /** 1 for the most pressing account of the playbook. */
  readonly rank: number;
  readonly distance: number;
  readonly arr: Cents | null;
  readonly priority: number;
  readonly evidence: readonly TriggerEvidence[];
}

export interface PlaybookRecommendations {
  readonly playbookId: PlaybookId;
  readonly accounts: readonly Recommendation[];
}

/**
 * 1 + log10(1 + ARR in dollars): 1 without ARR, 5 at $10k, 7 at $1M. Logarithmic so that ARR tilts the
 * ranking without drowning distance: a $1M account is weighted 1.4× a $10k one, not 100×, and an account
 * with no ARR on file still gets recommended.
 */
export function arrWeight(arr: Cents | null): number {
  const dollars = arr !== null && arr > 0 ? arr / 100 : 0;
  return 1 + Math.log10(1 + dollars);
}

/**
 * distance × arrWeight, rounded to 6 decimals: engines may differ in the last bit of `Math.log10`, and the
 * same accounts must come out in the same order on every device and on the server.
 */
export function recommendationPriority(distance: number, arr: Cents | null): number {
  return Math.round(distance * arrWeight(arr) * 1e6) / 1e6;
}

/** Case-insensitive by code unit, not `localeCompare`: locale data differs between devices. */
function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

type Unranked = Omit<Recommendation, 'rank'>;

/** Highest priority first; ties by larger ARR, then name, then id. */
function compareRecommendations(a: Unranked, b: Unranked): number {
  return (
    b.priority - a.priority ||
    (b.arr ?? 0) - (a.arr ?? 0) ||
    compareText(a.name, b.name) ||
    (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)
  );
}

const runKey = (accountId: string, playbookId: PlaybookId): string => `${playbookId}\u0000${accountId}`;

export function recommendPlaybooks(
  accounts: readonly RecommendationAccount[],
  options: RecommendOptions = {},
): PlaybookRecommendations[] {
  const rules = options.rules ?? DEFAULT_PLAYBOOK_RULES;
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const open = new Set((options.activeRuns ?? []).map((r) => runKey(r.accountId, r.playbookId)));
  return PLAYBOOK_IDS.map((playbookId) => {
    const candidates: Unranked[] = [];
    for (const account of accounts) {
      if (open.has(runKey(account.accountId, playbookId))) continue;
      const result = evaluateTrigger(rules[playbookId], account, catalog);
      if (!result.fired || result.distance === null) continue;
      candidates.push({
        playbookId,
        accountId: account.accountId,
        name: account.name,
        distance: result.distance,
        arr: account.arr,
        priority: recommendationPriority(result.distance, account.arr),
        evidence: result.evidence,
      });
    }
    const ranked = candidates
      .sort(compareRecommendations)
      .map((r, i): Recommendation => ({ ...r, rank: i + 1 }));
    return { playbookId, accounts: ranked };
  });
}

/** "Which playbook should this account run?": its recommendations across playbooks, highest priority first. */
export function recommendationsForAccount(
  lists: readonly PlaybookRecommendations[],
  accountId: string,
): Recommendation[] {
  // A stable sort keeps playbook order for equal priorities.
  return lists
    .flatMap((l) => l.accounts.filter((r) => r.accountId === accountId))
    .sort((a, b) => b.priority - a.priority);
}
