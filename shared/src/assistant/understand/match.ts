/**
 * From an analysed question (and the previous turn) to a template's query, or `null` when none fits. The
 * rules run in a fixed order, most specific first: a question about playbook *results* mentions a playbook
 * too, and one about renewals may also name a status. See README.md for the phrasings each rule accepts.
 */
import type { HealthStatus } from '../../health/health';
import type { PlaybookId } from '../../playbooks/definitions';
import {
  DEFAULT_RENEWAL_DAYS,
  DEFAULT_TOP_N,
  DEFAULT_TREND_MONTHS,
  MAX_TOP_N,
  type AssistantQuery,
  type AverageGroup,
  type ChangeDirection,
  type Measure,
  type MoverDirection,
  type Period,
  type RetentionGroup,
  type Scope,
} from '../query';
import type { AssistantData, TurnContext } from '../types';
import type { Analysis } from './analyze';
import { CUES } from './lexicon';

/** What a rule reads: the analysis, the previous turn, and helpers over both. */
export interface Question {
  readonly a: Analysis;
  readonly previous: TurnContext;
  readonly data: AssistantData;
  /** The question leans on the previous turn: "it", "what about…", or a few words and nothing else. */
  readonly followUp: boolean;
}

const MAX_COMPARED = 6;

export function has(q: Question, ...words: readonly string[]): boolean {
  return words.some((w) => q.a.free.has(w));
}

export function phrase(q: Question, text: string): boolean {
  return q.a.text.includes(` ${text} `);
}

/** The accounts a question is about: named ones, else "it" (the previous first) or "them" (all previous). */
export function targetAccounts(q: Question): string[] {
  const { a, previous } = q;
  if (a.accounts.length > 0) return [...a.accounts];
  if (a.pronoun === 'single') return previous.accountIds.slice(0, 1);
  if (a.pronoun === 'plural') return [...previous.accountIds];
  return [];
}

function scopeOf(q: Question): Scope {
  return { segment: q.a.segments[0] ?? null, ownerId: q.a.members[0] ?? null };
}

/** A named KPI before the score ("health score of NPS" never happens; "NPS score" does). */
function namedMeasure(q: Question): Measure | null {
  return q.a.measures.find((m) => m !== 'score') ?? q.a.measures[0] ?? null;
}

function measureOrPrevious(q: Question, fallback: Measure): Measure {
  return namedMeasure(q) ?? (q.followUp ? q.previous.kpi : null) ?? fallback;
}

function periodOrPrevious(q: Question): Period | null {
  return q.a.period ?? (q.followUp ? q.previous.period : null);
}

function countOr(q: Question, fallback: number): number {
  const n = q.a.count ?? (q.followUp ? q.previous.settings?.n : undefined) ?? fallback;
  return Math.min(MAX_TOP_N, Math.max(1, n));
}

function mentionedStatuses(q: Question): HealthStatus[] | null {
  if (q.a.statuses.length === 0) return null;
  return [...new Set(q.a.statuses.flat())].sort((x, y) => order(x) - order(y));
}

const STATUS_ORDER: readonly HealthStatus[] = ['red', 'yellow', 'green', 'unknown'];
const order = (s: HealthStatus): number => STATUS_ORDER.indexOf(s);

// ——— the rules, in the order they are tried ———

function dataChecks(q: Question): AssistantQuery | null {
  const strong = has(q, 'missing', 'invalid', 'incomplete', 'gaps', 'gap', 'blank', 'blanks', 'implausible', 'quality', 'outliers', 'nulls', 'holes', 'hygiene');
  const weak = has(q, 'bad', 'broken', 'wrong', 'errors', 'error', 'problems', 'issues', 'empty', 'complete') && has(q, 'data', 'values', 'value');
  if (!strong && !weak && !phrase(q, 'out of range')) return null;
  const ids = targetAccounts(q);
  return { template: 16, accountIds: ids.length > 0 ? ids : null };
}

