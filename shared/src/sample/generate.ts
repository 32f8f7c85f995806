/**
 * Turns the tenant stories into sample data: KPI values for every account and month, users, accounts
 * and playbook runs. Deterministic: the only source of variation is the seed passed in.
 *
 * Noise never changes a story. Each value gets a little seeded noise, but if the noise would move it
 * across a status bound or a playbook threshold, the planned value is kept instead. So statuses,
 * scores, trend arrows and playbook triggers are the same for every seed; only the decimals differ.
 */
import { KPI_IDS, isKpiId, type KpiDefinition, type KpiId, type KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import type { AccountSeries } from '../health/portfolio';
import { PLAYBOOK_IDS, getPlaybook, isOpenRun, type PlaybookId } from '../playbooks/definitions';
import { outcomeKpisOf } from '../playbooks/outcome';
import {
  DEFAULT_PLAYBOOK_RULES,
  compareValues,
  triggerConditions,
  type Operator,
} from '../playbooks/triggers';
import { isoDate, monthOfDate, previousMonth } from '../time/months';
import { toCents, type Month } from '../units';
import {
  SAMPLE_MONTHS,
  SAMPLE_SEED,
  type SampleAccount,
  type SamplePlaybookRun,
  type SampleTenant,
  type SampleUser,
  type SampleValue,
} from './model';
import { deriveSeed, makeRandom } from './random';
import type { AccountStory, RunStory, ScoredKpiId, TenantStory, Track } from './story';
import { ACME } from './tenants/acme';
import { TEST_COMPANY } from './tenants/test-company';

/** The shipped sample tenants, in the order they are seeded. */
export const SAMPLE_TENANT_STORIES: readonly TenantStory[] = [TEST_COMPANY, ACME];

/** Largest deviation from the planned level, in the KPI's unit: about what month-to-month wobble looks like. */
const NOISE: Readonly<Record<ScoredKpiId, number>> = {
  license_utilization: 2.5,
  dau_mau: 1.5,
  feature_adoption: 2.5,
  time_to_value_days: 1,
  sla_breach_rate: 1,
  first_response_hours: 1.2,
  escalations: 0.6,
  tickets_per_100_users: 0.8,
  nps: 4,
  csat: 2,
  survey_response_rate: 2.5,
  nrr: 1.5,
  payment_delinquency_days: 2,
  exec_sponsor_meetings: 0.4,
  days_since_last_touch: 3,
  active_stakeholders: 0.6,
  qbr_attendance: 5,
};

/** Decimal places a value is recorded with: counts, days and scores are whole; rates have one decimal. */
const DECIMALS: Readonly<Record<ScoredKpiId, number>> = {
  license_utilization: 1,
  dau_mau: 1,
  feature_adoption: 1,
  time_to_value_days: 0,
  sla_breach_rate: 1,
  first_response_hours: 1,
  escalations: 0,
  tickets_per_100_users: 1,
  nps: 0,
  csat: 1,
  survey_response_rate: 1,
  nrr: 1,
  payment_delinquency_days: 0,
  exec_sponsor_meetings: 0,
  days_since_last_touch: 0,
  active_stakeholders: 0,
  qbr_attendance: 0,
};

/** A yes/no question about a value whose answer a story depends on. */
type Cut = (value: number) => boolean;

/**
 * The thresholds the default playbook rules set on KPIs: every KPI condition of a trigger and every
 * `level` criterion (Activation Blitz succeeds at utilization ≥ 70, Expansion Timing needs ≥ 85, SLA
 * Stabilizer fires above a 10% breach rate or at 3 escalations, …). Read from `DEFAULT_PLAYBOOK_RULES`, so the
 * thresholds live in one place and the generator protects exactly the ones the triggers use.
 */
const RULE_CUTS: ReadonlyMap<KpiId, readonly Cut[]> = (() => {
  const cuts = new Map<KpiId, Cut[]>();
  const add = (kpi: KpiId, operator: Operator, threshold: number): void => {
    const list = cuts.get(kpi) ?? [];
    list.push((value) => compareValues(value, operator, threshold));
    cuts.set(kpi, list);
  };
  for (const id of PLAYBOOK_IDS) {
    const rules = DEFAULT_PLAYBOOK_RULES[id];
    for (const c of triggerConditions(rules.trigger)) {
      if (isKpiId(c.feature)) add(c.feature, c.operator, c.threshold);
    }
    for (const c of rules.success.conditions) if (c.kind === 'level') add(c.kpi, c.operator, c.threshold);
  }
  return cuts;
})();

/**
 * Whether two values give the same answer at every bound a story depends on: the KPI's green and yellow
 * bounds and the playbook thresholds on it. If so they have the same status and fire the same triggers.
 */
function sameSide(kpi: KpiDefinition, a: number, b: number): boolean {
  const bound =
    (cut: number): Cut =>
    (value) =>
      kpi.direction === 'lower' ? value <= cut : value >= cut;
  const cuts = [bound(kpi.green), bound(kpi.yellow), ...(RULE_CUTS.get(kpi.id) ?? [])];
  return cuts.every((cut) => cut(a) === cut(b));
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  // Math.round(-0.4) is −0, which prints as "0" but is not Object.is-equal to 0 once parsed back.
  return rounded === 0 ? 0 : rounded;
}

function clamp(value: number, kpi: KpiDefinition): number {
  return Math.min(kpi.plausible.max, Math.max(kpi.plausible.min, value));
}

/** The planned level at month `index` of `count`: keyframes spread evenly and joined by straight lines. */
export function trackAt(track: Track, index: number, count: number): number {
  if (typeof track === 'number') return track;
  if (track.length === 0) throw new RangeError('A track needs at least one keyframe.');
  if (track.length === 1 || count < 2) return track[0]!;
  const position = (index * (track.length - 1)) / (count - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, track.length - 1);
  const t = position - lo;
  return track[lo]! + (track[hi]! - track[lo]!) * t;
}

/** ARR in dollars in a month: the latest step at or before it, 0 before the first step. */
function arrAt(story: AccountStory, m: Month): number {
  let dollars = 0;
  for (const [from, amount] of story.arr) if (from <= m) dollars = amount;
  return dollars;
}

function isRecorded(story: AccountStory, kpi: ScoredKpiId, m: Month): boolean {
  if (story.tracked && !story.tracked.includes(kpi)) return false;
  const partial = story.partial?.[m];
  if (partial && !partial.includes(kpi)) return false;
  const missing = story.missing?.[kpi];
  return !(missing === 'all' || missing?.includes(m));
}

/** The planned value with noise (−1…1 of the KPI's noise amplitude), unless the noise would change its band. */
function noisyValue(kpi: KpiDefinition, planned: number, jitter: number): number {
  const id = kpi.id as ScoredKpiId;
  const decimals = DECIMALS[id];
  const plain = clamp(round(planned, decimals), kpi);
  const noisy = clamp(round(planned + jitter * NOISE[id], decimals), kpi);
  return sameSide(kpi, noisy, plain) ? noisy : plain;
}

function accountValues(story: AccountStory, accountId: string, seed: number): SampleValue[] {
  // One stream per account: editing one story never changes another account's numbers.
  const random = makeRandom(deriveSeed(seed, accountId));
  const out: SampleValue[] = [];
  SAMPLE_MONTHS.forEach((m, index) => {
    const active = story.since === undefined || m >= story.since;
    const churned = story.churnedIn !== undefined && m >= story.churnedIn;
    for (const id of KPI_IDS) {
      // One draw per cell, used or not, so an empty cell or a spike does not shift the noise of the next ones.
      const jitter = random.jitter();
      if (!active) continue;
      if (id === 'arr') {
        out.push({ accountId, month: m, kpi: id, value: churned ? 0 : toCents(arrAt(story, m)) });
        continue;
      }
      if (churned || !isRecorded(story, id, m)) continue;
      const spike = story.spikes?.find((s) => s.kpi === id && s.month === m);
      const kpi = DEFAULT_CATALOG.byId[id];
      const value = spike
        ? spike.value
        : noisyValue(kpi, trackAt(story.levels[id], index, SAMPLE_MONTHS.length), jitter);
      out.push({ accountId, month: m, kpi: id, value });
    }
  });
  return out;
}

/**
 * What a completed run records before and after, in catalog order: the KPIs its default trigger and
 * criterion name, plus `arr` when the criterion measures ARR (`outcomeKpisOf`, the rule new runs follow).
 */
export function outcomeKpis(playbookId: PlaybookId): KpiId[] {
  return outcomeKpisOf(DEFAULT_PLAYBOOK_RULES[playbookId]);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function buildRun(
  story: RunStory,
  id: string,
  accounts: readonly SampleAccount[],
  values: ReadonlyMap<string, number>,
): SamplePlaybookRun {
  const account = accounts.find((a) => a.name === story.account);
  if (!account) throw new RangeError(`Sample run ${id} names an unknown account: ${story.account}`);
  const startedOn = isoDate(story.started);
  const endedOn = story.ended === undefined ? null : isoDate(story.ended);
  if (isOpenRun(story.status) !== (endedOn === null)) {
    throw new RangeError(
      `Sample run ${id} is ${story.status}: it needs an end date exactly when it has ended.`,
    );
  }
  if (story.status !== 'completed' && story.met !== undefined) {
    throw new RangeError(`Sample run ${id} is ${story.status}: only a completed run has an outcome.`);
  }
  if (story.status === 'planned' && story.steps.length > 0) {
    throw new RangeError(`Planned sample run ${id} cannot have steps checked off.`);
  }
  const definition = getPlaybook(story.playbook).steps;
  if (story.steps.length > definition.length) {
    throw new RangeError(`Sample run ${id} checks off more steps than ${story.playbook} has.`);
  }
  const steps = story.steps.map(([day, note], i) => ({
    stepId: definition[i]!.id,
    checkedOn: isoDate(day),
    checkedBy: account.ownerId,
    ...(note === undefined ? {} : { note }),
  }));
  let outcome: SamplePlaybookRun['outcome'] = null;
  if (story.status === 'completed') {
    if (endedOn === null || story.met === undefined) {
      throw new RangeError(`Completed sample run ${id} needs an end date and an outcome.`);
    }
    // The baseline is the last full month before the run started; the result is the month it ended in.
    const baselineMonth = previousMonth(monthOfDate(startedOn));
    const afterMonth = monthOfDate(endedOn);
    const pick = (m: Month): KpiValues => {
      const picked: KpiValues = {};
      for (const kpi of outcomeKpis(story.playbook)) {
        const value = values.get(cellKey(account.id, m, kpi));
        if (value !== undefined) picked[kpi] = value;
      }
      return picked;
    };
    outcome = {
      baselineMonth,
      afterMonth,
      before: pick(baselineMonth),
      after: pick(afterMonth),
      criterionMet: story.met,
    };
  }
  return {
    id,
    playbookId: story.playbook,
    accountId: account.id,
    ownerId: account.ownerId,
    status: story.status,
    startedOn,
    endedOn,
    steps,
    outcome,
    ...(story.note === undefined ? {} : { note: story.note }),
  };
}

function cellKey(accountId: string, m: Month, kpi: KpiId): string {
  return `${accountId}|${m}|${kpi}`;
}

/** One tenant from its story. */
export function generateTenant(story: TenantStory, seed: number = SAMPLE_SEED): SampleTenant {
  const userId = (key: string): string => {
    if (!story.users.some((u) => u.key === key))
      throw new RangeError(`Unknown sample user "${key}" in ${story.slug}`);
    return `usr-${story.slug}-${key}`;
  };
  const users: SampleUser[] = story.users.map((u) => ({
    id: userId(u.key),
    email: u.email,
    name: u.name,
    role: u.role,
    login: u.login,
  }));
  const accounts: SampleAccount[] = story.accounts.map((a, i) => ({
    id: `acc-${story.slug}-${pad(i + 1)}`,
    name: a.name,
    segment: a.segment,
    ownerId: userId(a.owner),
    renewalDate: isoDate(a.renewal),
  }));
  const values = story.accounts.flatMap((a, i) => accountValues(a, accounts[i]!.id, seed));
  const byCell = new Map(values.map((v) => [cellKey(v.accountId, v.month, v.kpi), v.value]));
  const runs = story.runs.map((r, i) => buildRun(r, `run-${story.slug}-${pad(i + 1)}`, accounts, byCell));
  return { slug: story.slug, name: story.name, users, accounts, values, runs };
}

/** Test Company (12 accounts) and ACME (23 accounts), 2025-03 … 2025-09. Same seed, same output. */
export function generateSampleTenants(seed: number = SAMPLE_SEED): SampleTenant[] {
  return SAMPLE_TENANT_STORIES.map((story) => generateTenant(story, seed));
}

/**
 * The tenant's values as health input, one series per account in account order. `arr` stays in cents,
 * as stored (scoring ignores it). Months without any value are absent from an account's map.
 */
export function sampleSeries(tenant: SampleTenant): AccountSeries[] {
  const byAccount = new Map<string, Map<Month, KpiValues>>(tenant.accounts.map((a) => [a.id, new Map()]));
  for (const v of tenant.values) {
    const months = byAccount.get(v.accountId);
    if (!months) continue;
    let values = months.get(v.month);
    if (!values) {
      values = {};
      months.set(v.month, values);
    }
    values[v.kpi] = v.value;
  }
  return tenant.accounts.map((a) => ({ accountId: a.id, months: byAccount.get(a.id)! }));
}
