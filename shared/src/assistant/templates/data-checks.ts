/**
 * Template 16: accounts with missing or invalid data. Checked against the catalog:
 * - missing: a KPI without a value in the latest month (the `nrr` KPI is left out, since it is computed from
 *   ARR where not uploaded), or no values at all that month;
 * - invalid: a value outside the KPI's plausible range, or not a finite number, in any month;
 * - a missing renewal date or CSM, but only when the tenant keeps them for other accounts (a file of KPI
 *   values alone has none, and listing every account for it would hide the real gaps).
 * Accounts that churned (ARR 0 and nothing else in the latest month) are gone, not incomplete.
 */
import { KPI_IDS, type KpiId } from '../../kpi/catalog';
import type { Month } from '../../units';
import { citations, deterministic, noDataAnswer } from '../answer';
import { derived, healthOf, memo, seriesOf } from '../derived';
import { decimals, plural, shortList } from '../format';
import type { AssistantQuery } from '../query';
import type { AnswerRow, AssistantAnswer, AssistantData } from '../types';
import { isChurned, nameOf } from './common';
import { ROWS_MAX } from './status-list';

type ChecksQuery = Extract<AssistantQuery, { template: 16 }>;

export interface InvalidValue {
  readonly kpi: KpiId;
  readonly month: Month;
  readonly value: number;
}

export interface AccountDataProblems {
  readonly accountId: string;
  /** KPIs without a value in the latest month. */
  readonly missing: readonly KpiId[];
  readonly noValuesInLatest: boolean;
  readonly invalid: readonly InvalidValue[];
  readonly noRenewalDate: boolean;
  readonly noOwner: boolean;
}

const EXPECTED: readonly KpiId[] = KPI_IDS.filter((id) => id !== 'nrr');

function checkAccount(data: AssistantData, accountId: string, usesRenewals: boolean, usesOwners: boolean): AccountDataProblems | null {
  const { latest, accountById } = derived(data);
  const series = seriesOf(data, accountId);
  const current = latest === null ? undefined : series.months.get(latest);
  if (isChurned(data, accountId)) return null;
  const invalid: InvalidValue[] = [];
  for (const [month, values] of series.months) {
    for (const kpi of KPI_IDS) {
      const value = values[kpi];
      if (value === undefined) continue;
      const { min, max } = data.catalog.byId[kpi].plausible;
      if (!Number.isFinite(value) || value < min || value > max) invalid.push({ kpi, month, value });
    }
  }
  const missing = current === undefined ? [...EXPECTED] : EXPECTED.filter((kpi) => current[kpi] === undefined);
  const account = accountById.get(accountId)!;
  const problems: AccountDataProblems = {
    accountId,
    missing,
    noValuesInLatest: current === undefined,
    invalid,
    noRenewalDate: usesRenewals && account.renewalDate === null,
    noOwner: usesOwners && account.ownerId === null,
  };
  const any = missing.length > 0 || invalid.length > 0 || problems.noRenewalDate || problems.noOwner;
  return any ? problems : null;
}

/** Every account's problems, scanned once per data object: 2,000 accounts × 24 months is ~860,000 values. */
export function dataProblems(data: AssistantData): readonly AccountDataProblems[] {
  return memo(data, 'data-problems', () => {
    const accounts = derived(data).accounts;
    const usesRenewals = accounts.some((a) => a.renewalDate !== null);
    const usesOwners = accounts.some((a) => a.ownerId !== null);
    return accounts.map((a) => checkAccount(data, a.id, usesRenewals, usesOwners)).filter((p): p is AccountDataProblems => p !== null);
  });
}

function problemText(data: AssistantData, p: AccountDataProblems): string {
  const parts: string[] = [];
  if (p.noValuesInLatest) parts.push('no values in the latest month');
  else if (p.missing.length > 0) parts.push(`${p.missing.length} of ${EXPECTED.length} KPIs missing`);
  if (healthOf(data, p.accountId)?.status === 'unknown' && !p.noValuesInLatest) parts.push('status unknown');
  if (p.invalid.length > 0) parts.push(plural(p.invalid.length, 'invalid value'));
  if (p.noRenewalDate) parts.push('no renewal date');
  if (p.noOwner) parts.push('no CSM');
  return parts.join(', ');
}

function invalidText(data: AssistantData, p: AccountDataProblems, v: InvalidValue): string {
  const { min, max } = data.catalog.byId[v.kpi].plausible;
  const range = Number.isFinite(max) ? `${min}…${max}` : `at least ${min}`;
  return `${nameOf(data, p.accountId)} ${data.catalog.byId[v.kpi].name} ${decimals(v.value, 2)} in ${v.month} (plausible ${range})`;
}

export function dataChecksAnswer(query: ChecksQuery, data: AssistantData): AssistantAnswer {
  const latest = derived(data).latest;
  if (latest === null) return noDataAnswer(16);
  const only = query.accountIds === null ? null : new Set(query.accountIds);
  const problems = dataProblems(data).filter((p) => only === null || only.has(p.accountId));
  const invalid = problems.flatMap((p) => p.invalid.map((v) => invalidText(data, p, v)));
  let answer: string;
  if (problems.length === 0) {
    answer =
      only === null
        ? `Every account has complete, valid data in ${latest}.`
        : `${shortList(query.accountIds!, (id) => nameOf(data, id))}: complete, valid data in ${latest}.`;
  } else {
    answer = `${plural(problems.length, 'account')} ${problems.length === 1 ? 'has' : 'have'} missing or invalid data (latest month ${latest}): ${shortList(problems, (p) => `${nameOf(data, p.accountId)} (${problemText(data, p)})`, 6)}.`;
    answer += invalid.length === 0 ? ' No values are outside their plausible range.' : ` Invalid values: ${shortList(invalid, (text) => text, 5)}.`;
  }
  const rows: AnswerRow[] = problems.slice(0, ROWS_MAX).map((p) => ({
    accountId: p.accountId,
    cells: {
      account: nameOf(data, p.accountId),
      problems: problemText(data, p),
      missing: p.missing.map((k) => data.catalog.byId[k].name).join(', ') || null,
      invalid: p.invalid.map((v) => `${data.catalog.byId[v.kpi].name} ${decimals(v.value, 2)} (${v.month})`).join(', ') || null,
    },
  }));
  const ids = problems.map((p) => p.accountId);
  return deterministic(16, {
    answer,
    columns: [
      { key: 'account', label: 'Account' },
      { key: 'problems', label: 'Problems' },
      { key: 'missing', label: `Missing in ${latest}` },
      { key: 'invalid', label: 'Invalid values' },
    ],
    rows,
    citations: citations(data, { months: [latest], accountIds: ids }),
    context: { accountIds: ids },
  });
}
