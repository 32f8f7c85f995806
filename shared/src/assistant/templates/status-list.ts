/** Template 1: which accounts are red / at risk (or any set of statuses), worst first. */
import type { HealthStatus } from '../../health/health';
import { citations, deterministic, noDataAnswer } from '../answer';
import { churnRiskOf, currentHealth, derived, healthOf, latestValues, memo, nameKey } from '../derived';
import { formatMoney, listText, plural, shortList } from '../format';
import type { AssistantQuery } from '../query';
import type { AnswerColumn, AnswerRow, AssistantAccount, AssistantAnswer, AssistantData } from '../types';
import { inScope, nameOf, riskText, scopeText, statusRank } from './common';

type StatusQuery = Extract<AssistantQuery, { template: 1 }>;

/** A table shows at most this many rows; the sentence still counts them all. */
export const ROWS_MAX = 100;

const STATUS_NAMES: Readonly<Record<HealthStatus, string>> = {
  red: 'red',
  yellow: 'yellow',
  green: 'green',
  unknown: 'unknown (not enough data)',
};

export const HEALTH_COLUMNS: readonly AnswerColumn[] = [
  { key: 'account', label: 'Account' },
  { key: 'status', label: 'Status' },
  { key: 'score', label: 'Score', numeric: true },
  { key: 'change', label: 'Change', numeric: true },
  { key: 'risk', label: 'Churn risk' },
  { key: 'arr', label: 'ARR' },
  { key: 'renewal', label: 'Renewal' },
];

export function healthRow(data: AssistantData, accountId: string): AnswerRow {
  const health = healthOf(data, accountId);
  const arr = latestValues(data, accountId).arr;
  return {
    accountId,
    cells: {
      account: nameOf(data, accountId),
      status: health?.status ?? 'unknown',
      score: health?.score ?? null,
      change: health?.trend.delta ?? null,
      risk: riskText(churnRiskOf(data, accountId)),
      arr: arr === undefined ? null : formatMoney(arr),
      renewal: derived(data).accountById.get(accountId)?.renewalDate ?? null,
    },
  };
}

function mention(data: AssistantData, accountId: string): string {
  const score = healthOf(data, accountId)?.score;
  return score === null || score === undefined ? nameOf(data, accountId) : `${nameOf(data, accountId)} (score ${score})`;
}

interface Ranked {
  readonly id: string;
  readonly account: AssistantAccount;
  readonly status: HealthStatus;
}

/**
 * Every live account worst first (red, yellow, green, unknown; lowest score, then name), memoised: "at risk"
 * can be most of 2,000 accounts, and people ask it again with a segment or a CSM.
 */
function worstFirst(data: AssistantData): readonly Ranked[] {
  return memo(data, 'worst-first', () =>
    derived(data)
      .accounts.map((account) => {
        const health = healthOf(data, account.id);
        const status = health?.status ?? 'unknown';
        return { id: account.id, account, status, rank: statusRank(status), score: health?.score ?? 101, key: nameKey(data, account.id) };
      })
      .sort((a, b) => a.rank - b.rank || a.score - b.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1)),
  );
}

export function statusList(query: StatusQuery, data: AssistantData): AssistantAnswer {
  const portfolio = currentHealth(data);
  if (!portfolio) return noDataAnswer(1);
  const only = query.accountIds === null ? null : new Set(query.accountIds);
  const everyone = query.scope.segment === null && query.scope.ownerId === null;
  const wanted = new Set(query.statuses);
  const matches = worstFirst(data).filter((a) => wanted.has(a.status) && (only === null || only.has(a.id)) && (everyone || inScope(a.account, query.scope)));
  const ids = matches.map((m) => m.id);
  const statusWords = listText(query.statuses.map((s) => STATUS_NAMES[s])).replace(/ and /, ' or ');
  const among = only === null ? scopeText(data, query.scope) : ' among them';
  const month = portfolio.month;
  let answer: string;
  if (ids.length === 0) {
    answer = `No accounts${among} are ${statusWords} in ${month}.`;
  } else {
    const verb = ids.length === 1 ? 'is' : 'are';
    const groups = query.statuses
      .map((status) => ({ status, ids: matches.filter((m) => m.status === status).map((m) => m.id) }))
      .filter((g) => g.ids.length > 0);
    const detail =
      groups.length === 1
        ? shortList(groups[0]!.ids, (id) => mention(data, id), 8)
        : groups.map((g) => `${g.ids.length} ${STATUS_NAMES[g.status]} (${shortList(g.ids, (id) => mention(data, id), 5)})`).join('; ');
    answer = `${plural(ids.length, 'account')}${among} ${verb} ${statusWords} in ${month}: ${detail}.`;
  }
  return deterministic(1, {
    answer,
    columns: HEALTH_COLUMNS,
    rows: ids.slice(0, ROWS_MAX).map((id) => healthRow(data, id)),
    citations: citations(data, { months: [month], accountIds: ids }),
    context: { accountIds: ids, segment: query.scope.segment, ownerId: query.scope.ownerId, settings: { statuses: query.statuses } },
  });
}
