import { describe, expect, it } from 'vitest';
import type { KpiValues } from '../kpi/catalog';
import { resolveCatalog } from '../kpi/overrides';
import { seriesOf } from '../playbooks/testing';
import { resolvePlaybookRules } from '../playbooks/triggers';
import type { IsoDate } from '../units';
import { accountAlertState, latestMonthWithData } from './state';

/** Every scored KPI green: score 100. */
const GREEN: KpiValues = {
  license_utilization: 90,
  dau_mau: 30,
  feature_adoption: 70,
  time_to_value_days: 10,
  sla_breach_rate: 2,
  first_response_hours: 2,
  escalations: 0,
  tickets_per_100_users: 2,
  nps: 50,
  csat: 90,
  survey_response_rate: 40,
  nrr: 120,
  payment_delinquency_days: 0,
  exec_sponsor_meetings: 3,
  days_since_last_touch: 5,
  active_stakeholders: 6,
  qbr_attendance: 90,
};
/** Green but for a red NPS (weight 3 of 33): score 91, yellow by the critical rule. */
const NPS_RED: KpiValues = { ...GREEN, nps: -12 };
/** Four weight-3 KPIs red: 100 · (33 − 12) / 33 = 64, yellow. */
const FOUR_RED: KpiValues = { ...NPS_RED, sla_breach_rate: 20, license_utilization: 50, nrr: 90 };

const account = {
  id: 'acc-1',
  name: 'Cobalt Robotics',
  ownerId: 'user-csm',
  renewalDate: '2027-01-15' as IsoDate,
};
const today = '2026-12-03' as IsoDate;

describe('accountAlertState', () => {
  it('judges the latest month with data against the calendar month before it', () => {
    const state = accountAlertState({
      account,
      series: seriesOf('acc-1', { '2026-10': GREEN, '2026-11': FOUR_RED, '2026-12': {} }),
      today,
    });
    expect(state).toEqual({
      accountId: 'acc-1',
      accountName: 'Cobalt Robotics',
      ownerId: 'user-csm',
      month: '2026-11',
      status: 'yellow',
      score: 64,
      previousScore: 100,
      values: FOUR_RED,
      renewalDate: '2027-01-15',
      daysToRenewal: 43,
      firedPlaybooks: ['voc-sprint', 'activation-blitz', 'sla-stabilizer', 'renewal-safeguard'],
    });
  });

  it('has no previous score when the month before has no data (a gap, not the last month with data)', () => {
    const state = accountAlertState({
      account,
      series: seriesOf('acc-1', { '2026-08': GREEN, '2026-11': GREEN }),
      today,
    });
    expect([state.month, state.score, state.previousScore]).toEqual(['2026-11', 100, null]);
  });

  it('applies the critical rule through the health functions (a red NPS keeps a 91 yellow)', () => {
    const state = accountAlertState({ account, series: seriesOf('acc-1', { '2026-11': NPS_RED }), today });
    expect([state.score, state.status]).toEqual([91, 'yellow']);
  });

  it('scores with the tenant catalog', () => {
    const lenient = resolveCatalog({ nps: { green: -20, yellow: -50 } });
    const state = accountAlertState({
      account,
      series: seriesOf('acc-1', { '2026-11': NPS_RED }),
      today,
      catalog: lenient,
    });
    expect([state.score, state.status]).toEqual([100, 'green']);
  });

  it('counts days to renewal from today, negative once passed, null without a date', () => {
    const series = seriesOf('acc-1', { '2026-11': GREEN });
    const at = (renewalDate: IsoDate | null) =>
      accountAlertState({ account: { ...account, renewalDate }, series, today }).daysToRenewal;
    expect(at('2026-12-03' as IsoDate)).toBe(0);
    expect(at('2026-12-01' as IsoDate)).toBe(-2);
    expect(at(null)).toBeNull();
  });

  it('describes an account without data as unknown, with nothing fired', () => {
    const state = accountAlertState({ account, series: seriesOf('acc-1', {}), today });
    expect(state).toMatchObject({
      month: null,
      status: 'unknown',
      score: null,
      previousScore: null,
      values: {},
      firedPlaybooks: [],
    });
    expect(state.daysToRenewal).toBe(43);
  });

  it('leaves out playbooks with an open run, and uses the tenant playbook thresholds', () => {
    const series = seriesOf('acc-1', { '2026-11': NPS_RED });
    const farAway = { ...account, renewalDate: null };
    expect(accountAlertState({ account: farAway, series, today }).firedPlaybooks).toEqual(['voc-sprint']);
    expect(
      accountAlertState({ account: farAway, series, today, activePlaybooks: ['voc-sprint'] }).firedPlaybooks,
    ).toEqual([]);
    const stricter = resolvePlaybookRules({ 'voc-sprint': { trigger: { nps: -20 } } });
    expect(
      accountAlertState({ account: farAway, series, today, playbookRules: stricter }).firedPlaybooks,
    ).toEqual([]);
  });
});

describe('latestMonthWithData', () => {
  it('ignores months whose values were all cleared', () => {
    expect(
      latestMonthWithData(
        seriesOf('a', { '2026-09': GREEN, '2026-10': { nps: Number.NaN }, '2026-08': GREEN }),
      ),
    ).toBe('2026-09');
    expect(latestMonthWithData(seriesOf('a', {}))).toBeNull();
  });
});
