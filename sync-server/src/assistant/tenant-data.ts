/**
 * One tenant's data as the query engine reads it (`AssistantData`), built from the synced documents the
 * way a device builds it from its local database (client/src/state/tenant-data.tsx), so a question gets the
 * same numbers on the server as on the phone: tombstones left out, cleared KPI values skipped, the default
 * KPI catalog (what the device scores with), CSM names from the member documents.
 *
 * Measurements are the bulk (2,000 accounts × 24 months = 48,000 documents), so PostgreSQL hands over only
 * each month's numbers, not the values' sources, clocks and histories: a fraction of the bytes to parse.
 */
import {
  DEFAULT_CATALOG,
  PLAYBOOK_SETTINGS_ID,
  isKpiId,
  readPlaybookSettings,
  resolvePlaybookRules,
  type AccountDoc,
  type AccountSeries,
  type AssistantAccount,
  type AssistantData,
  type IsoDate,
  type KpiValues,
  type Month,
  type PlaybookRunDoc,
} from '@vitals/shared';
import type { Sql, TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';

/** One month of one account: just the numbers (cleared values are already gone). */
export interface MonthValues {
  readonly accountId: string;
  readonly month: Month;
  readonly values: Readonly<Record<string, number>>;
}

/**
 * The server's `seriesFromMeasurements` (shared/src/assistant/data.ts), over the numbers-only projection: the
 * same rules — catalog KPIs only, cleared values left out (done in SQL), months in calendar order. A test
 * holds the two to the same output on the sample tenants.
 */
export function seriesFromMonths(rows: readonly MonthValues[]): AccountSeries[] {
  const byAccount = new Map<string, Map<Month, KpiValues>>();
  for (const row of rows) {
    let months = byAccount.get(row.accountId);
    if (!months) byAccount.set(row.accountId, (months = new Map()));
    const values: KpiValues = {};
    for (const [kpi, value] of Object.entries(row.values)) if (isKpiId(kpi)) values[kpi] = value;
    months.set(row.month, values);
  }
  return [...byAccount].map(([accountId, months]) => ({
    accountId,
    months: new Map([...months].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  }));
}

/** The calendar day of `now` in UTC: the server has no caller's time zone. */
export function todayOf(now: Date): IsoDate {
  return now.toISOString().slice(0, 10) as IsoDate;
}

async function readAccounts(tx: TransactionSql, tenantId: string): Promise<AssistantAccount[]> {
  const rows = await tx<{ id: string; data: AccountDoc }[]>`
    select id, data from sync_documents
    where tenant_id = ${tenantId} and collection = 'accounts' and not deleted
    order by data->>'name', id`;
  return rows.map(({ id, data }) => ({
    id,
    name: data.name,
    segment: data.segment,
    ownerId: data.ownerId,
    renewalDate: data.renewalDate,
    _deleted: false,
  }));
}

async function readMonths(tx: TransactionSql, tenantId: string): Promise<MonthValues[]> {
  const rows = await tx<{ account_id: string; month: string; values: Record<string, number> }[]>`
    select data->>'accountId' as account_id, data->>'month' as month,
      coalesce((
        select jsonb_object_agg(e.key, e.value->'value') from jsonb_each(data->'values') as e
        where jsonb_typeof(e.value->'value') = 'number'
      ), '{}'::jsonb) as values
    from sync_documents
    where tenant_id = ${tenantId} and collection = 'measurements' and not deleted`;
  return rows.map((r) => ({ accountId: r.account_id, month: r.month as Month, values: r.values }));
}

async function readRuns(tx: TransactionSql, tenantId: string): Promise<PlaybookRunDoc[]> {
  const rows = await tx<{ id: string; data: PlaybookRunDoc }[]>`
    select id, data from sync_documents
    where tenant_id = ${tenantId} and collection = 'playbook_runs' and not deleted
    order by id`;
  return rows.map(({ id, data }) => ({ ...data, id, _deleted: false }));
}

/** Member documents first (what devices show); members without one by their user account's name. */
async function readMembers(tx: TransactionSql, tenantId: string): Promise<{ id: string; name: string }[]> {
  return tx<{ id: string; name: string }[]>`
    select id, data->>'name' as name from sync_documents
    where tenant_id = ${tenantId} and collection = 'members' and not deleted
    union all
    select u.id::text, u.name from memberships m join users u on u.id = m.user_id
    where m.tenant_id = ${tenantId} and u.name <> '' and not exists (
      select 1 from sync_documents d
      where d.tenant_id = ${tenantId} and d.collection = 'members' and d.id = u.id::text and not d.deleted)
    order by name, id`;
}

/** The tenant's playbook thresholds (the `playbooks` settings document), as its devices apply them. */
async function readPlaybookOverrides(tx: TransactionSql, tenantId: string): Promise<unknown> {
  const rows = await tx<{ data: { data?: unknown } }[]>`
    select data from sync_documents
    where tenant_id = ${tenantId} and collection = 'settings' and id = ${PLAYBOOK_SETTINGS_ID} and not deleted`;
  return rows[0]?.data.data;
}

/** The tenant's data, read in one transaction under the tenant's scope (row-level security applies). */
export async function loadAssistantData(
  sql: Sql,
  options: { tenantId: string; userId: string; today: IsoDate },
): Promise<AssistantData> {
  const { tenantId, userId, today } = options;
  const { accounts, months, runs, members, settings } = await withScope(sql, { tenantId, userId }, async (tx) => ({
    accounts: await readAccounts(tx, tenantId),
    months: await readMonths(tx, tenantId),
    runs: await readRuns(tx, tenantId),
    members: await readMembers(tx, tenantId),
    settings: await readPlaybookOverrides(tx, tenantId),
  }));
  // Invalid stored thresholds are ignored, as on the devices (which tell owners on the playbooks screen).
  const { rules } = resolvePlaybookRules(readPlaybookSettings(settings).overrides);
  return {
    accounts,
    series: seriesFromMonths(months),
    catalog: DEFAULT_CATALOG,
    members,
    runs,
    today,
    playbookRules: rules,
  };
}
