import { describe, expect, it } from 'vitest';
import { validateAlert } from '../schemas/alerts';
import type { IsoDate, Month } from '../units';
import { alertDocument } from './documents';
import { evaluateAlertRules } from './evaluate';
import { DEFAULT_ALERT_RULE_SETTINGS } from './rules';
import { alertState, stamp } from './testing';
import type { AccountAlertState, AlertRule, AlertRuleSettings } from './types';

const base = { name: 'Rule', enabled: true, severity: 'warning' } as const;
const only = (...rules: AlertRule[]): AlertRuleSettings => ({ rules, escalationMinutes: 240 });
const STATUS_RED = only({ ...base, id: 'status-red', kind: 'status-red', severity: 'critical' });
const DROP_15 = only({ ...base, id: 'score-drop', kind: 'score-drop', points: 15 });
const RENEWAL_90 = only({ ...base, id: 'renewal-due', kind: 'renewal-due', days: 90 });
const NPS_BELOW_0 = only({
  ...base,
  id: 'nps-negative',
  kind: 'kpi-threshold',
  kpiId: 'nps',
  operator: '<',
  threshold: 0,
});

const keys = (
  settings: AlertRuleSettings,
  before: AccountAlertState | null,
  after: AccountAlertState,
): string[] => evaluateAlertRules(settings, before, after).map((c) => c.dedupeKey);

describe('status turned red', () => {
  const red = alertState({ status: 'red', score: 42, previousScore: 61 });

  it('fires when the account turns red, once per account and month', () => {
    expect(keys(STATUS_RED, alertState({ status: 'yellow' }), red)).toEqual(['status-red:acc-1:2026-11']);
    expect(keys(STATUS_RED, alertState({ status: 'unknown', month: null }), red)).toHaveLength(1);
  });

  it('does not fire for an account that stays red, or that is not red', () => {
    expect(keys(STATUS_RED, alertState({ status: 'red', month: '2026-10' as Month }), red)).toEqual([]);
    expect(keys(STATUS_RED, alertState({ status: 'green' }), alertState({ status: 'yellow' }))).toEqual([]);
  });

  it('says what happened, with the numbers', () => {
    const after = alertState({
      status: 'red',
      score: 42,
      previousScore: 61,
      values: { nps: -12, escalations: 5, license_utilization: 90 },
    });
    const [alert] = evaluateAlertRules(STATUS_RED, alertState(), after);
    expect(alert).toEqual({
      ruleId: 'status-red',
      kind: 'status-red',
      accountId: 'acc-1',
      title: 'Cobalt Robotics turned red',
      body: 'Health score 42 in Nov 2026 (61 in Oct 2026). Biggest drags: Net Promoter Score −12, Escalations 5.',
      severity: 'critical',
      dedupeKey: 'status-red:acc-1:2026-11',
    });
  });
});

describe('score dropped', () => {
  const drop = (points: number, month = '2026-11') =>
    alertState({ month: month as Month, previousScore: 70, score: 70 - points });

  it.each([
    [15, true],
    [16, true],
    [14, false],
  ])('a drop of %i points against a threshold of 15 fires: %s', (points, fires) => {
    expect(keys(DROP_15, drop(0), drop(points))).toEqual(fires ? ['score-drop:acc-1:2026-11'] : []);
  });

  it('does not fire again for a drop already seen in the same month', () => {
    expect(keys(DROP_15, drop(20), drop(25))).toEqual([]);
  });

  it('fires for a new drop in a new month, even when the month before had dropped too', () => {
    expect(keys(DROP_15, drop(20, '2026-10'), drop(20, '2026-11'))).toEqual(['score-drop:acc-1:2026-11']);
  });

  it('needs both scores', () => {
    expect(keys(DROP_15, drop(0), alertState({ previousScore: null, score: 10 }))).toEqual([]);
    expect(keys(DROP_15, drop(0), alertState({ previousScore: 70, score: null }))).toEqual([]);
  });

  it('titles the drop', () => {
    const [alert] = evaluateAlertRules(DROP_15, drop(0), drop(19));
    expect(alert?.title).toBe('Cobalt Robotics: health score down 19 points');
    expect(alert?.body).toBe('Health score 51 in Nov 2026 (70 in Oct 2026).');
  });
});

