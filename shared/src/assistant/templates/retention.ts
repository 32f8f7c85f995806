/** Template 9: NRR and GRR over a period, for the tenant, a segment or a CSM, or per segment or CSM. */
import { revenueByOwner, revenueBySegment, type RevenueBridge } from '../../revenue/revenue';
import { citations, deterministic, noDataAnswer, noPeriodAnswer } from '../answer';
import { derived, memo } from '../derived';
import { formatMoney, formatRatio, plural } from '../format';
import type { AssistantQuery } from '../query';
import type { AnswerRow, AssistantAnswer, AssistantData } from '../types';
import { ownerName, scopeText } from './common';
import { bridgeMonths, coveredPeriod, scopedBridge, scopedRevenue, type BridgeMonths } from './revenue-period';

type RetentionQuery = Extract<AssistantQuery, { template: 9 }>;

const percent = (ratio: number | null): number | null => (ratio === null ? null : Math.round(ratio * 1000) / 10);

function bridgeRow(label: string, bridge: RevenueBridge): AnswerRow {
  return {
    cells: {
      group: label,
      nrr: formatRatio(bridge.nrr),
      grr: formatRatio(bridge.grr),
      startArr: formatMoney(bridge.startArr),
      expansion: formatMoney(bridge.expansion),
      contraction: formatMoney(bridge.contraction),
      churn: formatMoney(bridge.churn),
      endArr: formatMoney(bridge.totalEndArr),
      accounts: bridge.accountCount,
    },
  };
}

function movementText(bridge: RevenueBridge): string {
  const parts = [
    bridge.expansion > 0 ? `+${formatMoney(bridge.expansion)} expansion` : '',
    bridge.contraction > 0 ? `−${formatMoney(bridge.contraction)} contraction` : '',
    bridge.churn > 0 ? `−${formatMoney(bridge.churn)} churn` : '',
  ].filter((p) => p !== '');
  const moved = parts.length === 0 ? 'no expansion, contraction or churn' : parts.join(', ');
  return bridge.newArr > 0 ? `${moved}; +${formatMoney(bridge.newArr)} from new accounts` : moved;
}

function bridgeSentence(bridge: RevenueBridge): string {
  return (
    `NRR ${formatRatio(bridge.nrr)}, GRR ${formatRatio(bridge.grr)} ` +
    `(start ARR ${formatMoney(bridge.startArr)} over ${plural(bridge.accountCount, 'account')}: ${movementText(bridge)})`
  );
}

function periodText(months: BridgeMonths): string {
  return `${months.start} → ${months.end}${months.clipped ? ` (the data starts in ${months.start})` : ''}`;
}

export function retentionAnswer(query: RetentionQuery, data: AssistantData): AssistantAnswer {
  const months = bridgeMonths(data, query.period);
  if (!months) return derived(data).latest === null ? noDataAnswer(9) : noPeriodAnswer(9);
  const period = { start: months.start, end: months.end };
  const total = scopedBridge(data, months, query.scope);
  const where = query.scope.segment === null && query.scope.ownerId === null ? '' : ` for accounts${scopeText(data, query.scope)}`;
  let bridges: { label: string; bridge: RevenueBridge }[] = [{ label: 'All', bridge: total }];
  let answer = `${periodText(months)}${where}: ${bridgeSentence(total)}.`;
  if (query.groupBy !== 'tenant') {
    const accounts = scopedRevenue(data, query.scope);
    const groupKey = `groups:${query.groupBy}:${months.start}:${months.end}:${query.scope.segment ?? ''}:${query.scope.ownerId ?? ''}`;
    const groups = memo(data, groupKey, () => (query.groupBy === 'segment' ? revenueBySegment(accounts, period) : revenueByOwner(accounts, period)));
    const label = (key: string | null): string =>
      key === null ? (query.groupBy === 'segment' ? 'No segment' : 'No CSM') : query.groupBy === 'segment' ? key : (ownerName(data, key) ?? key);
    bridges = [...groups.map((g) => ({ label: label(g.key), bridge: g.bridge })), ...bridges];
    const parts = groups.map((g) => `${label(g.key)} NRR ${formatRatio(g.bridge.nrr)} / GRR ${formatRatio(g.bridge.grr)}`);
    answer = `${periodText(months)}${where}, by ${query.groupBy === 'segment' ? 'segment' : 'CSM'}: ${parts.join('; ')}. Overall ${bridgeSentence(total)}.`;
  }
  const rows = bridges.map((b) => bridgeRow(b.label, b.bridge));
  const movers = [...total.churned, ...total.contracted, ...total.expanded].map((m) => m.accountId);
  return deterministic(9, {
    answer,
    columns: [
      { key: 'group', label: query.groupBy === 'csm' ? 'CSM' : query.groupBy === 'segment' ? 'Segment' : '' },
      { key: 'nrr', label: 'NRR' },
      { key: 'grr', label: 'GRR' },
      { key: 'startArr', label: `ARR ${months.start}` },
      { key: 'expansion', label: 'Expansion' },
      { key: 'contraction', label: 'Contraction' },
      { key: 'churn', label: 'Churn' },
      { key: 'endArr', label: `ARR ${months.end}` },
      { key: 'accounts', label: 'Accounts', numeric: true },
    ],
    rows,
    chart:
      bridges.length > 1
        ? {
            type: 'bar',
            title: `NRR and GRR, ${months.start} → ${months.end}`,
            x: bridges.map((b) => b.label),
            series: [
              { label: 'NRR %', values: bridges.map((b) => percent(b.bridge.nrr)) },
              { label: 'GRR %', values: bridges.map((b) => percent(b.bridge.grr)) },
            ],
          }
        : null,
    citations: citations(data, { months: [months.start, months.end], accountIds: movers }),
    context: {
      accountIds: movers,
      segment: query.scope.segment,
      ownerId: query.scope.ownerId,
      period: coveredPeriod(months),
      kpi: 'nrr',
      settings: { groupBy: query.groupBy },
    },
  });
}
