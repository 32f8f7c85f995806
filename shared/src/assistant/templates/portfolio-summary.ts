/** Template 2: the portfolio's health in one look: accounts by status now and the change since the month before. */
import type { HealthStatus } from '../../health/health';
import { emptyCounts } from '../../health/portfolio';
import { previousMonth } from '../../time/months';
import { citations, deterministic, noDataAnswer } from '../answer';
import { currentHealth, healthOf } from '../derived';
import { plural, signed } from '../format';
import type { AssistantQuery } from '../query';
import type { AssistantAnswer, AssistantData } from '../types';
import { scopeText, scopedAccounts, STATUS_ORDER } from './common';

type SummaryQuery = Extract<AssistantQuery, { template: 2 }>;

const LABEL: Readonly<Record<HealthStatus, string>> = { green: 'green', yellow: 'yellow', red: 'red', unknown: 'unknown' };

export function portfolioSummary(query: SummaryQuery, data: AssistantData): AssistantAnswer {
  const portfolio = currentHealth(data);
  if (!portfolio) return noDataAnswer(2);
  const accounts = scopedAccounts(data, query.scope);
  const now = emptyCounts();
  const before = emptyCounts();
  let scoreSum = 0;
  let scored = 0;
  for (const account of accounts) {
    const health = healthOf(data, account.id);
    now[health?.status ?? 'unknown']++;
    before[health?.previousStatus ?? 'unknown']++;
    if (health?.score !== null && health?.score !== undefined) {
      scoreSum += health.score;
      scored++;
    }
  }
  const month = portfolio.month;
  const previous = previousMonth(month);
  const order: HealthStatus[] = ['green', 'yellow', 'red', 'unknown'];
  const counts = order.map((s) => `${now[s]} ${LABEL[s]}`).join(', ');
  const changes = order.filter((s) => now[s] !== before[s]).map((s) => `${LABEL[s]} ${signed(now[s] - before[s], 0)}`);
  const change = changes.length === 0 ? `no change in the counts since ${previous}` : `since ${previous}: ${changes.join(', ')}`;
  const average = scored === 0 ? '' : ` The average score is ${Math.round(scoreSum / scored)}.`;
  const answer = `In ${month}, of ${plural(accounts.length, 'account')}${scopeText(data, query.scope)}: ${counts}; ${change}.${average}`;
  return deterministic(2, {
    answer,
    columns: [
      { key: 'status', label: 'Status' },
      { key: 'now', label: month, numeric: true },
      { key: 'before', label: previous, numeric: true },
      { key: 'change', label: 'Change', numeric: true },
    ],
    rows: STATUS_ORDER.map((s) => ({ cells: { status: s, now: now[s], before: before[s], change: now[s] - before[s] } })),
    chart: {
      type: 'bar',
      title: `Accounts by status, ${previous} and ${month}`,
      x: STATUS_ORDER.map((s) => LABEL[s]),
      series: [
        { label: previous, values: STATUS_ORDER.map((s) => before[s]) },
        { label: month, values: STATUS_ORDER.map((s) => now[s]) },
      ],
    },
    citations: citations(data, { months: [month, previous] }),
    context: { segment: query.scope.segment, ownerId: query.scope.ownerId },
  });
}