function playbookResults(q: Question): AssistantQuery | null {
  const aboutPlaybooks = q.a.playbooks.length > 0 || has(q, 'playbook', 'playbooks', 'runs');
  const results =
    has(q, 'result', 'results', 'outcome', 'outcomes', 'success', 'successful', 'worked', 'effective', 'effectiveness', 'impact', 'met', 'performed') ||
    (has(q, 'did') && has(q, 'go', 'work')) ||
    has(q, 'completed', 'finished');
  if (!aboutPlaybooks || !results) return null;
  return { template: 13, playbookId: q.a.playbooks[0] ?? null, accountId: targetAccounts(q)[0] ?? null };
}

function playbookFit(q: Question): AssistantQuery | null {
  const playbook: PlaybookId | null = q.a.playbooks[0] ?? null;
  const aboutPlaybooks = playbook !== null || has(q, 'playbook', 'playbooks', 'play', 'plays');
  if (!aboutPlaybooks) return null;
  const asking = has(q, ...CUES.recommend) || has(q, 'which', 'what', 'who') || q.a.tokens.length <= 3;
  if (!asking) return null;
  const account = targetAccounts(q)[0] ?? null;
  return { template: 12, accountId: account, playbookId: account === null ? playbook : null };
}

function renewals(q: Question): AssistantQuery | null {
  if (!has(q, 'renewal', 'renewals', 'renew', 'renews', 'renewing', 'expiring', 'expire', 'expires')) return null;
  const ids = targetAccounts(q);
  const days = q.a.windowDays ?? (q.followUp ? q.previous.settings?.days : undefined) ?? DEFAULT_RENEWAL_DAYS;
  return { template: 11, days, accountIds: ids.length > 0 && q.a.windowDays === null ? ids : null, scope: scopeOf(q) };
}

const WORSE = ['worse', 'worsened', 'deteriorated', 'declined', 'dropped', 'slipped', 'fell', 'degraded'];
const BETTER = ['better', 'improved', 'improving', 'recovered', 'rose'];

function statusChanges(q: Question): AssistantQuery | null {
  if (q.a.accounts.length > 0 || q.a.measures.some((m) => m !== 'score')) return null;
  const moved = has(q, 'changed', 'change', 'changes', 'moved', 'move', 'moves', 'switched', 'flipped', 'turned', 'went', 'became', 'newly', ...WORSE, ...BETTER);
  if (!moved) return null;
  const aboutStatus = has(q, 'status', 'statuses', 'worse', 'better', 'improved', 'deteriorated', 'declined') || q.a.statuses.length > 0 || phrase(q, 'since last month') || q.a.measures.includes('score');
  if (!aboutStatus) return null;
  const direction: ChangeDirection = has(q, ...WORSE) ? 'worse' : has(q, ...BETTER) ? 'better' : 'any';
  return { template: 14, direction, statuses: mentionedStatuses(q), scope: scopeOf(q) };
}

const EXPANDED = ['expanded', 'expansion', 'expansions', 'expand', 'expanding', 'upsell', 'upsells', 'upsold', 'grew', 'grown', 'gained', 'growing'];
const CONTRACTED = ['contracted', 'contraction', 'contractions', 'contracting', 'shrank', 'shrunk', 'shrinking', 'downgraded', 'downgrade', 'downgrades', 'downsell', 'downsold'];
const CHURNED = ['churned', 'churn', 'cancelled', 'canceled', 'left', 'lost'];

function firstOf(q: Question, groups: readonly (readonly [MoverDirection, readonly string[]])[]): MoverDirection | null {
  let best: { direction: MoverDirection; at: number } | null = null;
  for (const [direction, words] of groups) {
    const at = q.a.tokens.findIndex((t) => words.includes(t) && q.a.free.has(t));
    if (at >= 0 && (best === null || at < best.at)) best = { direction, at };
  }
  return best?.direction ?? null;
}

function movers(q: Question): AssistantQuery | null {
  if (q.a.accounts.length > 0 || has(q, 'risk', 'rate', 'retention', 'nrr', 'grr', 'bridge')) return null;
  if (q.a.measures.some((m) => m !== 'arr' && m !== 'score')) return null;
  const direction = firstOf(q, [
    ['expanded', EXPANDED],
    ['contracted', CONTRACTED],
    ['churned', CHURNED],
  ]);
  if (direction === null) return null;
  return { template: 10, direction, n: countOr(q, DEFAULT_TOP_N), period: periodOrPrevious(q), scope: scopeOf(q) };
}

