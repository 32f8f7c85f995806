/**
 * Header and KPI-name matching: case- and punctuation-insensitive, with the synonyms people use.
 * Every lookup goes through a `Map`, so a header such as `__proto__` or `constructor` is just an unknown name.
 */
import { DEFAULT_KPIS, type KpiId } from '../kpi/catalog';
import { closestMatch, normalizeName } from '../text/normalize';

export type LongColumn = 'account' | 'kpi' | 'month' | 'value';

export const COLUMN_SYNONYMS: Readonly<Record<LongColumn, readonly string[]>> = {
  account: [
    'account', 'account name', 'customer', 'customer name', 'client', 'client name', 'company', 'company name',
    'organisation', 'organization', 'organisation name', 'organization name', 'customer account', 'client account',
  ],
  kpi: ['kpi', 'kpi id', 'kpi name', 'metric', 'metric name', 'measure', 'measure name', 'indicator', 'indicator name'],
  month: [
    'month', 'period', 'date', 'reporting month', 'reporting period', 'reporting date', 'report month', 'as of',
    'as of date', 'month end', 'period end', 'snapshot month',
  ],
  value: ['value', 'amount', 'actual', 'result', 'reading', 'kpi value', 'metric value', 'measure value'],
};

/** The columns of the optional accounts sheet. */
export type AccountColumn = 'account' | 'segment' | 'owner' | 'renewalDate';

export const ACCOUNT_COLUMN_SYNONYMS: Readonly<Record<AccountColumn, readonly string[]>> = {
  // "Name" alone means the account only on a sheet about accounts.
  account: [...COLUMN_SYNONYMS.account, 'name'],
  segment: ['segment', 'customer segment', 'account segment', 'market segment', 'tier', 'customer tier', 'account tier'],
  owner: [
    'owner', 'account owner', 'owner email', 'csm', 'csm name', 'csm email', 'assigned csm', 'cs owner',
    'customer success manager', 'success manager', 'account manager',
  ],
  renewalDate: [
    'renewal date', 'renewal', 'next renewal', 'next renewal date', 'renews on', 'renewal on', 'contract end',
    'contract end date', 'contract renewal date', 'term end', 'term end date',
  ],
};

function synonymMap<TColumn extends string>(synonyms: Readonly<Record<TColumn, readonly string[]>>): Map<string, TColumn> {
  return new Map(
    (Object.entries(synonyms) as [TColumn, readonly string[]][]).flatMap(([column, names]) =>
      names.map((name) => [normalizeName(name), column] as const),
    ),
  );
}

const COLUMN_BY_NAME = synonymMap(COLUMN_SYNONYMS);
const ACCOUNT_COLUMN_BY_NAME = synonymMap(ACCOUNT_COLUMN_SYNONYMS);

/** Headers are short; a longer cell is data, and is not worth normalising. */
const HEADER_MAX_LENGTH = 200;

function headerKey(header: unknown): string | null {
  return typeof header === 'string' && header.length <= HEADER_MAX_LENGTH ? normalizeName(header) : null;
}

export function matchLongColumn(header: unknown): LongColumn | null {
  const key = headerKey(header);
  return key === null ? null : (COLUMN_BY_NAME.get(key) ?? null);
}

export function matchAccountColumn(header: unknown): AccountColumn | null {
  const key = headerKey(header);
  return key === null ? null : (ACCOUNT_COLUMN_BY_NAME.get(key) ?? null);
}

