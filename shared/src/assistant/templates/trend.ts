/** Template 7: a KPI (or the score) of one or more accounts month by month. */
import { scoreOnly } from '../../health/health';
import { addMonths, monthRange } from '../../time/months';
import type { Month } from '../../units';
import { citations, deterministic, noDataAnswer } from '../answer';
import { derived, seriesOf } from '../derived';
import { formatMeasure, measureName, signed } from '../format';
import type { AssistantQuery, Measure, Period } from '../query';
import type { AnswerRow, AssistantAnswer, AssistantData } from '../types';
import { nameOf } from './common';

type TrendQuery = Extract<AssistantQuery, { template: 7 }>;

/** The months to show: the period asked for, or the last N, never outside the data. */
export function trendMonths(data: AssistantData, period: Period | null, count: number): Month[] {
  const { earliest, latest } = derived(data);
  if (earliest === null || latest === null) return [];
  const from = period?.from ?? addMonths(latest, -(count - 1));
  const to = period?.to ?? latest;
  return monthRange(from < earliest ? earliest : from, to > latest ? latest : to);
}

function valueIn(data: AssistantData, accountId: string, measure: Measure, month: Month): number | null {
  const values = seriesOf(data, accountId).months.get(month);
  if (!values) return null;
  if (measure === 'score') return scoreOnly(values, data.catalog);
  const value = values[measure];
  return value !== undefined && Number.isFinite(value) ? value : null;
}

function describe(data: AssistantData, measure: Measure, accountId: string, months: readonly Month[], values: readonly (number | null)[]): string {
  const name = nameOf(data, accountId);
  const points = months.map((m, i) => ({ month: m, value: values[i] ?? null })).filter((p): p is { month: Month; value: number } => p.value !== null);
  const format = (v: number): string => formatMeasure(measure, v, data.catalog);
  if (points.length === 0) return `${name} has no ${measureName(measure, data.catalog)} values in that period.`;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (points.length === 1) return `${name}: ${format(last.value)} in ${last.month}.`;
  const low = points.reduce((a, b) => (b.value < a.value ? b : a));
  const high = points.reduce((a, b) => (b.value > a.value ? b : a));
  if (low.value === high.value) return `${name}: steady at ${format(last.value)} from ${first.month} to ${last.month}.`;
  return (
    `${name}: ${format(first.value)} in ${first.month} → ${format(last.value)} in ${last.month} (${signed(last.value - first.value)}); ` +
    `lowest ${format(low.value)} (${low.month}), highest ${format(high.value)} (${high.month}).`
  );
}

export function trendAnswer(query: TrendQuery, data: AssistantData): AssistantAnswer {
  const months = trendMonths(data, query.period, query.months);
  if (months.length === 0) return noDataAnswer(7);
  const name = measureName(query.measure, data.catalog);
  const lines = query.accountIds.map((id) => ({ id, values: months.map((m) => valueIn(data, id, query.measure, m)) }));
  const range = `${months[0]} to ${months[months.length - 1]}`;
  const answer = `${name}, ${range}. ${lines.map((l) => describe(data, query.measure, l.id, months, l.values)).join(' ')}`;
  const rows: AnswerRow[] = months.map((m, i) => ({
    cells: Object.fromEntries([['month', m], ...lines.map((l) => [l.id, l.values[i] ?? null] as const)]),
  }));
  return deterministic(7, {
    answer,
    columns: [{ key: 'month', label: 'Month' }, ...lines.map((l) => ({ key: l.id, label: nameOf(data, l.id), numeric: true }))],
    rows,
    chart: { type: 'line', title: `${name} by month`, x: months, series: lines.map((l) => ({ label: nameOf(data, l.id), values: l.values })) },
    citations: citations(data, { months: [months[0]!, months[months.length - 1]!], accountIds: query.accountIds }),
    context: {
      accountIds: query.accountIds,
      kpi: query.measure === 'score' ? null : query.measure,
      period: { from: months[0]!, to: months[months.length - 1]! },
    },
  });
}
