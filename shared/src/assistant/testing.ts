/** Test and bench inputs: the sample tenants as the device holds them, and a tiny tenant checkable by hand. */
import { sampleCases } from '../export/testing';
import type { AccountSeries } from '../health/portfolio';
import type { KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { SAMPLE_AS_OF } from '../sample/model';
import type { SampleTenant } from '../sample/model';
import { month } from '../time/months';
import type { IsoDate, Month } from '../units';
import { assistantDataFromDocuments } from './data';
import type { AssistantAccount, AssistantData } from './types';

export interface SampleAssistantCase {
  readonly tenant: SampleTenant;
  readonly data: AssistantData;
}

/** Each sample tenant's seeded documents, read as the assistant reads them, "today" being the sample's as-of day. */
export function sampleAssistantCases(): SampleAssistantCase[] {
  return sampleCases().map(({ tenant, docs }) => ({
    tenant,
    data: assistantDataFromDocuments({
      accounts: docs.accounts,
      measurements: docs.measurements,
      members: docs.members,
      runs: docs.playbook_runs,
      today: SAMPLE_AS_OF,
    }),
  }));
}

/** Every KPI green: a score of 100. */
const THRIVING: KpiValues = {
  license_utilization: 90, dau_mau: 30, feature_adoption: 70, time_to_value_days: 20, sla_breach_rate: 2, first_response_hours: 2,
  escalations: 0, tickets_per_100_users: 3, nps: 45, csat: 92, survey_response_rate: 40, nrr: 112, payment_delinquency_days: 0,
  exec_sponsor_meetings: 3, days_since_last_touch: 7, active_stakeholders: 7, qbr_attendance: 90,
};
/** Red on most KPIs. */
const STRUGGLING: KpiValues = {
  license_utilization: 50, dau_mau: 10, feature_adoption: 30, time_to_value_days: 70, sla_breach_rate: 20, first_response_hours: 30,
  escalations: 4, tickets_per_100_users: 12, nps: -20, csat: 60, survey_response_rate: 10, nrr: 90, payment_delinquency_days: 40,
  exec_sponsor_meetings: 0, days_since_last_touch: 45, active_stakeholders: 2, qbr_attendance: 30,
};
/** DOMAIN.md's worked example: score 59, yellow; drivers feature adoption and last touch (200 each). */
export const WORKED_EXAMPLE: KpiValues = {
  license_utilization: 72, dau_mau: 30, feature_adoption: 35, sla_breach_rate: 4, nps: 10, csat: 90, days_since_last_touch: 40,
};

const dollars = (amount: number): number => amount * 100;

/**
 * Four accounts over 2025-07 … 2025-09, small enough to check every number by hand:
 * - Worked Example Co (Enterprise, Ada): green, then DOMAIN.md's worked example in September (59, yellow);
 *   ARR $100k → $120k; renews 2025-11-15.
 * - Beta Labs (SMB, Ben): red throughout, an implausible NPS of 140 in August; ARR $50k → $40k; renews 2026-06-30.
 * - Gamma Retail (SMB, Ada): green, then churned in September (ARR $30k → 0); no renewal date.
 * - Delta Health (Mid-Market, Ben): new in August with three KPIs (status unknown); ARR $10k in September;
 *   renews 2025-10-10.
 * Revenue 2025-07 → 2025-09: start $180k, +$20k expansion, −$10k contraction, −$30k churn: NRR 88.9%, GRR 77.8%.
 */
export function tinyTenant(): AssistantData {
  const accounts: AssistantAccount[] = [
    { id: 'worked', name: 'Worked Example Co', segment: 'Enterprise', ownerId: 'ada', renewalDate: '2025-11-15' as IsoDate, _deleted: false },
    { id: 'beta', name: 'Beta Labs', segment: 'SMB', ownerId: 'ben', renewalDate: '2026-06-30' as IsoDate, _deleted: false },
    { id: 'gamma', name: 'Gamma Retail', segment: 'SMB', ownerId: 'ada', renewalDate: null, _deleted: false },
    { id: 'delta', name: 'Delta Health', segment: 'Mid-Market', ownerId: 'ben', renewalDate: '2025-10-10' as IsoDate, _deleted: false },
    { id: 'gone', name: 'Deleted Account', segment: 'SMB', ownerId: 'ada', renewalDate: '2025-10-01' as IsoDate, _deleted: true },
  ];
  const series: AccountSeries[] = [
    {
      accountId: 'worked',
      months: new Map<Month, KpiValues>([
        [month('2025-07'), { ...THRIVING, arr: dollars(100_000) }],
        [month('2025-08'), { ...THRIVING, arr: dollars(100_000) }],
        [month('2025-09'), { ...WORKED_EXAMPLE, arr: dollars(120_000) }],
      ]),
    },
    {
      accountId: 'beta',
      months: new Map<Month, KpiValues>([
        [month('2025-07'), { ...STRUGGLING, arr: dollars(50_000) }],
        [month('2025-08'), { ...STRUGGLING, nps: 140, arr: dollars(50_000) }],
        [month('2025-09'), { ...STRUGGLING, arr: dollars(40_000) }],
      ]),
    },
    {
      accountId: 'gamma',
      months: new Map<Month, KpiValues>([
        [month('2025-07'), { ...THRIVING, arr: dollars(30_000) }],
        [month('2025-08'), { ...THRIVING, arr: dollars(30_000) }],
        [month('2025-09'), { arr: 0 }],
      ]),
    },
    {
      accountId: 'delta',
      months: new Map<Month, KpiValues>([
        [month('2025-08'), { nps: 20, csat: 80, qbr_attendance: 60 }],
        [month('2025-09'), { nps: 25, csat: 82, qbr_attendance: 70, arr: dollars(10_000) }],
      ]),
    },
    { accountId: 'gone', months: new Map<Month, KpiValues>([[month('2025-09'), { ...STRUGGLING }]]) },
  ];
  return {
    accounts,
    series,
    catalog: DEFAULT_CATALOG,
    members: [
      { id: 'ada', name: 'Ada Lovelace' },
      { id: 'ben', name: 'Ben Okafor' },
    ],
    runs: [],
    today: '2025-09-30' as IsoDate,
  };
}