function retentionGroup(q: Question): RetentionGroup {
  if (phrase(q, 'by segment') || phrase(q, 'per segment') || phrase(q, 'each segment') || has(q, 'segments')) return 'segment';
  if (has(q, 'csm', 'csms', 'owner', 'owners', 'rep', 'reps') && !q.a.members.length) return 'csm';
  return 'tenant';
}

function retention(q: Question): AssistantQuery | null {
  if (q.a.accounts.length > 0 || q.a.pronoun !== null) return null;
  const asked =
    q.a.measures.includes('nrr') || has(q, 'grr', 'retention', 'ndr', 'bridge', 'waterfall') || (has(q, 'growth', 'grow', 'grew') && q.a.measures.includes('arr'));
  if (!asked || isRanking(q)) return null;
  return { template: 9, period: periodOrPrevious(q), groupBy: retentionGroup(q), scope: scopeOf(q) };
}

function compare(q: Question): AssistantQuery | null {
  if (!has(q, 'compare', 'compared', 'comparing', 'comparison', 'vs', 'versus', 'against', 'difference', 'differences', 'differ') && !phrase(q, 'side by side')) {
    return null;
  }
  let ids = [...q.a.accounts];
  if (q.a.pronoun === 'single' && q.previous.accountIds[0] !== undefined) ids = [q.previous.accountIds[0], ...ids];
  if (q.a.pronoun === 'plural') ids = [...q.previous.accountIds, ...ids];
  ids = [...new Set(ids)];
  if (ids.length < 2) return null;
  return { template: 8, accountIds: ids.slice(0, MAX_COMPARED) };
}

function trend(q: Question): AssistantQuery | null {
  const ids = targetAccounts(q);
  if (ids.length === 0) return null;
  const kpi = q.a.measures.find((m) => m !== 'score') ?? null;
  const asked = has(q, ...CUES.trend) || phrase(q, 'over time') || q.a.period !== null || kpi !== null;
  if (!asked) return null;
  const months = q.a.count !== null && q.a.count >= 2 && q.a.count <= 36 ? q.a.count : DEFAULT_TREND_MONTHS;
  return { template: 7, measure: measureOrPrevious(q, 'score'), accountIds: ids.slice(0, MAX_COMPARED), period: periodOrPrevious(q), months };
}

function why(q: Question): AssistantQuery | null {
  const asked = has(q, ...CUES.why) || phrase(q, 'what s wrong') || phrase(q, 'what is wrong');
  if (!asked) return null;
  const ids = targetAccounts(q);
  if (ids.length === 0) return null;
  const claimed = q.a.statuses.find((s) => s.length === 1)?.[0] ?? null;
  return { template: 4, accountIds: ids, claimed };
}

function isRanking(q: Question): boolean {
  return has(q, ...CUES.rankHigh, ...CUES.rankLow, ...CUES.rankGood, ...CUES.rankBad, ...CUES.rank);
}

function rankingTemplate(q: Question, measure: Measure): 5 | 6 {
  const lowerIsBetter = measure !== 'score' && q.data.catalog.byId[measure].direction === 'lower';
  if (has(q, ...CUES.rankLow)) return 6;
  if (has(q, ...CUES.rankGood)) return lowerIsBetter ? 6 : 5;
  if (has(q, ...CUES.rankBad)) return lowerIsBetter ? 5 : 6;
  return 5;
}

function ranking(q: Question): AssistantQuery | null {
  if (!isRanking(q) || q.a.accounts.length > 0) return null;
  const named = namedMeasure(q);
  if (q.a.statuses.length > 0 && named === null) return null;
  const sized = has(q, 'largest', 'biggest', 'smallest');
  const measure = named ?? (q.followUp ? q.previous.kpi : null) ?? (sized ? 'arr' : 'score');
  return { template: rankingTemplate(q, measure), measure, n: countOr(q, DEFAULT_TOP_N), scope: scopeOf(q) };
}

