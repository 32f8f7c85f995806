/**
 * How a sample account is written down: a hand-written story (levels per KPI over the seven sample
 * months, ARR steps, gaps, spikes) that the generator turns into values with a little seeded noise.
 * Stories, not pure noise, so that every account is believable and every screen has a point to make.
 */
import type { KpiId } from '../kpi/catalog';
import type { PlaybookId, RunState } from '../playbooks/definitions';
import type { Segment, UserRole } from './model';

/** Every KPI except ARR, which follows contract steps instead of a level. */
export type ScoredKpiId = Exclude<KpiId, 'arr'>;

/**
 * A KPI's planned level over the sample months: one number (constant), or keyframes spread evenly from
 * the first month to the last and joined by straight lines (2 = start and end, 7 = one per month).
 */
export type Track = number | readonly number[];

export type Levels = Readonly<Record<ScoredKpiId, Track>>;

export interface AccountStory {
  readonly name: string;
  readonly segment: Segment;
  /** Key of the owning user in the tenant story. */
  readonly owner: string;
  /** `YYYY-MM-DD`. */
  readonly renewal: string;
  /** One line: what happens to this account and why it is in the sample. */
  readonly story: string;
  /** ARR in whole dollars from a month on: `[['2025-03', 120_000], ['2025-07', 150_000]]`. */
  readonly arr: readonly (readonly [month: string, dollars: number])[];
  /** The first month with data, for accounts won during the sample period. */
  readonly since?: string;
  /** From this month on, ARR is 0 and no other KPI has a value: the customer is gone. */
  readonly churnedIn?: string;
  /** Levels: a template with a few KPIs overridden. */
  readonly levels: Levels;
  /** Only these KPIs are ever recorded (besides ARR): a customer whose data feeds are not all connected. */
  readonly tracked?: readonly ScoredKpiId[];
  /** Empty cells: KPI → months without a value (`'all'`: never recorded). */
  readonly missing?: Partial<Record<ScoredKpiId, readonly string[] | 'all'>>;
  /** Months in which only these KPIs were recorded (besides ARR): an incomplete upload. */
  readonly partial?: Readonly<Record<string, readonly ScoredKpiId[]>>;
  /** Exact values (no noise) for anomalies: far from the account's usual level on purpose. */
  readonly spikes?: readonly { readonly kpi: ScoredKpiId; readonly month: string; readonly value: number }[];
}

export interface UserStory {
  readonly key: string;
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  readonly login: boolean;
}

export interface RunStory {
  readonly playbook: PlaybookId;
  /** Account name within the tenant. */
  readonly account: string;
  /** Started on; for a planned run, the day it is due to start. */
  readonly started: string;
  /** Completed or abandoned on; absent for a planned or active run. */
  readonly ended?: string;
  readonly status: RunState;
  /**
   * Whether the success criterion was met; completed runs only. The test recomputes it with the playbooks
   * module's `evaluateSuccess` from the recorded values.
   */
  readonly met?: boolean;
  /**
   * Checked-off steps, in the playbook's order: `[day, note?]`. The Nth entry is the Nth step of the
   * playbook's definition (`getPlaybook(id).steps`), so a run can stop early but never skip a step. None for a
   * planned run.
   */
  readonly steps: readonly (readonly [checkedOn: string, note?: string])[];
  readonly note?: string;
}

export interface TenantStory {
  readonly slug: string;
  readonly name: string;
  readonly users: readonly UserStory[];
  readonly accounts: readonly AccountStory[];
  readonly runs: readonly RunStory[];
}

/** Comfortably green on every KPI: score 100 unless a story says otherwise. */
export const THRIVING: Levels = {
  license_utilization: 88,
  dau_mau: 33,
  feature_adoption: 70,
  time_to_value_days: 21,
  sla_breach_rate: 2.5,
  first_response_hours: 2.6,
  escalations: 0.2,
  tickets_per_100_users: 3.2,
  nps: 44,
  csat: 91,
  survey_response_rate: 37,
  nrr: 112,
  payment_delinquency_days: 0,
  exec_sponsor_meetings: 2.8,
  days_since_last_touch: 8,
  active_stakeholders: 7,
  qbr_attendance: 90,
};

/**
 * An average account: yellow on most KPIs, green on a few (weights 10 of 33), so a score of 65 that a
 * story can push either way.
 */
export const STEADY: Levels = {
  license_utilization: 71,
  dau_mau: 21,
  feature_adoption: 51,
  time_to_value_days: 26,
  sla_breach_rate: 4,
  first_response_hours: 9,
  escalations: 1.8,
  tickets_per_100_users: 4.2,
  nps: 15,
  csat: 88,
  survey_response_rate: 23,
  nrr: 104,
  payment_delinquency_days: 0,
  exec_sponsor_meetings: 1,
  days_since_last_touch: 21,
  active_stakeholders: 5.2,
  qbr_attendance: 66,
};

/** A troubled account: red on adoption, sentiment and engagement, yellow on support. Scores about 20. */
export const STRUGGLING: Levels = {
  license_utilization: 52,
  dau_mau: 17.5,
  feature_adoption: 34,
  time_to_value_days: 45,
  sla_breach_rate: 9,
  first_response_hours: 14,
  escalations: 2,
  tickets_per_100_users: 8,
  nps: -14,
  csat: 63,
  survey_response_rate: 19,
  nrr: 96,
  payment_delinquency_days: 18,
  exec_sponsor_meetings: 0,
  days_since_last_touch: 39,
  active_stakeholders: 2,
  qbr_attendance: 38,
};
