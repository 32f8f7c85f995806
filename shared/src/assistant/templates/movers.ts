/** Template 10: the accounts whose ARR expanded, contracted or churned most over a period. */
import type { AccountMovement } from '../../revenue/revenue';
import { citations, deterministic, noDataAnswer, noPeriodAnswer } from '../answer';
import { derived } from '../derived';
import { formatMoney, plural, shortList } from '../format';
import type { AssistantQuery } from '../query';
import type { AssistantAnswer, AssistantData } from '../types';
import { nameOf, scopeText } from './common';
import { bridgeMonths, coveredPeriod, scopedBridge } from './revenue-period';

type MoversQuery = Extract<AssistantQuery, { template: 10 }>;

const WORDS = {
  expanded: { title: 'Biggest expansions', none: 'No account expanded' },
  contracted: { title: 'Biggest contractions', none: 'No account contracted' },
  churned: { title: 'Churned accounts', none: 'No account churned' },
} as const;

function moveText(data: AssistantData, m: AccountMovement): string {
  const change = m.change >= 0 ? `+${formatMoney(m.change)}` : `−${formatMoney(-m.change)}`;
  return `${nameOf(data, m.accountId)} ${change} (${formatMoney(m.startArr)} → ${formatMoney(m.endArr)})`;
}

export function moversAnswer(query: MoversQuery, data: AssistantData): AssistantAnswer {
  const months = bridgeMonths(data, query.period);
  if (!months) return derived(data).latest === null ? noDataAnswer(10) : noPeriodAnswer(10);
  const bridge = scopedBridge(data, months, query.scope);
  const all = query.direction === 'expanded' ? bridge.expanded : query.direction === 'contracted' ? bridge.contracted : bridge.churned;
  const picked = all.slice(0, query.n);
  const range = `${months.start} → ${months.end}`;
  const where = query.scope.segment === null && query.scope.ownerId === null ? '' : ` among accounts${scopeText(data, query.scope)}`;
  const words = WORDS[query.direction];
  const total = all.reduce((sum, m) => sum + Math.abs(m.change), 0);
  let answer =
    picked.length === 0
      ? `${words.none}${where} from ${range}.`
      : `${words.title}${where}, ${range}: ${shortList(picked, (m) => moveText(data, m), 10)}. ` +
        `In all, ${plural(all.length, 'account')} ${query.direction}, ${formatMoney(total)} of ARR.`;
  // Churn is the extreme of contraction; a list of contractions that left it out would hide the biggest losses.
  if (query.direction === 'contracted' && bridge.churned.length > 0) {
    answer += ` Besides, ${plural(bridge.churned.length, 'account')} churned (${formatMoney(bridge.churn)}): ${shortList(bridge.churned, (m) => nameOf(data, m.accountId))}.`;
  }
  const ids = picked.map((m) => m.accountId);
  return deterministic(10, {
    answer,
    columns: [
      { key: 'account', label: 'Account' },
      { key: 'start', label: `ARR ${months.start}` },
      { key: 'end', label: `ARR ${months.end}` },
      { key: 'change', label: 'Change' },
    ],
    rows: picked.map((m) => ({
      accountId: m.accountId,
      cells: { account: nameOf(data, m.accountId), start: formatMoney(m.startArr), end: formatMoney(m.endArr), change: formatMoney(m.change) },
    })),
    chart:
      picked.length === 0
        ? null
        : {
            type: 'bar',
            title: `ARR change (dollars), ${range}`,
            x: picked.map((m) => nameOf(data, m.accountId)),
            series: [{ label: 'Change', values: picked.map((m) => m.change / 100) }],
          },
    citations: citations(data, { months: [months.start, months.end], accountIds: ids }),
    context: {
      accountIds: ids,
      kpi: 'arr',
      period: coveredPeriod(months),
      segment: query.scope.segment,
      ownerId: query.scope.ownerId,
      settings: { n: query.n, direction: query.direction },
    },
  });
}
