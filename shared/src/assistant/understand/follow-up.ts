/**
 * "What about SMB?", "and Kestrel?", "same for NPS": the previous turn's template asked again with the one
 * thing the new question names swapped in. The previous template and its settings travel in the turn context
 * (`template`, `settings`); without them the question is classified on its own words.
 */
import type { HealthStatus } from '../../health/health';
import {
  DEFAULT_RENEWAL_DAYS,
  DEFAULT_TOP_N,
  DEFAULT_TREND_MONTHS,
  type AssistantQuery,
  type AverageGroup,
  type ChangeDirection,
  type Measure,
  type MoverDirection,
  type RetentionGroup,
  type Scope,
} from '../query';
import type { TurnContext } from '../types';
import { CUES } from './lexicon';
import type { Question } from './match';

/** Words a swap understands besides entities: "what about by segment?" regroups the previous answer. */
const SWAP_WORDS = new Set<string>([...CUES.followUp, ...CUES.groupBy]);
const CUE_WORDS = new Set<string>(Object.values(CUES).flat());

/** True when the question names only entities (and follow-up or grouping words): nothing of its own to classify. */
export function onlyEntities(q: Question): boolean {
  return [...q.a.free].every((w) => !CUE_WORDS.has(w) || SWAP_WORDS.has(w));
}

/** "by segment", "per CSM", "by category" in a follow-up; `null` when it names no grouping. */
function groupFrom(q: Question): 'segment' | 'csm' | 'category' | null {
  const words = q.a.free;
  if (words.has('segment') || words.has('segments')) return 'segment';
  if (words.has('csm') || words.has('csms') || words.has('owner') || words.has('owners') || words.has('rep') || words.has('reps')) return 'csm';
  if (words.has('category') || words.has('categories')) return 'category';
  return null;
}

function previousScope(previous: TurnContext, q: Question): Scope {
  const segment = q.a.segments[0] ?? null;
  const ownerId = q.a.members[0] ?? null;
  // A new segment replaces the segment and keeps the CSM, and the other way round: "what about SMB?" after
  // "Priya's red accounts" means Priya's red SMB accounts.
  return { segment: segment ?? previous.segment, ownerId: ownerId ?? previous.ownerId };
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

function measureFor(q: Question): Measure | null {
  return q.a.measures.find((m) => m !== 'score') ?? q.a.measures[0] ?? null;
}

function statusesFor(q: Question, previous: readonly HealthStatus[] | undefined): readonly HealthStatus[] {
  const named = q.a.statuses.flat();
  return named.length > 0 ? [...new Set(named)] : (previous ?? ['red', 'yellow']);
}

/**
 * The previous template again with this question's entities; when they do not fit it (an account after a
 * portfolio question), the nearest sensible question: the account's health, the KPI's trend for the accounts
 * of the previous turn, or the segment's summary.
 */
export function substitute(q: Question): AssistantQuery | null {
  const swapped = swap(q);
  if (swapped) return swapped;
  if (q.a.accounts.length > 0) return { template: 3, accountIds: q.a.accounts };
  const measure = measureFor(q);
  if (measure !== null && q.previous.accountIds.length > 0) {
    return { template: 7, measure, accountIds: q.previous.accountIds.slice(0, 6), period: q.a.period, months: DEFAULT_TREND_MONTHS };
  }
  if (q.a.segments.length > 0 || q.a.members.length > 0) return { template: 2, scope: previousScope(q.previous, q) };
  return null;
}

function swap(q: Question): AssistantQuery | null {
  const { previous } = q;
  const template = previous.template ?? null;
  if (template === null) return null;
  const settings = previous.settings ?? {};
  const accounts = q.a.accounts;
  const scope = previousScope(previous, q);
  const measure = measureFor(q);
  const period = q.a.period ?? previous.period;
  const n = q.a.count ?? settings.n ?? DEFAULT_TOP_N;
  switch (template) {
    case 1:
      return accounts.length > 0 ? null : { template: 1, statuses: statusesFor(q, settings.statuses), scope, accountIds: null };
    case 2:
      return accounts.length > 0 ? null : { template: 2, scope };
    case 3:
      return accounts.length > 0 ? { template: 3, accountIds: accounts } : null;
    case 4:
      return accounts.length > 0 ? { template: 4, accountIds: accounts, claimed: null } : null;
    case 5:
    case 6:
      return accounts.length > 0 ? null : { template, measure: measure ?? previous.kpi ?? 'score', n, scope };
    case 7: {
      const ids = accounts.length > 0 ? accounts : previous.accountIds;
      if (ids.length === 0) return null;
      return { template: 7, measure: measure ?? previous.kpi ?? 'score', accountIds: ids, period, months: DEFAULT_TREND_MONTHS };
    }
    case 8: {
      if (accounts.length === 0) return null;
      const first = previous.accountIds[0];
      const ids = [...new Set([...(first !== undefined && accounts.length === 1 ? [first] : []), ...accounts])];
      return ids.length >= 2 ? { template: 8, accountIds: ids } : null;
    }
    case 9:
      return accounts.length > 0
        ? null
        : { template: 9, period, groupBy: pick<RetentionGroup>(groupFrom(q) ?? settings.groupBy, ['tenant', 'segment', 'csm'], 'tenant'), scope };
    case 10:
      return accounts.length > 0
        ? null
        : { template: 10, direction: pick<MoverDirection>(settings.direction, ['expanded', 'contracted', 'churned'], 'expanded'), n, period, scope };
    case 11:
      return accounts.length > 0
        ? { template: 11, days: settings.days ?? DEFAULT_RENEWAL_DAYS, accountIds: accounts, scope }
        : { template: 11, days: q.a.windowDays ?? settings.days ?? DEFAULT_RENEWAL_DAYS, accountIds: null, scope };
    case 12:
      if (accounts.length > 0) return { template: 12, accountId: accounts[0]!, playbookId: null };
      return q.a.playbooks.length > 0 ? { template: 12, accountId: null, playbookId: q.a.playbooks[0]! } : null;
    case 13:
      return { template: 13, playbookId: q.a.playbooks[0] ?? previous.playbookId, accountId: accounts[0] ?? null };
    case 14:
      return accounts.length > 0
        ? null
        : {
            template: 14,
            direction: pick<ChangeDirection>(settings.direction, ['worse', 'better', 'any'], 'any'),
            statuses: q.a.statuses.length > 0 ? [...new Set(q.a.statuses.flat())] : (settings.statuses ?? null),
            scope,
          };
    case 15:
      return accounts.length > 0
        ? null
        : {
            template: 15,
            measure: measure ?? previous.kpi ?? 'score',
            groupBy: pick<AverageGroup>(groupFrom(q) ?? settings.groupBy, ['tenant', 'segment', 'csm', 'category'], 'tenant'),
            scope,
          };
    case 16:
      return { template: 16, accountIds: accounts.length > 0 ? accounts : null };
  }
}
