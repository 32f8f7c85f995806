/** Template 11: renewals from today within N days (or given accounts' renewals), with their health. */
import { addDays, daysBetween, isIsoDate } from '../../time/months';
import { citations, deterministic, noDataAnswer } from '../answer';
import { churnRiskOf, currentHealth, derived, healthOf, memo } from '../derived';
import { plural, shortList } from '../format';
import type { AssistantQuery } from '../query';
import type { IsoDate } from '../../units';
import type { AssistantAccount, AssistantAnswer, AssistantData } from '../types';
import { byName, inScope, nameOf, scopeText } from './common';
import { HEALTH_COLUMNS, healthRow, ROWS_MAX } from './status-list';

type RenewalQuery = Extract<AssistantQuery, { template: 11 }>;

function healthText(data: AssistantData, id: string): string {
  const health = healthOf(data, id);
  return health && health.score !== null ? `${health.status}, score ${health.score}` : 'no status';
}

interface Renewal {
  readonly id: string;
  readonly date: IsoDate;
  readonly account: AssistantAccount;
}

/** Accounts with a valid renewal date, soonest first then by name; memoised (date checks are not free ×2,000). */
function renewalsByDate(data: AssistantData): readonly Renewal[] {
  return memo(data, 'renewals', () => {
    const compareNames = byName(data);
    return derived(data)
      .accounts.flatMap((account) => (account.renewalDate !== null && isIsoDate(account.renewalDate) ? [{ id: account.id, date: account.renewalDate, account }] : []))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : compareNames(a.id, b.id)));
  });
}

function renewalOf(data: AssistantData, id: string): IsoDate | null {
  const date = derived(data).accountById.get(id)?.renewalDate ?? null;
  return date !== null && isIsoDate(date) ? date : null;
}

function givenAccounts(query: RenewalQuery, data: AssistantData, ids: readonly string[]): AssistantAnswer {
  const sentences = ids.map((id) => {
    const date = renewalOf(data, id);
    if (date === null) return `${nameOf(data, id)} has no renewal date on file.`;
    const days = daysBetween(data.today, date);
    const when = days >= 0 ? `renews on ${date}, in ${days} days` : `had its renewal on ${date}, ${-days} days ago`;
    return `${nameOf(data, id)} ${when} (${healthText(data, id)}; churn risk ${Math.round((churnRiskOf(data, id) ?? 0) * 100)}%).`;
  });
  return deterministic(11, {
    answer: sentences.join(' '),
    columns: HEALTH_COLUMNS,
    rows: ids.map((id) => healthRow(data, id)),
    citations: citations(data, { accountIds: ids }),
    context: { accountIds: ids, settings: { days: query.days } },
  });
}

export function renewalsAnswer(query: RenewalQuery, data: AssistantData): AssistantAnswer {
  if (!currentHealth(data)) return noDataAnswer(11);
  if (query.accountIds !== null) return givenAccounts(query, data, query.accountIds);
  const until = addDays(data.today, query.days);
  const everyone = query.scope.segment === null && query.scope.ownerId === null;
  const dated = renewalsByDate(data).filter((r) => everyone || inScope(r.account, query.scope));
  if (dated.length === 0) {
    return deterministic(11, {
      answer: `No account${scopeText(data, query.scope)} has a renewal date on file, so there are no renewals to list.`,
      citations: [],
      context: { segment: query.scope.segment, ownerId: query.scope.ownerId, settings: { days: query.days } },
    });
  }
  const due = dated.filter((r) => r.date >= data.today && r.date <= until);
  const ids = due.map((d) => d.id);
  const where = scopeText(data, query.scope);
  const answer =
    due.length === 0
      ? `No accounts${where} renew in the next ${query.days} days (${data.today} to ${until}).`
      : `${plural(due.length, 'account')}${where} renew${due.length === 1 ? 's' : ''} in the next ${query.days} days (${data.today} to ${until}): ` +
        `${shortList(due, (d) => `${nameOf(data, d.id)} on ${d.date} (${healthText(data, d.id)})`, 8)}.`;
  return deterministic(11, {
    answer,
    columns: HEALTH_COLUMNS,
    rows: ids.slice(0, ROWS_MAX).map((id) => healthRow(data, id)),
    citations: citations(data, { accountIds: ids }),
    context: { accountIds: ids, segment: query.scope.segment, ownerId: query.scope.ownerId, settings: { days: query.days } },
  });
}