describe('KPI crossed a threshold', () => {
  const nps = (value: number | undefined) =>
    alertState({ values: value === undefined ? {} : { nps: value } });

  it.each<['<' | '<=' | '>' | '>=', number, boolean]>([
    ['<', -1, true],
    ['<', 0, false],
    ['<=', 0, true],
    ['<=', 1, false],
    ['>', 1, true],
    ['>', 0, false],
    ['>=', 0, true],
    ['>=', -1, false],
  ])('NPS %s 0 with a value of %i fires: %s', (operator, value, fires) => {
    const settings = only({
      ...base,
      id: 'nps-rule',
      kind: 'kpi-threshold',
      kpiId: 'nps',
      operator,
      threshold: 0,
    });
    const before = nps(operator.startsWith('<') ? 50 : -50);
    expect(keys(settings, before, nps(value))).toEqual(fires ? ['kpi-threshold:nps-rule:acc-1:2026-11'] : []);
  });

  it('fires only when newly crossed: not while it stays below, not without a value', () => {
    expect(keys(NPS_BELOW_0, nps(-5), nps(-12))).toEqual([]);
    expect(keys(NPS_BELOW_0, nps(10), nps(undefined))).toEqual([]);
    expect(keys(NPS_BELOW_0, nps(undefined), nps(-12))).toEqual(['kpi-threshold:nps-negative:acc-1:2026-11']);
  });

  it('says the value, the bound and the rule', () => {
    const [alert] = evaluateAlertRules(NPS_BELOW_0, nps(5), nps(-12));
    expect(alert?.title).toBe('Cobalt Robotics: Net Promoter Score −12 (below 0)');
    expect(alert?.body).toBe(
      'Net Promoter Score −12 in Nov 2026 is below 0 (rule "Rule"). Health score 61 in Nov 2026 (64 in Oct 2026).',
    );
  });
});

describe('playbook trigger fired', () => {
  const fired = (...ids: AccountAlertState['firedPlaybooks']) =>
    alertState({ firedPlaybooks: ids, values: { nps: -12 } });
  const anyPlaybook = only({ ...base, id: 'any-playbook', kind: 'playbook-trigger', playbookId: null });

  it('fires for each playbook newly fired', () => {
    expect(
      keys(anyPlaybook, fired('voc-sprint'), fired('voc-sprint', 'sla-stabilizer', 'renewal-safeguard')),
    ).toEqual([
      'playbook-trigger:any-playbook:acc-1:sla-stabilizer:2026-11',
      'playbook-trigger:any-playbook:acc-1:renewal-safeguard:2026-11',
    ]);
  });

  it('only for its playbook when it names one', () => {
    const sla = only({ ...base, id: 'sla', kind: 'playbook-trigger', playbookId: 'sla-stabilizer' });
    expect(keys(sla, fired(), fired('voc-sprint', 'sla-stabilizer'))).toEqual([
      'playbook-trigger:sla:acc-1:sla-stabilizer:2026-11',
    ]);
    expect(keys(sla, fired(), fired('voc-sprint'))).toEqual([]);
  });

  it('names the playbook and the readings of its trigger', () => {
    const [alert] = evaluateAlertRules(anyPlaybook, fired(), fired('voc-sprint'));
    expect(alert?.title).toBe('Cobalt Robotics: VoC Sprint recommended');
    expect(alert?.body).toMatch(
      /^The VoC Sprint trigger fired on the Nov 2026 data: Net Promoter Score −12\./,
    );
  });
});

