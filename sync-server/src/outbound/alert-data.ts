/**
 * What the alert rules read from a tenant's synced documents: some (or all) accounts with their KPI months and
 * active playbook runs, the members (owners' managers), the alert rules and the playbook thresholds. Read in
 * one transaction under the tenant's scope, so row-level security applies as for a request.
 */
import {
  ALERT_RULES_SETTINGS_ID,
  PLAYBOOK_SETTINGS_ID,
  readAlertRuleSettings,
  readPlaybookSettings,
  resolvePlaybookRules,
  type AccountDoc,
  type AlertRuleSettings,
  type MeasurementDoc,
  type MemberDoc,
  type PlaybookId,
  type ResolvedPlaybookRules,
} from '@vitals/shared';
import type { Sql, TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';

export type MeasurementRow = Pick<MeasurementDoc, 'id' | 'accountId' | 'month' | 'values' | '_deleted'>;

export interface AlertData {
  readonly accounts: ReadonlyMap<string, AccountDoc>;
  /** Live KPI months of those accounts. */
  readonly measurements: readonly MeasurementRow[];
  /** Playbooks with a planned or active run, per account: their triggers do not alert again. */
  readonly activePlaybooks: ReadonlyMap<string, readonly PlaybookId[]>;
  readonly members: readonly MemberDoc[];
  readonly rules: AlertRuleSettings;
  readonly playbookRules: ResolvedPlaybookRules;
}

async function readAccounts(tx: TransactionSql, tenantId: string, ids: readonly string[] | null): Promise<AccountDoc[]> {
  const rows =
    ids === null
      ? await tx<{ data: AccountDoc }[]>`
          select data from sync_documents where tenant_id = ${tenantId} and collection = 'accounts' and not deleted`
      : await tx<{ data: AccountDoc }[]>`
          select d.data from sync_documents d join unnest(${tx.array([...ids])}::text[]) as k(id) on d.id = k.id
          where d.tenant_id = ${tenantId} and d.collection = 'accounts' and not d.deleted`;
  return rows.map((row) => row.data);
}

async function readMeasurements(tx: TransactionSql, tenantId: string, ids: readonly string[] | null): Promise<MeasurementRow[]> {
  const rows =
    ids === null
      ? await tx<{ data: MeasurementRow }[]>`
          select data from sync_documents where tenant_id = ${tenantId} and collection = 'measurements' and not deleted`
      : await tx<{ data: MeasurementRow }[]>`
          select d.data from sync_documents d join unnest(${tx.array([...ids])}::text[]) as k(id)
            on d.data->>'accountId' = k.id
          where d.tenant_id = ${tenantId} and d.collection = 'measurements' and d.data ? 'accountId' and not d.deleted`;
  return rows.map((row) => row.data);
}

async function readActivePlaybooks(tx: TransactionSql, tenantId: string): Promise<Map<string, PlaybookId[]>> {
  const rows = await tx<{ account_id: string; playbook_id: PlaybookId }[]>`
    select data->>'accountId' as account_id, data->>'playbookId' as playbook_id from sync_documents
    where tenant_id = ${tenantId} and collection = 'playbook_runs' and not deleted
      and data->>'state' in ('planned', 'active')`;
  const byAccount = new Map<string, PlaybookId[]>();
  for (const row of rows) byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row.playbook_id]);
  return byAccount;
}

export async function readMembers(tx: TransactionSql, tenantId: string): Promise<MemberDoc[]> {
  const rows = await tx<{ data: MemberDoc }[]>`
    select data from sync_documents where tenant_id = ${tenantId} and collection = 'members' and not deleted`;
  return rows.map((row) => row.data);
}

async function readSettings(tx: TransactionSql, tenantId: string, id: string): Promise<unknown> {
  const rows = await tx<{ data: { data?: unknown } }[]>`
    select data from sync_documents
    where tenant_id = ${tenantId} and collection = 'settings' and id = ${id} and not deleted`;
  return rows[0]?.data.data;
}

/** The tenant's alert rules as its devices show them: invalid stored rules fall back to the defaults. */
export async function readAlertRules(tx: TransactionSql, tenantId: string): Promise<AlertRuleSettings> {
  return readAlertRuleSettings(await readSettings(tx, tenantId, ALERT_RULES_SETTINGS_ID)).settings;
}

/** `accountIds` null: every account of the tenant (the periodic sweep). */
export function loadAlertData(sql: Sql, tenantId: string, accountIds: readonly string[] | null): Promise<AlertData> {
  return withScope(sql, { tenantId }, async (tx) => {
    const accounts = await readAccounts(tx, tenantId, accountIds);
    const playbookSettings = readPlaybookSettings(await readSettings(tx, tenantId, PLAYBOOK_SETTINGS_ID));
    return {
      accounts: new Map(accounts.map((account) => [account.id, account])),
      measurements: await readMeasurements(tx, tenantId, accountIds),
      activePlaybooks: await readActivePlaybooks(tx, tenantId),
      members: await readMembers(tx, tenantId),
      rules: await readAlertRules(tx, tenantId),
      playbookRules: resolvePlaybookRules(playbookSettings.overrides),
    };
  });
}
