/** Template 13: completed runs of a playbook (or of all), their before/after values and the success rate. */
import { isKpiId, type KpiId } from '../../kpi/catalog';
import { getPlaybook, PLAYBOOK_IDS } from '../../playbooks/definitions';
import { playbookResults, type PlaybookResult } from '../../playbooks/results';
import type { PlaybookRunDoc } from '../../schemas/playbook-runs';
import { deterministic } from '../answer';
import { accountCitation } from '../answer';
import { decimals, formatKpiValue, listText, plural } from '../format';
import type { AssistantQuery } from '../query';
import type { AnswerRow, AssistantAnswer, AssistantData, Citation } from '../types';
import { nameOf } from './common';

type ResultsQuery = Extract<AssistantQuery, { template: 13 }>;

function day(timestamp: string | null): string {
  return timestamp === null ? '—' : timestamp.slice(0, 10);
}

/** "NPS −5 → 12" for each KPI the run measured before and after. */
function beforeAfter(data: AssistantData, run: PlaybookRunDoc): string {
  const outcome = run.outcome;
  if (!outcome) return '';
  const kpis = Object.keys(outcome.before).filter((k): k is KpiId => isKpiId(k));
  return kpis
    .sort((a, b) => data.catalog.order[a] - data.catalog.order[b])
    .map((kpi) => {
      const before = outcome.before[kpi];
      const after = outcome.after[kpi];
      const fmt = (v: number | undefined): string => (v === undefined ? '—' : formatKpiValue(kpi, v, data.catalog));
      return `${data.catalog.byId[kpi].name} ${fmt(before)} → ${fmt(after)}`;
    })
    .join(', ');
}

export function runCitation(data: AssistantData, run: PlaybookRunDoc): Citation {
  return {
    kind: 'playbook_run',
    ref: run.id,
    label: `${getPlaybook(run.playbookId).name} on ${nameOf(data, run.accountId)} (${run.state}${run.outcome ? `, ${run.outcome.criterionMet ? 'met' : 'not met'}` : ''})`.slice(0, 200),
  };
}

/** "median improvement in NPS: +9.4 points", from the playbook's results (the playbooks screen's figure). */
function medianText(result: PlaybookResult): string {
  const metric = result.metrics[0];
  if (!metric || metric.median === null) return '';
  const sign = metric.median > 0 ? '+' : metric.median < 0 ? '−' : '';
  return `; median improvement in ${metric.label}: ${sign}${decimals(Math.abs(metric.median), 1)}${metric.unit ? ` ${metric.unit}` : ''}`;
}

function summaryOf(data: AssistantData, result: PlaybookResult, runs: readonly PlaybookRunDoc[]): string {
  const completed = runs.filter((r) => r.state === 'completed' && r.outcome !== null);
  const open = runs.filter((r) => r.state === 'active' || r.state === 'planned');
  const openText = open.length > 0 ? ` ${plural(open.length, 'run')} under way (${listText(open.map((r) => nameOf(data, r.accountId)))}).` : '';
  if (result.successRate === null) return `${result.name}: no completed runs yet.${openText}`;
  const rate = decimals(result.successRate * 100, 0);
  const each = completed.map((r) => `${nameOf(data, r.accountId)} ${r.outcome!.criterionMet ? 'met' : 'did not meet'} it (${beforeAfter(data, r)})`);
  return `${result.name}: ${plural(result.measured, 'completed run')}, ${result.met} met the success criterion (${rate}%)${medianText(result)}: ${each.join('; ')}.${openText}`;
}

export function playbookResultsAnswer(query: ResultsQuery, data: AssistantData): AssistantAnswer {
  const runs = data.runs.filter(
    (r) => !r._deleted && (query.playbookId === null || r.playbookId === query.playbookId) && (query.accountId === null || r.accountId === query.accountId),
  );
  const playbooks = query.playbookId === null ? PLAYBOOK_IDS.filter((id) => runs.some((r) => r.playbookId === id)) : [query.playbookId];
  const scope = query.accountId === null ? '' : ` on ${nameOf(data, query.accountId)}`;
  const answer =
    runs.length === 0
      ? `No ${query.playbookId === null ? 'playbook' : getPlaybook(query.playbookId).name} runs${scope} yet.`
      : playbookResults(runs, { playbookIds: playbooks, ...(data.playbookRules ? { rules: data.playbookRules } : {}) })
          .map((result) => summaryOf(data, result, runs.filter((r) => r.playbookId === result.playbookId)))
          .join(' ');
  const shown = runs.filter((r) => r.state === 'completed' || r.state === 'active' || r.state === 'planned');
  const rows: AnswerRow[] = shown.map((r) => ({
    accountId: r.accountId,
    cells: {
      playbook: getPlaybook(r.playbookId).name,
      account: nameOf(data, r.accountId),
      state: r.state,
      started: day(r.startedAt),
      completed: day(r.completedAt),
      result: r.outcome ? beforeAfter(data, r) : null,
      met: r.outcome ? (r.outcome.criterionMet ? 'yes' : 'no') : null,
    },
  }));
  const cited = shown.slice(0, 40);
  return deterministic(13, {
    answer,
    columns: [
      { key: 'playbook', label: 'Playbook' },
      { key: 'account', label: 'Account' },
      { key: 'state', label: 'State' },
      { key: 'started', label: 'Started' },
      { key: 'completed', label: 'Completed' },
      { key: 'result', label: 'Before → after' },
      { key: 'met', label: 'Criterion met' },
    ],
    rows,
    citations: [...cited.map((r) => runCitation(data, r)), ...[...new Set(cited.map((r) => r.accountId))].slice(0, 10).map((id) => accountCitation(data, id))].slice(0, 50),
    context: { accountIds: [...new Set(shown.map((r) => r.accountId))], playbookId: query.playbookId },
  });
}
