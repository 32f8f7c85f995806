/**
 * The shape of the generated sample: plain data, no database documents. The seeding code maps it onto
 * the stored schemas; keeping it self-contained here means the sample can be generated, tested and
 * rendered (CSV) without any of them.
 */
import type { KpiId, KpiValues } from '../kpi/catalog';
import type { PlaybookId, RunState } from '../playbooks/definitions';
import { lastDayOfMonth, month, monthRange } from '../time/months';
import type { IsoDate, Month } from '../units';

/** The seed the shipped sample uses. Any other seed tells the same stories with different noise. */
export const SAMPLE_SEED = 20_250_930;

/** 2025-03 … 2025-09, oldest first. */
export const SAMPLE_MONTHS: readonly Month[] = monthRange(month('2025-03'), month('2025-09'));
export const SAMPLE_FIRST_MONTH: Month = SAMPLE_MONTHS[0]!;
export const SAMPLE_LATEST_MONTH: Month = SAMPLE_MONTHS[SAMPLE_MONTHS.length - 1]!;
/** The day the sample describes "now": the end of its latest month. Renewal windows count from here. */
export const SAMPLE_AS_OF: IsoDate = lastDayOfMonth(SAMPLE_LATEST_MONTH);

export const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** `owner` runs the tenant, `manager` leads the CS team, `csm` owns accounts. */
export type UserRole = 'owner' | 'manager' | 'csm';

export interface SampleUser {
  /** Stable, e.g. `usr-acme-csm`. */
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  /**
   * True for the five seeded users who can sign in (password `vitals-demo`). ACME also has two CSMs who
   * own accounts but have no login: a CS team where not everyone has a demo account, and enough owners
   * for per-CSM figures to mean something.
   */
  readonly login: boolean;
}

export interface SampleAccount {
  /** Stable, e.g. `acc-acme-01`. */
  readonly id: string;
  readonly name: string;
  readonly segment: Segment;
  /** A `SampleUser.id` of the same tenant. */
  readonly ownerId: string;
  readonly renewalDate: IsoDate;
}

/** One KPI cell. `arr` is in integer cents, like all money in Vitals; every other KPI in its catalog unit. */
export interface SampleValue {
  readonly accountId: string;
  readonly month: Month;
  readonly kpi: KpiId;
  readonly value: number;
}

export interface SampleRunStep {
  /** The id of the playbook's step (`getPlaybook(id).steps[n].id`, e.g. `review-feedback`). */
  readonly stepId: string;
  readonly checkedOn: IsoDate;
  /** A `SampleUser.id`: the run's owner. */
  readonly checkedBy: string;
  readonly note?: string;
}

export interface SampleRunOutcome {
  /** The month before the run started: the values the run had in front of it (its baseline snapshot). */
  readonly baselineMonth: Month;
  /** The month the run completed in. */
  readonly afterMonth: Month;
  /** `outcomeKpis(playbookId)`: the KPIs its trigger and criterion name, and ARR (cents) where it is measured. */
  readonly before: KpiValues;
  readonly after: KpiValues;
  readonly criterionMet: boolean;
}

export interface SamplePlaybookRun {
  /** Stable, e.g. `run-acme-01`. */
  readonly id: string;
  readonly playbookId: PlaybookId;
  readonly accountId: string;
  readonly ownerId: string;
  readonly status: RunState;
  /** For a planned run, the day it is due to start. */
  readonly startedOn: IsoDate;
  /** Completed or abandoned on; `null` while planned or active. */
  readonly endedOn: IsoDate | null;
  /** Only the steps checked off so far, in the playbook's order. A completed run may have stopped early. */
  readonly steps: readonly SampleRunStep[];
  /** Completed runs only. */
  readonly outcome: SampleRunOutcome | null;
  readonly note?: string;
}

export interface SampleTenant {
  readonly slug: string;
  readonly name: string;
  readonly users: readonly SampleUser[];
  readonly accounts: readonly SampleAccount[];
  /** Ordered by account, month, then catalog order. Empty cells are simply absent. */
  readonly values: readonly SampleValue[];
  readonly runs: readonly SamplePlaybookRun[];
}
