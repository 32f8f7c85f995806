/**
 * A question with its entities resolved: what the classifier makes of a sentence and what an LLM tool call
 * makes of its arguments. Templates run on these alone, so a typed question and a tool call that mean the
 * same thing get the same answer.
 */
import type { HealthStatus } from '../health/health';
import type { KpiId } from '../kpi/catalog';
import type { PlaybookId } from '../playbooks/definitions';
import type { Month } from '../units';

/** A KPI of the catalog, or the account health score itself. */
export type Measure = KpiId | 'score';

/** Months covered, both included. Revenue measures change across them (see revenue-period.ts). */
export interface Period {
  readonly from: Month;
  readonly to: Month;
}

/** Who a portfolio-wide question is about; `null` fields mean everyone. */
export interface Scope {
  readonly segment: string | null;
  /** A member id. */
  readonly ownerId: string | null;
}

export type MoverDirection = 'expanded' | 'contracted' | 'churned';
export type ChangeDirection = 'worse' | 'better' | 'any';
export type RetentionGroup = 'tenant' | 'segment' | 'csm';
export type AverageGroup = 'tenant' | 'segment' | 'csm' | 'category';

export type AssistantQuery =
  /** 1. Accounts with these statuses, worst first. `accountIds` narrows to a follow-up's accounts. */
  | { readonly template: 1; readonly statuses: readonly HealthStatus[]; readonly scope: Scope; readonly accountIds: readonly string[] | null }
  /** 2. Counts by status and the change since the month before. */
  | { readonly template: 2; readonly scope: Scope }
  /** 3. Health of one or more accounts. */
  | { readonly template: 3; readonly accountIds: readonly string[] }
  /** 4. Why an account has its status: its drivers. `claimed` is the status the question assumed, if any. */
  | { readonly template: 4; readonly accountIds: readonly string[]; readonly claimed: HealthStatus | null }
  /** 5 (highest first) and 6 (lowest first). */
  | { readonly template: 5 | 6; readonly measure: Measure; readonly n: number; readonly scope: Scope }
  /** 7. A measure month by month for accounts; `months` counts back from the latest month when `period` is null. */
  | { readonly template: 7; readonly measure: Measure; readonly accountIds: readonly string[]; readonly period: Period | null; readonly months: number }
  /** 8. Accounts side by side. */
  | { readonly template: 8; readonly accountIds: readonly string[] }
  /** 9. NRR and GRR over a period, for the tenant or per group, optionally within a scope. */
  | { readonly template: 9; readonly period: Period | null; readonly groupBy: RetentionGroup; readonly scope: Scope }
  /** 10. The accounts whose ARR moved most. */
  | { readonly template: 10; readonly direction: MoverDirection; readonly n: number; readonly period: Period | null; readonly scope: Scope }
  /** 11. Renewals from today within `days`, or the renewal of given accounts. */
  | { readonly template: 11; readonly days: number; readonly accountIds: readonly string[] | null; readonly scope: Scope }
  /** 12. Recommended playbooks for an account, the accounts a playbook fits, or every recommendation. */
  | { readonly template: 12; readonly accountId: string | null; readonly playbookId: PlaybookId | null }
  /** 13. Completed runs of a playbook (or all), with before/after and success rate. */
  | { readonly template: 13; readonly playbookId: PlaybookId | null; readonly accountId: string | null }
  /** 14. Accounts whose status changed since the month before. */
  | { readonly template: 14; readonly direction: ChangeDirection; readonly statuses: readonly HealthStatus[] | null; readonly scope: Scope }
  /** 15. Average of a measure (or of the category scores) overall or per group. */
  | { readonly template: 15; readonly measure: Measure; readonly groupBy: AverageGroup; readonly scope: Scope }
  /** 16. Missing and invalid values, for the portfolio or given accounts. */
  | { readonly template: 16; readonly accountIds: readonly string[] | null };

export const EVERYONE: Scope = { segment: null, ownerId: null };

/** Defaults where a question leaves a number out. */
export const DEFAULT_TOP_N = 5;
export const MAX_TOP_N = 50;
export const DEFAULT_TREND_MONTHS = 12;
export const DEFAULT_RENEWAL_DAYS = 90;
