/** Templates 5 and 6: the top (highest values first) or bottom (lowest first) N accounts by a KPI or the score. */
import { citations, deterministic, noDataAnswer } from '../answer';
import { derived, healthOf, memo, nameKey } from '../derived';
import { formatMeasure, measureName, plural, shortList } from '../format';
import type { AssistantQuery, Measure } from '../query';
import type { AssistantAnswer, AssistantData } from '../types';
import { inScope, isChurned, measureValue, nameOf, scopeText } from './common';

type RankQuery = Extract<AssistantQuery, { template: 5 | 6 }>;

/** A note for KPIs where "top" is not "best", so a list of the highest SLA breach rates is not read as praise. */
function directionNote(query: RankQuery, data: AssistantData): string {
  if (query.measure === 'score') return '';
  const direction = data.catalog.byId[query.measure].direction;
  if (direction === 'lower') return ' (lower is better)';
  return '';
}

interface Ranked {
  readonly id: string;
  readonly value: number;
  readonly key: string;
}

const byNameKey = (a: Ranked, b: Ranked): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every account with a value of the measure in the latest month, in the template's order (highest first for
 * 5, lowest first for 6), ties by name; memoised per measure and order, so "top 5 by NPS" then "top 10" on
 * 2,000 accounts sorts once.
 */
function sortedByMeasure(data: AssistantData, measure: Measure, template: 5 | 6): readonly Ranked[] {
  const sign = template === 5 ? -1 : 1;
  return memo(data, `ranked:${measure}:${template}`, () =>
    derived(data)
      .accounts.filter((a) => !isChurned(data, a.id))
      .map((a) => ({ id: a.id, value: measureValue(data, a.id, measure), key: nameKey(data, a.id) }))
      .filter((a): a is Ranked => a.value !== null)
      .sort((a, b) => sign * (a.value - b.value) || byNameKey(a, b)),
  );
}

export function ranking(query: RankQuery, data: AssistantData): AssistantAnswer {
  const latest = derived(data).latest;
  if (latest === null) return noDataAnswer(query.template);
  const sorted = sortedByMeasure(data, query.measure, query.template);
  const everyone = query.scope.segment === null && query.scope.ownerId === null;
  const accounts = derived(data).accountById;
  const picked: Ranked[] = [];
  for (const entry of sorted) {
    if (picked.length >= query.n) break;
    if (everyone || inScope(accounts.get(entry.id)!, query.scope)) picked.push(entry);
  }
  const ids = picked.map((p) => p.id);
  const name = measureName(query.measure, data.catalog);
  const which = query.template === 5 ? 'Top' : 'Bottom';
  const where = scopeText(data, query.scope);
  const answer =
    picked.length === 0
      ? `No accounts${where} have a ${name} value in ${latest}.`
      : `${which} ${plural(picked.length, 'account')} by ${name}${where} in ${latest}${directionNote(query, data)}: ` +
        `${shortList(picked, (p) => `${nameOf(data, p.id)} (${formatMeasure(query.measure, p.value, data.catalog)})`, 10)}.`;
  return deterministic(query.template, {
    answer,
    columns: [
      { key: 'rank', label: '#', numeric: true },
      { key: 'account', label: 'Account' },
      { key: 'value', label: name, numeric: true },
      { key: 'status', label: 'Status' },
    ],
    rows: picked.map((p, i) => ({
      accountId: p.id,
      cells: { rank: i + 1, account: nameOf(data, p.id), value: p.value, status: healthOf(data, p.id)?.status ?? 'unknown' },
    })),
    chart:
      picked.length === 0
        ? null
        : { type: 'bar', title: `${name}, ${latest}`, x: picked.map((p) => nameOf(data, p.id)), series: [{ label: name, values: picked.map((p) => p.value) }] },
    citations: citations(data, { months: [latest], accountIds: ids }),
    context: {
      accountIds: ids,
      kpi: query.measure === 'score' ? null : query.measure,
      segment: query.scope.segment,
      ownerId: query.scope.ownerId,
      settings: { n: query.n },
    },
  });
}
