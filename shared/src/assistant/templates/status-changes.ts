/**
 * Template 14: accounts whose status changed since the month before. "Worse" and "better" compare red <
 * yellow < green; a move to or from unknown (an account without enough data, or churned) is a change but
 * neither worse nor better, so it shows only when any change is asked for.
 */
import type { HealthStatus } from '../../health/health';
import { previousMonth } from '../../time/months';
import { citations, deterministic, noDataAnswer } from '../answer';
import { currentHealth, derived, healthOf, memo } from '../derived';
import { plural, shortList } from '../format';
import type { AssistantQuery, ChangeDirection } from '../query';
import type { AssistantAnswer, AssistantData } from '../types';
import { byName, inScope, nameOf, scopeText } from './common';
import { ROWS_MAX } from './status-list';

type ChangesQuery = Extract<AssistantQuery, { template: 14 }>;

const LEVEL: Readonly<Record<HealthStatus, number | null>> = { red: 0, yellow: 1, green: 2, unknown: null };

function directionOf(from: HealthStatus, to: HealthStatus): ChangeDirection {
  const a = LEVEL[from];
  const b = LEVEL[to];
  if (a === null || b === null) return 'any';
  return b < a ? 'worse' : 'better';
}

interface Change {
  readonly id: string;
  readonly from: HealthStatus;
  readonly to: HealthStatus;
  readonly score: number | null;
  readonly delta: number | null;
  readonly direction: ChangeDirection;
}

const DIRECTION_ORDER: Readonly<Record<ChangeDirection, number>> = { worse: 0, better: 1, any: 2 };

/** Every account whose status changed, worse first, then better, then to or from unknown, by name; memoised. */
function allChanges(data: AssistantData): readonly Change[] {
  return memo(data, 'status-changes', () => {
    const compareNames = byName(data);
    return derived(data)
      .accounts.map((a) => ({ id: a.id, health: healthOf(data, a.id) }))
      .filter((a) => a.health !== null && a.health.status !== a.health.previousStatus)
      .map(({ id, health }) => ({ id, from: health!.previousStatus, to: health!.status, score: health!.score, delta: health!.trend.delta, direction: directionOf(health!.previousStatus, health!.status) }))
      .sort((a, b) => DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] || compareNames(a.id, b.id));
  });
}

export function statusChangesAnswer(query: ChangesQuery, data: AssistantData): AssistantAnswer {
  const portfolio = currentHealth(data);
  if (!portfolio) return noDataAnswer(14);
  const month = portfolio.month;
  const previous = previousMonth(month);
  const everyone = query.scope.segment === null && query.scope.ownerId === null;
  const accounts = derived(data).accountById;
  const changes = allChanges(data)
    .filter((c) => everyone || inScope(accounts.get(c.id)!, query.scope))
    .filter((c) => query.direction === 'any' || c.direction === query.direction)
    .filter((c) => query.statuses === null || query.statuses.includes(c.to));
  const where = scopeText(data, query.scope);
  const kind = query.direction === 'any' ? 'changed status' : query.direction === 'worse' ? 'got worse' : 'improved';
  const target = query.statuses === null ? '' : ` to ${query.statuses.join(' or ')}`;
  const text = (c: (typeof changes)[number]): string => `${nameOf(data, c.id)} ${c.from} → ${c.to}${c.score === null ? '' : ` (score ${c.score})`}`;
  let answer: string;
  if (changes.length === 0) {
    answer = `No accounts${where} ${query.statuses === null ? kind : `moved${target}`} between ${previous} and ${month}.`;
  } else if (query.direction === 'any' && query.statuses === null) {
    const worse = changes.filter((c) => c.direction === 'worse');
    const better = changes.filter((c) => c.direction === 'better');
    const other = changes.filter((c) => c.direction === 'any');
    const parts = [
      worse.length > 0 ? `${worse.length} worse (${shortList(worse, text, 5)})` : '',
      better.length > 0 ? `${better.length} better (${shortList(better, text, 5)})` : '',
      other.length > 0 ? `${other.length} to or from unknown (${shortList(other, text, 5)})` : '',
    ].filter((p) => p !== '');
    answer = `${plural(changes.length, 'account')}${where} changed status between ${previous} and ${month}: ${parts.join('; ')}.`;
  } else {
    const verb = query.statuses === null ? kind : `moved${target}`;
    answer = `${plural(changes.length, 'account')}${where} ${verb} between ${previous} and ${month}: ${shortList(changes, text, 8)}.`;
  }
  const ids = changes.map((c) => c.id);
  return deterministic(14, {
    answer,
    columns: [
      { key: 'account', label: 'Account' },
      { key: 'from', label: previous },
      { key: 'to', label: month },
      { key: 'score', label: 'Score', numeric: true },
      { key: 'delta', label: 'Change', numeric: true },
    ],
    rows: changes.slice(0, ROWS_MAX).map((c) => ({
      accountId: c.id,
      cells: { account: nameOf(data, c.id), from: c.from, to: c.to, score: c.score, delta: c.delta },
    })),
    citations: citations(data, { months: [previous, month], accountIds: ids }),
    context: {
      accountIds: ids,
      segment: query.scope.segment,
      ownerId: query.scope.ownerId,
      settings: { direction: query.direction, ...(query.statuses === null ? {} : { statuses: query.statuses }) },
    },
  });
}
