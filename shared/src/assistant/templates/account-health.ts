/** Templates 3 (health of an account) and 4 (why it has its status: the drivers). */
import { CATEGORIES, CATEGORY_NAMES } from '../../kpi/catalog';
import type { HealthStatus } from '../../health/health';
import { daysBetween, isIsoDate } from '../../time/months';
import { citations, deterministic, noDataAnswer } from '../answer';
import { churnRiskOf, currentHealth, derived, healthOf, latestValues } from '../derived';
import { decimals, formatKpiValue, formatMoney, listText, signed } from '../format';
import type { AssistantQuery } from '../query';
import type { AnswerRow, AssistantAnswer, AssistantData } from '../types';
import { nameOf, riskText } from './common';
import { HEALTH_COLUMNS, healthRow } from './status-list';

type HealthQuery = Extract<AssistantQuery, { template: 3 }>;
type WhyQuery = Extract<AssistantQuery, { template: 4 }>;

/** Drivers named in a sentence: the three costliest say why without reading like a list of everything. */
const DRIVERS_IN_SENTENCE = 3;

function statusPhrase(status: HealthStatus, score: number | null): string {
  if (status === 'unknown' || score === null) return 'has no status (not enough data)';
  return `is ${status} with a score of ${score}`;
}

function driverText(data: AssistantData, accountId: string, count: number): string {
  const drivers = healthOf(data, accountId)?.drivers ?? [];
  return listText(
    drivers.slice(0, count).map((d) => `${data.catalog.byId[d.kpi].name} ${formatKpiValue(d.kpi, d.value, data.catalog)} (${d.status})`),
  );
}

function renewalText(data: AssistantData, accountId: string): string {
  const date = derived(data).accountById.get(accountId)?.renewalDate ?? null;
  if (date === null || !isIsoDate(date)) return '';
  const days = daysBetween(data.today, date);
  return days >= 0 ? ` Renews ${date} (in ${days} days).` : ` Its renewal date ${date} has passed.`;
}

function accountSentence(data: AssistantData, accountId: string): string {
  const health = healthOf(data, accountId);
  const name = nameOf(data, accountId);
  if (!health) return `${name} has no data yet.`;
  const parts = [`${name} ${statusPhrase(health.status, health.score)} in ${health.month}`];
  if (health.trend.delta !== null) {
    const change = health.trend.delta === 0 ? 'unchanged since the month before' : `${signed(health.trend.delta, 0)} since the month before`;
    parts.push(`${change} (trend ${health.trend.arrow})`);
  }
  let sentence = `${parts.join(', ')}.`;
  const drivers = driverText(data, accountId, DRIVERS_IN_SENTENCE);
  if (drivers) sentence += ` Weakest: ${drivers}.`;
  const arr = latestValues(data, accountId).arr;
  if (arr !== undefined) sentence += ` ARR ${formatMoney(arr)}; churn risk ${riskText(churnRiskOf(data, accountId))}.`;
  return sentence + renewalText(data, accountId);
}

export function accountHealthAnswer(query: HealthQuery, data: AssistantData): AssistantAnswer {
  const portfolio = currentHealth(data);
  if (!portfolio) return noDataAnswer(3);
  const ids = query.accountIds;
  const single = ids.length === 1 ? healthOf(data, ids[0]!) : null;
  const categoryRows: AnswerRow[] = single
    ? CATEGORIES.map((c) => ({ cells: { category: CATEGORY_NAMES[c], score: single.categories[c] } }))
    : [];
  return deterministic(3, {
    answer: ids.map((id) => accountSentence(data, id)).join(' '),
    columns: single ? [{ key: 'category', label: 'Category' }, { key: 'score', label: 'Score', numeric: true }] : HEALTH_COLUMNS,
    rows: single ? categoryRows : ids.map((id) => healthRow(data, id)),
    chart: single
      ? {
          type: 'line',
          title: `Health score of ${nameOf(data, ids[0]!)}`,
          x: single.history.map((p) => p.month),
          series: [{ label: 'Score', values: single.history.map((p) => p.score) }],
        }
      : null,
    citations: citations(data, { months: [portfolio.month], accountIds: ids }),
    context: { accountIds: ids },
  });
}

function whySentence(data: AssistantData, accountId: string, claimed: HealthStatus | null): string {
  const health = healthOf(data, accountId);
  const name = nameOf(data, accountId);
  if (!health) return `${name} has no data yet, so there is nothing to explain.`;
  if (health.status === 'unknown') {
    return `${name} has no status in ${health.month}: its KPIs with a value carry ${decimals(health.coverage * 100, 0)}% of the scored weight, and a status needs at least 50%.`;
  }
  const correction = claimed !== null && claimed !== health.status ? `is not ${claimed} but ${health.status}` : `is ${health.status}`;
  let sentence = `${name} ${correction} (score ${health.score}) in ${health.month}`;
  if (health.critical) sentence += `; its score alone would be green, but a critical (weight 3) KPI is red, which caps it at yellow`;
  const drivers = health.drivers;
  if (drivers.length === 0) return `${sentence}: every KPI with a value is green.`;
  const named = drivers.slice(0, DRIVERS_IN_SENTENCE).map(
    (d) => `${data.catalog.byId[d.kpi].name} at ${formatKpiValue(d.kpi, d.value, data.catalog)} (${d.status}, weight ${d.weight}, costs ${d.cost} points)`,
  );
  return `${sentence}. What costs it most: ${listText(named)}.`;
}

export function whyAnswer(query: WhyQuery, data: AssistantData): AssistantAnswer {
  const portfolio = currentHealth(data);
  if (!portfolio) return noDataAnswer(4);
  const ids = query.accountIds;
  const rows: AnswerRow[] = ids.flatMap((id) =>
    (healthOf(data, id)?.drivers ?? []).map((d) => ({
      accountId: id,
      cells: {
        account: nameOf(data, id),
        kpi: data.catalog.byId[d.kpi].name,
        value: formatKpiValue(d.kpi, d.value, data.catalog),
        status: d.status,
        weight: d.weight,
        cost: d.cost,
      },
    })),
  );
  const first = ids.length === 1 ? healthOf(data, ids[0]!) : null;
  return deterministic(4, {
    answer: ids.map((id) => whySentence(data, id, query.claimed)).join(' '),
    columns: [
      { key: 'account', label: 'Account' },
      { key: 'kpi', label: 'KPI' },
      { key: 'value', label: 'Value' },
      { key: 'status', label: 'Status' },
      { key: 'weight', label: 'Weight', numeric: true },
      { key: 'cost', label: 'Points lost', numeric: true },
    ],
    rows,
    chart:
      first && first.drivers.length > 0
        ? {
            type: 'bar',
            title: `What costs ${nameOf(data, ids[0]!)} points`,
            x: first.drivers.map((d) => data.catalog.byId[d.kpi].name),
            series: [{ label: 'Points lost', values: first.drivers.map((d) => d.cost) }],
          }
        : null,
    citations: citations(data, { months: [portfolio.month], accountIds: ids }),
    context: { accountIds: ids },
  });
}
