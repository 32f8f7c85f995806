/**
 * Template 12: which playbook an account should run, which accounts need a playbook, or every
 * recommendation: the app's own recommendations (trigger evidence, ranked by distance × ARR), never a
 * playbook already planned or active on the account.
 */
import { getPlaybook, isOpenRun, PLAYBOOK_IDS, type PlaybookId } from '../../playbooks/definitions';
import type { Recommendation } from '../../playbooks/recommend';
import { evidenceText } from '../../playbooks/evidence';
import { CITATIONS_MAX, citations, deterministic, monthCitation, noDataAnswer } from '../answer';
import { currentHealth, recommendations } from '../derived';
import { formatMoney, listText, plural, shortList } from '../format';
import type { AssistantQuery } from '../query';
import type { AnswerRow, AssistantAnswer, AssistantData } from '../types';
import { nameOf } from './common';
import { ROWS_MAX } from './status-list';

type FitQuery = Extract<AssistantQuery, { template: 12 }>;

const COLUMNS = [
  { key: 'playbook', label: 'Playbook' },
  { key: 'account', label: 'Account' },
  { key: 'rank', label: 'Rank', numeric: true },
  { key: 'evidence', label: 'Why' },
  { key: 'arr', label: 'ARR' },
] as const;

function row(r: Recommendation): AnswerRow {
  return {
    accountId: r.accountId,
    cells: {
      playbook: getPlaybook(r.playbookId).name,
      account: r.name,
      rank: r.rank,
      evidence: r.evidence.map(evidenceText).join('; '),
      arr: r.arr === null ? null : formatMoney(r.arr),
    },
  };
}

function openPlaybooks(data: AssistantData, accountId: string): PlaybookId[] {
  return data.runs.filter((r) => !r._deleted && r.accountId === accountId && isOpenRun(r.state)).map((r) => r.playbookId);
}

function forAccount(data: AssistantData, accountId: string, month: string): AssistantAnswer {
  const fits = recommendations(data)
    .flatMap((list) => list.accounts.filter((r) => r.accountId === accountId))
    .sort((a, b) => b.priority - a.priority);
  const name = nameOf(data, accountId);
  const open = openPlaybooks(data, accountId).map((id) => getPlaybook(id).name);
  const openText = open.length > 0 ? ` Already under way: ${listText(open)}.` : '';
  const answer =
    fits.length === 0
      ? `No playbook's trigger fires for ${name} in ${month}.${openText}`
      : `${name} should run ${listText(fits.map((r) => `${getPlaybook(r.playbookId).name} (${r.evidence.map(evidenceText).join('; ')})`))}.${openText}`;
  return deterministic(12, {
    answer,
    columns: COLUMNS,
    rows: fits.map(row),
    citations: citations(data, { accountIds: [accountId] }),
    context: { accountIds: [accountId], playbookId: fits[0]?.playbookId ?? null },
  });
}

function forPlaybook(data: AssistantData, playbookId: PlaybookId, month: string): AssistantAnswer {
  const list = recommendations(data).find((l) => l.playbookId === playbookId)?.accounts ?? [];
  const name = getPlaybook(playbookId).name;
  const answer =
    list.length === 0
      ? `No account needs ${name} in ${month} (or it is already under way where it would).`
      : `${plural(list.length, 'account')} need${list.length === 1 ? 's' : ''} ${name} in ${month}, most pressing first: ` +
        `${shortList(list, (r) => `${r.name} (${r.evidence.map(evidenceText).join('; ')})`, 5)}.`;
  const ids = list.map((r) => r.accountId);
  return deterministic(12, {
    answer,
    columns: COLUMNS,
    rows: list.slice(0, ROWS_MAX).map(row),
    citations: citations(data, { accountIds: ids }),
    context: { accountIds: ids, playbookId },
  });
}

function everything(data: AssistantData, month: string): AssistantAnswer {
  const lists = recommendations(data);
  const parts = lists
    .filter((l) => l.accounts.length > 0)
    .map((l) => `${getPlaybook(l.playbookId).name}: ${plural(l.accounts.length, 'account')} (top: ${l.accounts[0]!.name})`);
  const answer = parts.length === 0 ? `No playbook's trigger fires for any account in ${month}.` : `Recommended playbooks in ${month}: ${parts.join('; ')}.`;
  const rows = lists.flatMap((l) => l.accounts.slice(0, 10).map(row));
  const ids = [...new Set(lists.flatMap((l) => l.accounts.map((r) => r.accountId)))];
  return deterministic(12, {
    answer,
    columns: COLUMNS,
    rows: rows.slice(0, ROWS_MAX),
    chart: {
      type: 'bar',
      title: `Accounts per recommended playbook, ${month}`,
      x: PLAYBOOK_IDS.map((id) => getPlaybook(id).name),
      series: [{ label: 'Accounts', values: PLAYBOOK_IDS.map((id) => lists.find((l) => l.playbookId === id)?.accounts.length ?? 0) }],
    },
    citations: citations(data, { accountIds: ids }),
    context: { accountIds: ids },
  });
}

export function playbookFitAnswer(query: FitQuery, data: AssistantData): AssistantAnswer {
  const portfolio = currentHealth(data);
  if (!portfolio) return noDataAnswer(12);
  const answer =
    query.accountId !== null
      ? forAccount(data, query.accountId, portfolio.month)
      : query.playbookId !== null
        ? forPlaybook(data, query.playbookId, portfolio.month)
        : everything(data, portfolio.month);
  return { ...answer, citations: [monthCitation(portfolio.month), ...answer.citations].slice(0, CITATIONS_MAX) };
}
