/**
 * Template 15: the average of a KPI (or the score) over the accounts that have a value in the latest month,
 * overall or per segment or CSM; "by category" gives the average of each category score.
 */
import { CATEGORIES, CATEGORY_NAMES } from '../../kpi/catalog';
import { citations, deterministic, noDataAnswer } from '../answer';
import { derived, healthOf, memo } from '../derived';
import { decimals, formatMeasure, measureName, plural } from '../format';
import type { AssistantQuery, Measure } from '../query';
import type { AnswerRow, AssistantAnswer, AssistantData } from '../types';
import { measureValue, ownerName, scopeText, scopedAccounts } from './common';

type AverageQuery = Extract<AssistantQuery, { template: 15 }>;

interface Group {
  readonly label: string;
  readonly mean: number | null;
  readonly count: number;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

function groups(query: AverageQuery, data: AssistantData): Group[] {
  const accounts = scopedAccounts(data, query.scope);
  if (query.groupBy === 'category') {
    return CATEGORIES.map((c) => {
      const values = accounts.map((a) => healthOf(data, a.id)?.categories[c]).filter((v): v is number => v !== null && v !== undefined);
      return { label: CATEGORY_NAMES[c], mean: mean(values), count: values.length };
    });
  }
  const keyOf = (id: string): string => {
    const account = derived(data).accountById.get(id)!;
    if (query.groupBy === 'segment') return account.segment.trim() || 'No segment';
    if (query.groupBy === 'csm') return ownerName(data, account.ownerId) ?? 'No CSM';
    return 'All accounts';
  };
  const byKey = new Map<string, number[]>();
  for (const account of accounts) {
    const value = measureValue(data, account.id, query.measure);
    if (value === null) continue;
    const key = keyOf(account.id);
    const list = byKey.get(key);
    if (list) list.push(value);
    else byKey.set(key, [value]);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, values]) => ({ label, mean: mean(values), count: values.length }));
}

function valueText(measure: Measure, value: number | null, data: AssistantData): string {
  return value === null ? 'no value' : measure === 'score' ? decimals(value) : formatMeasure(measure, Math.round(value * 10) / 10, data.catalog);
}

export function averagesAnswer(query: AverageQuery, data: AssistantData): AssistantAnswer {
  const latest = derived(data).latest;
  if (latest === null) return noDataAnswer(15);
  const list = memo(data, `averages:${query.measure}:${query.groupBy}:${query.scope.segment ?? ''}:${query.scope.ownerId ?? ''}`, () => groups(query, data));
  const where = query.scope.segment === null && query.scope.ownerId === null ? '' : ` for accounts${scopeText(data, query.scope)}`;
  const measure: Measure = query.groupBy === 'category' ? 'score' : query.measure;
  const name = query.groupBy === 'category' ? 'Category scores' : measureName(query.measure, data.catalog);
  let answer: string;
  if (list.every((g) => g.mean === null)) {
    answer = `No accounts${where} have a ${name} value in ${latest}.`;
  } else if (query.groupBy === 'tenant') {
    const g = list[0]!;
    answer = `The average ${name}${where} in ${latest} is ${valueText(measure, g.mean, data)}, over ${plural(g.count, 'account')} with a value.`;
  } else {
    const by = query.groupBy === 'csm' ? 'CSM' : query.groupBy;
    const parts = list.map((g) => `${g.label} ${valueText(measure, g.mean, data)} (${plural(g.count, 'account')})`);
    answer = query.groupBy === 'category' ? `Average category scores${where} in ${latest}: ${parts.join(', ')}.` : `Average ${name} by ${by}${where} in ${latest}: ${parts.join(', ')}.`;
  }
  const rows: AnswerRow[] = list.map((g) => ({ cells: { group: g.label, average: g.mean === null ? null : Math.round(g.mean * 10) / 10, accounts: g.count } }));
  return deterministic(15, {
    answer,
    columns: [
      { key: 'group', label: query.groupBy === 'csm' ? 'CSM' : query.groupBy === 'tenant' ? '' : query.groupBy === 'segment' ? 'Segment' : 'Category' },
      { key: 'average', label: `Average ${name}`, numeric: true },
      { key: 'accounts', label: 'Accounts', numeric: true },
    ],
    rows,
    chart:
      list.length > 1
        ? { type: 'bar', title: `Average ${name}, ${latest}`, x: list.map((g) => g.label), series: [{ label: name, values: list.map((g) => (g.mean === null ? null : Math.round(g.mean * 10) / 10)) }] }
        : null,
    citations: citations(data, { months: [latest] }),
    context: {
      kpi: query.measure === 'score' ? null : query.measure,
      segment: query.scope.segment,
      ownerId: query.scope.ownerId,
      settings: { groupBy: query.groupBy },
    },
  });
}
