/**
 * AssistantData from the documents the device (or server) stores: live measurements become one series per
 * account (cleared values left out), everything else passes through. One function, so the device, the server
 * and the tests feed the assistant the same way.
 */
import type { AccountSeries } from '../health/portfolio';
import { isKpiId, type KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG, type Catalog } from '../kpi/overrides';
import type { MeasurementDoc } from '../schemas/measurements';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import type { IsoDate, Month } from '../units';
import type { AssistantAccount, AssistantData } from './types';

export interface AssistantDocuments {
  readonly accounts: readonly AssistantAccount[];
  readonly measurements: readonly Pick<MeasurementDoc, 'accountId' | 'month' | 'values' | '_deleted'>[];
  readonly members: readonly { readonly id: string; readonly name: string }[];
  readonly runs: readonly PlaybookRunDoc[];
  readonly catalog?: Catalog;
  readonly today: IsoDate;
}

/** Series with months in calendar order, which the health engine reads fastest. */
export function seriesFromMeasurements(measurements: AssistantDocuments['measurements']): AccountSeries[] {
  const byAccount = new Map<string, [Month, KpiValues][]>();
  for (const doc of measurements) {
    if (doc._deleted) continue;
    const values: KpiValues = {};
    for (const [kpi, cell] of Object.entries(doc.values)) {
      if (isKpiId(kpi) && cell && cell.value !== null) values[kpi] = cell.value;
    }
    const months = byAccount.get(doc.accountId);
    const entry: [Month, KpiValues] = [doc.month as Month, values];
    if (months) months.push(entry);
    else byAccount.set(doc.accountId, [entry]);
  }
  return [...byAccount].map(([accountId, months]) => ({
    accountId,
    months: new Map(months.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  }));
}

export function assistantDataFromDocuments(documents: AssistantDocuments): AssistantData {
  return {
    accounts: documents.accounts,
    series: seriesFromMeasurements(documents.measurements),
    catalog: documents.catalog ?? DEFAULT_CATALOG,
    members: documents.members,
    runs: documents.runs.filter((r) => !r._deleted),
    today: documents.today,
  };
}