/** Names people give the KPIs beyond the catalog's own aliases (the catalog stays the one place for KPIs). */
const MORE_KPI_NAMES: Readonly<Partial<Record<KpiId, readonly string[]>>> = {
  license_utilization: ['license utilisation', 'licence utilization', 'seat usage', 'licenses used', 'utilization'],
  dau_mau: ['dau to mau', 'dau mau %'],
  feature_adoption: ['feature adoption rate', 'key feature adoption rate', 'key feature usage'],
  time_to_value_days: ['time to value days', 'days to value', 'ttfv', 'onboarding days'],
  sla_breach_rate: ['sla breach %', 'sla misses', 'sla miss rate'],
  first_response_hours: ['first response hours', 'first reply time', 'avg first response', 'first response time hrs'],
  escalations: ['number of escalations', 'no of escalations', 'escalated tickets'],
  tickets_per_100_users: ['tickets per 100', 'ticket rate'],
  nps: ['nps score', 'net promoter score nps'],
  csat: ['csat score', 'satisfaction score', 'customer satisfaction csat'],
  survey_response_rate: ['survey rate'],
  nrr: ['ndr', 'net dollar retention'],
  payment_delinquency_days: ['days past due', 'dpd', 'payment overdue days', 'days overdue payment'],
  arr: ['annual revenue', 'recurring revenue'],
  exec_sponsor_meetings: ['executive sponsor meetings', 'exec sponsor meetings 90 days', 'sponsor meetings'],
  days_since_last_touch: ['days since last touch', 'days since contact', 'days since last contact csm'],
  active_stakeholders: ['number of stakeholders', 'engaged stakeholders'],
  qbr_attendance: ['qbr attendance %', 'qbr attended'],
};

const KPI_BY_NAME = new Map<string, KpiId>();
function addKpiName(name: string, id: KpiId): void {
  const key = normalizeName(name);
  if (key !== '' && !KPI_BY_NAME.has(key)) KPI_BY_NAME.set(key, id);
}
for (const k of DEFAULT_KPIS) for (const name of [k.id, k.id.replace(/_/g, ' '), k.name, ...k.aliases]) addKpiName(name, k.id);
// "Stickiness (DAU/MAU)" is also known by its parenthesised part alone; "Net revenue retention (trailing …)" by its head.
for (const k of DEFAULT_KPIS) addKpiName(k.name.replace(/\s*\(.*\)\s*$/, ''), k.id);
for (const k of DEFAULT_KPIS) for (const name of MORE_KPI_NAMES[k.id] ?? []) addKpiName(name, k.id);

const KPI_CANDIDATES = [...KPI_BY_NAME].map(([key, value]) => ({ key, value }));

/**
 * Words a header adds around a KPI's name: its unit ("ARR (USD)", "Time to value (days)", "CSAT %" after
 * normalising) or "score". Stripped from the end only when the whole header is not a known name already.
 */
const TRAILING_WORDS: ReadonlySet<string> = new Set([
  'pct', 'percent', 'percentage', 'days', 'day', 'hours', 'hrs', 'hr', 'usd', 'eur', 'gbp', 'chf', 'count', 'score',
  'rate', 'in', 'of', 'per', 'month', 'monthly', 'total', 'value',
]);

/** The KPI a header or cell names, or `null`. */
export function matchKpi(text: unknown): KpiId | null {
  const key = headerKey(text);
  if (key === null || key === '') return null;
  const exact = KPI_BY_NAME.get(key);
  if (exact) return exact;
  const words = key.split(' ');
  while (words.length > 1 && TRAILING_WORDS.has(words[words.length - 1]!)) {
    words.pop();
    const found = KPI_BY_NAME.get(words.join(' '));
    if (found) return found;
  }
  return null;
}

/** Longer text is not a mistyped KPI name; the edit distance would only cost time. */
const SUGGEST_MAX_LENGTH = 60;

/** The KPI an unknown name most likely meant, for "did you mean …?". */
export function suggestKpi(text: string): KpiId | null {
  if (text.length > SUGGEST_MAX_LENGTH) return null;
  return closestMatch(text, KPI_CANDIDATES);
}

/** Every name `matchKpi` knows, for tests and for a "which names are accepted" help text. */
export function kpiNames(): ReadonlyMap<string, KpiId> {
  return KPI_BY_NAME;
}