function averageGroup(q: Question): AverageGroup {
  if (has(q, 'category', 'categories')) return 'category';
  if (phrase(q, 'by segment') || phrase(q, 'per segment') || phrase(q, 'each segment') || has(q, 'segments')) return 'segment';
  if (has(q, 'csm', 'csms', 'owner', 'owners', 'rep', 'reps') && q.a.members.length === 0) return 'csm';
  return 'tenant';
}

function average(q: Question): AssistantQuery | null {
  if (!has(q, ...CUES.average) || q.a.accounts.length > 0) return null;
  const groupBy = averageGroup(q);
  return { template: 15, measure: measureOrPrevious(q, 'score'), groupBy, scope: scopeOf(q) };
}

function summaryAsked(q: Question): boolean {
  return (
    has(q, 'summary', 'summarise', 'summarize', 'overview', 'breakdown', 'overall', 'dashboard', 'snapshot', 'distribution', 'split', 'tally') ||
    phrase(q, 'by status') ||
    phrase(q, 'each status') ||
    phrase(q, 'per status')
  );
}

function statusList(q: Question): AssistantQuery | null {
  if (q.a.accounts.length > 0 || summaryAsked(q)) return null;
  // "How healthy is our portfolio?" asks for the summary, not for a list of the healthy accounts.
  if (has(q, 'how') && !has(q, 'many') && has(q, 'portfolio', 'book', 'we', 'our', 'overall')) return null;
  const statuses = mentionedStatuses(q) ?? (has(q, 'risk', 'risks', 'danger', 'trouble', 'troubled', 'concern', 'concerning', 'watch', 'worry', 'flagged', 'attention') ? (['red', 'yellow'] as HealthStatus[]) : null);
  if (statuses === null) return null;
  const narrowed = q.a.pronoun === 'plural' ? [...q.previous.accountIds] : null;
  return { template: 1, statuses, scope: scopeOf(q), accountIds: narrowed };
}

function portfolioSummary(q: Question): AssistantQuery | null {
  if (q.a.accounts.length > 0 || q.a.pronoun !== null) return null;
  const scoped = q.a.segments.length > 0 || q.a.members.length > 0;
  const asked =
    summaryAsked(q) ||
    has(q, 'portfolio', 'book', 'everyone', 'everything') ||
    (has(q, 'how') && (has(q, 'doing', 'going', 'look', 'looks', 'looking', 'performing', 'fare', 'faring', 'stand', 'standing', 'shape') || q.a.measures.includes('score'))) ||
    (has(q, 'many') && (q.a.measures.includes('score') || has(q, 'status', 'statuses'))) ||
    (q.a.measures.length === 1 && q.a.measures[0] === 'score') ||
    (scoped && q.a.measures.length === 0);
  return asked && q.a.measures.every((m) => m === 'score') ? { template: 2, scope: scopeOf(q) } : null;
}

function accountHealth(q: Question): AssistantQuery | null {
  const ids = targetAccounts(q);
  if (ids.length === 0 || q.a.measures.some((m) => m !== 'score')) return null;
  return { template: 3, accountIds: ids.slice(0, 20) };
}

/** The rules in the order they are tried. */
export const RULES: readonly ((q: Question) => AssistantQuery | null)[] = [
  dataChecks,
  playbookResults,
  playbookFit,
  renewals,
  statusChanges,
  movers,
  retention,
  compare,
  trend,
  why,
  ranking,
  average,
  statusList,
  portfolioSummary,
  accountHealth,
];

/**
 * A comparison of fewer than two accounts ("compare this quarter to last") is not template 8, and reading it
 * as any other template would answer a different question: it stops here.
 */
function unanswerableComparison(q: Question): boolean {
  const comparing = has(q, 'compare', 'compared', 'comparing', 'comparison', 'versus', 'vs', 'against');
  if (!comparing) return false;
  const named = new Set([...q.a.accounts, ...(q.a.pronoun === 'single' ? q.previous.accountIds.slice(0, 1) : q.a.pronoun === 'plural' ? q.previous.accountIds : [])]);
  return named.size < 2;
}

export function matchRules(q: Question): AssistantQuery | null {
  if (unanswerableComparison(q)) return null;
  for (const rule of RULES) {
    const query = rule(q);
    if (query) return query;
  }
  return null;
}