describe('renewal due while not green', () => {
  const renewal = (daysToRenewal: number | null, status: AccountAlertState['status'] = 'yellow') =>
    alertState({ daysToRenewal, status, renewalDate: '2027-02-28' as IsoDate });

  it.each<[number, AccountAlertState['status'], boolean]>([
    [90, 'yellow', true],
    [91, 'yellow', false],
    [0, 'red', true],
    [-1, 'red', false],
    [30, 'green', false],
    [30, 'unknown', false],
  ])('%i days out while %s fires: %s', (days, status, fires) => {
    expect(keys(RENEWAL_90, renewal(200), renewal(days, status))).toEqual(
      fires ? ['renewal-due:acc-1:2027-02-28'] : [],
    );
  });

  it('is a state, not a transition: it fires without an earlier state and while it keeps holding', () => {
    expect(keys(RENEWAL_90, null, renewal(45))).toEqual(['renewal-due:acc-1:2027-02-28']);
    expect(keys(RENEWAL_90, renewal(46), renewal(45))).toEqual(['renewal-due:acc-1:2027-02-28']);
  });

  it('says when', () => {
    const title = (days: number) => evaluateAlertRules(RENEWAL_90, null, renewal(days))[0]?.title;
    expect([title(0), title(1), title(45)]).toEqual([
      'Cobalt Robotics renews today and is yellow',
      'Cobalt Robotics renews tomorrow and is yellow',
      'Cobalt Robotics renews in 45 days and is yellow',
    ]);
    expect(evaluateAlertRules(RENEWAL_90, null, renewal(45))[0]?.body).toMatch(
      /^Renewal on 28 Feb 2027\. Health score 61/,
    );
  });
});

describe('evaluateAlertRules', () => {
  const turnedRed = alertState({
    status: 'red',
    score: 40,
    previousScore: 70,
    values: { nps: -12 },
    firedPlaybooks: ['voc-sprint'],
    daysToRenewal: 30,
  });
  const wasFine = alertState({
    status: 'green',
    score: 80,
    previousScore: 80,
    values: { nps: 40 },
    daysToRenewal: 31,
  });

  it('runs every default rule, in rule order', () => {
    expect(evaluateAlertRules(DEFAULT_ALERT_RULE_SETTINGS, wasFine, turnedRed).map((c) => c.ruleId)).toEqual([
      'status-red',
      'score-drop',
      'kpi-threshold',
      'playbook-trigger',
      'renewal-due',
    ]);
  });

  it('with nothing to compare, only the renewal rule can fire', () => {
    expect(evaluateAlertRules(DEFAULT_ALERT_RULE_SETTINGS, null, turnedRed).map((c) => c.ruleId)).toEqual([
      'renewal-due',
    ]);
  });

  it('never fires a disabled rule', () => {
    const off = {
      ...DEFAULT_ALERT_RULE_SETTINGS,
      rules: DEFAULT_ALERT_RULE_SETTINGS.rules.map((r) => ({ ...r, enabled: false })),
    };
    expect(evaluateAlertRules(off, wasFine, turnedRed)).toEqual([]);
  });

  it('raises alerts the alerts schema accepts, even for the longest names and ids', () => {
    const id = 'a'.repeat(64);
    const longest = { ...turnedRed, accountId: id, accountName: '𝐂'.repeat(200) };
    const rules = DEFAULT_ALERT_RULE_SETTINGS.rules.map((r) => ({
      ...r,
      id: `${r.kind}-${'x'.repeat(40)}`.slice(0, 64),
    }));
    const candidates = evaluateAlertRules({ ...DEFAULT_ALERT_RULE_SETTINGS, rules }, wasFine, longest);
    expect(candidates).toHaveLength(5);
    for (const candidate of candidates) {
      const doc = alertDocument(candidate, {
        id: 'alert-1',
        createdAt: '2026-11-20T09:00:00.000Z',
        stamp: stamp(0),
      });
      expect(validateAlert(doc)).toMatchObject({ ok: true });
      expect(candidate.title.length).toBeLessThanOrEqual(200);
      expect(candidate.title.endsWith('…')).toBe(true);
    }
  });
});
