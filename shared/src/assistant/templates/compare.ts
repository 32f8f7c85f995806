/** Template 8: accounts side by side: status, score, categories, ARR, renewal, churn risk. */
import { CATEGORIES, CATEGORY_NAMES, type Category } from '../../kpi/catalog';
import { citations, deterministic, noDataAnswer } from '../answer';
import { churnRiskOf, currentHealth, derived, healthOf, latestValues } from '../derived';
import { formatMoney, listText } from '../format';
import type { AssistantQuery } from '../query';
import type { AnswerRow, AssistantAnswer, AssistantData } from '../types';
import { nameOf, riskText } from './common';

type CompareQuery = Extract<AssistantQuery, { template: 8 }>;

function summary(data: AssistantData, id: string): string {
  const health = healthOf(data, id);
  if (!health || health.score === null) return `${nameOf(data, id)} has no status (not enough data)`;
  return `${nameOf(data, id)} is ${health.status} (score ${health.score})`;
}

/** The category where the first two accounts differ most, for the one sentence that says where the gap is. */
function widestGap(data: AssistantData, a: string, b: string): { category: Category; a: number; b: number } | null {
  const ha = healthOf(data, a);
  const hb = healthOf(data, b);
  if (!ha || !hb) return null;
  let best: { category: Category; a: number; b: number } | null = null;
  for (const category of CATEGORIES) {
    const sa = ha.categories[category];
    const sb = hb.categories[category];
    if (sa === null || sb === null) continue;
    if (best === null || Math.abs(sa - sb) > Math.abs(best.a - best.b)) best = { category, a: sa, b: sb };
  }
  return best;
}

export function compareAnswer(query: CompareQuery, data: AssistantData): AssistantAnswer {
  const portfolio = currentHealth(data);
  if (!portfolio) return noDataAnswer(8);
  const ids = query.accountIds;
  const row = (label: string, value: (id: string) => string | number | null): AnswerRow => ({
    cells: Object.fromEntries([['metric', label], ...ids.map((id) => [id, value(id)] as const)]),
  });
  const rows: AnswerRow[] = [
    row('Status', (id) => healthOf(data, id)?.status ?? 'unknown'),
    row('Score', (id) => healthOf(data, id)?.score ?? null),
    row('Change since last month', (id) => healthOf(data, id)?.trend.delta ?? null),
    ...CATEGORIES.map((c) => row(CATEGORY_NAMES[c], (id) => healthOf(data, id)?.categories[c] ?? null)),
    row('ARR', (id) => {
      const arr = latestValues(data, id).arr;
      return arr === undefined ? null : formatMoney(arr);
    }),
    row('Churn risk', (id) => riskText(churnRiskOf(data, id))),
    row('Renewal', (id) => derived(data).accountById.get(id)?.renewalDate ?? null),
  ];
  let answer = `In ${portfolio.month}: ${listText(ids.map((id) => summary(data, id)))}.`;
  const gap = ids.length >= 2 ? widestGap(data, ids[0]!, ids[1]!) : null;
  if (gap && gap.a !== gap.b) {
    answer += ` The widest gap is ${CATEGORY_NAMES[gap.category]}: ${gap.a} for ${nameOf(data, ids[0]!)} vs ${gap.b} for ${nameOf(data, ids[1]!)}.`;
  }
  return deterministic(8, {
    answer,
    columns: [{ key: 'metric', label: '' }, ...ids.map((id) => ({ key: id, label: nameOf(data, id) }))],
    rows,
    chart: {
      type: 'bar',
      title: `Category scores, ${portfolio.month}`,
      x: CATEGORIES.map((c) => CATEGORY_NAMES[c]),
      series: ids.map((id) => ({ label: nameOf(data, id), values: CATEGORIES.map((c) => healthOf(data, id)?.categories[c] ?? null) })),
    },
    citations: citations(data, { months: [portfolio.month], accountIds: ids }),
    context: { accountIds: ids },
  });
}
