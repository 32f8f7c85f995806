import { describe, expect, it } from 'vitest';
import {
  ALERT_RULE_KIND_NAMES,
  DEFAULT_ALERT_RULE_SETTINGS,
  describeAlertRule,
  readAlertRuleSettings,
  validateAlertRuleSettings,
} from './rules';
import { ALERT_RULE_KINDS, type AlertRule } from './types';

const rule = (overrides: Record<string, unknown>): Record<string, unknown> => ({
  id: 'r1',
  name: 'A rule',
  enabled: true,
  severity: 'warning',
  kind: 'status-red',
  ...overrides,
});
const settingsWith = (...rules: Record<string, unknown>[]) => ({ rules, escalationMinutes: 240 });

function errorsOf(value: unknown): Record<string, string> {
  const result = validateAlertRuleSettings(value);
  if (result.ok) return {};
  return Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
}

describe('DEFAULT_ALERT_RULE_SETTINGS', () => {
  it('has one rule of each kind, with the agreed ids, and passes its own validation', () => {
    expect(DEFAULT_ALERT_RULE_SETTINGS.rules.map((r) => [r.id, r.kind, r.severity])).toEqual([
      ['status-red', 'status-red', 'critical'],
      ['score-drop', 'score-drop', 'warning'],
      ['kpi-threshold', 'kpi-threshold', 'warning'],
      ['playbook-trigger', 'playbook-trigger', 'info'],
      ['renewal-due', 'renewal-due', 'warning'],
    ]);
    expect(DEFAULT_ALERT_RULE_SETTINGS.escalationMinutes).toBe(240);
    expect(validateAlertRuleSettings(DEFAULT_ALERT_RULE_SETTINGS)).toEqual({
      ok: true,
      settings: DEFAULT_ALERT_RULE_SETTINGS,
    });
  });

  it('names every kind', () => {
    for (const kind of ALERT_RULE_KINDS) expect(ALERT_RULE_KIND_NAMES[kind]).toMatch(/\S/);
  });
});

describe('validateAlertRuleSettings', () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      'points 0',
      rule({ kind: 'score-drop', points: 0 }),
      'rules.0.points',
      /whole number of points from 1 to 100/,
    ],
    ['points 101', rule({ kind: 'score-drop', points: 101 }), 'rules.0.points', /from 1 to 100/],
    ['points 2.5', rule({ kind: 'score-drop', points: 2.5 }), 'rules.0.points', /whole number/],
    ['days 0', rule({ kind: 'renewal-due', days: 0 }), 'rules.0.days', /days from 1 to 365/],
    ['days 366', rule({ kind: 'renewal-due', days: 366 }), 'rules.0.days', /days from 1 to 365/],
    ['an empty name', rule({ name: '  ' }), 'rules.0.name', /Give the rule a name/],
    ['an 81-character name', rule({ name: 'x'.repeat(81) }), 'rules.0.name', /at most 80 characters/],
    ['an id with spaces', rule({ id: 'My rule' }), 'rules.0.id', /lowercase letters/],
    ['an unknown severity', rule({ severity: 'panic' }), 'rules.0.severity', /info, warning or critical/],
    [
      'an unknown KPI',
      rule({ kind: 'kpi-threshold', kpiId: 'happiness', operator: '<', threshold: 1 }),
      'rules.0.kpiId',
      /KPI from the catalog/,
    ],
    [
      'an unknown operator',
      rule({ kind: 'kpi-threshold', kpiId: 'nps', operator: '==', threshold: 1 }),
      'rules.0.operator',
      /below, at or below/,
    ],
    [
      'an NPS threshold beyond −100',
      rule({ kind: 'kpi-threshold', kpiId: 'nps', operator: '<', threshold: -101 }),
      'rules.0.threshold',
      /Net Promoter Score threshold must be from −100 to 100/,
    ],
    [
      'a negative escalation count threshold',
      rule({ kind: 'kpi-threshold', kpiId: 'escalations', operator: '>', threshold: -1 }),
      'rules.0.threshold',
      /Escalations threshold must be 0 or more/,
    ],
    [
      'an unknown playbook',
      rule({ kind: 'playbook-trigger', playbookId: 'yoga' }),
      'rules.0.playbookId',
      /playbook/,
    ],
  ])('refuses %s, on its field, with a message to act on', (_, badRule, path, message) => {
    expect(errorsOf(settingsWith(badRule))[path]).toMatch(message);
  });

  it('accepts the bounds themselves', () => {
    const result = validateAlertRuleSettings({
      rules: [
        rule({ id: 'a', kind: 'score-drop', points: 1 }),
        rule({ id: 'b', kind: 'score-drop', points: 100 }),
        rule({ id: 'c', kind: 'renewal-due', days: 1 }),
        rule({ id: 'd', kind: 'renewal-due', days: 365 }),
        rule({ id: 'e', kind: 'kpi-threshold', kpiId: 'nps', operator: '<=', threshold: -100 }),
        rule({ id: 'f', name: 'x'.repeat(80) }),
      ],
      escalationMinutes: 5,
    });
    expect(result.ok).toBe(true);
    expect(validateAlertRuleSettings({ rules: [], escalationMinutes: 10_080 }).ok).toBe(true);
  });

  it('refuses an unknown kind of rule', () => {
    expect(Object.values(errorsOf(settingsWith(rule({ kind: 'weather' }))))).toEqual([
      expect.stringMatching(/Choose what the rule watches/),
    ]);
  });

  it('refuses two rules with one id, pointing at the second', () => {
    const errors = errorsOf(settingsWith(rule({ id: 'same' }), rule({ id: 'other' }), rule({ id: 'same' })));
    expect(errors).toEqual({
      'rules.2.id': 'Another rule already uses the id "same"; each rule needs its own.',
    });
  });

  it('refuses more than 50 rules and escalation times outside 5 minutes to a week', () => {
    const many = Array.from({ length: 51 }, (_, i) => rule({ id: `r${i}` }));
    expect(errorsOf({ rules: many, escalationMinutes: 240 }).rules).toMatch(/At most 50 alert rules/);
    expect(errorsOf({ rules: [], escalationMinutes: 4 }).escalationMinutes).toMatch(/from 5 to 10080/);
    expect(errorsOf({ rules: [], escalationMinutes: 10_081 }).escalationMinutes).toMatch(/from 5 to 10080/);
  });

  it('gives one message per field', () => {
    const result = validateAlertRuleSettings(settingsWith(rule({ kind: 'score-drop', points: -3.5 })));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(1);
  });

  it('refuses something that is not settings at all', () => {
    expect(errorsOf('rules')['']).toMatch(/must be an object/);
  });
});

describe('readAlertRuleSettings', () => {
  it('reads valid settings as they are', () => {
    const saved = settingsWith(rule({ id: 'mine', kind: 'score-drop', points: 20 }));
    expect(readAlertRuleSettings(saved)).toEqual({ settings: saved, problems: [] });
  });

  it('gives the defaults for a tenant that never saved any, with nothing to report', () => {
    expect(readAlertRuleSettings(undefined)).toEqual({ settings: DEFAULT_ALERT_RULE_SETTINGS, problems: [] });
    expect(readAlertRuleSettings(null)).toEqual({ settings: DEFAULT_ALERT_RULE_SETTINGS, problems: [] });
  });

  it('gives the defaults, and says so, for a document that is not alert rules', () => {
    const read = readAlertRuleSettings({ overrides: {} });
    expect(read.settings).toBe(DEFAULT_ALERT_RULE_SETTINGS);
    expect(read.problems).toEqual(['The saved alert rules could not be read, so the default rules apply.']);
  });

  it('keeps the readable rules (a rule switched off stays off) and names the one left out', () => {
    const off = rule({ id: 'status-red', enabled: false });
    const read = readAlertRuleSettings(
      settingsWith(off, rule({ id: 'drop', name: 'Big drop', kind: 'score-drop', points: 'lots' })),
    );
    expect(read.settings.rules).toEqual([off]);
    expect(read.problems).toEqual([
      'Rule 2 ("Big drop") could not be read (The drop must be a whole number of points from 1 to 100.), so it is left out.',
    ]);
  });

  it('leaves out a repeated id and falls back to the default escalation time', () => {
    const read = readAlertRuleSettings({ rules: [rule({}), rule({ name: 'Twin' })], escalationMinutes: 1 });
    expect(read.settings).toEqual({ rules: [rule({})], escalationMinutes: 240 });
    expect(read.problems).toEqual([
      'Rule 2 ("Twin") repeats the id "r1", so it is left out.',
      'The saved escalation time could not be read, so alerts escalate after 240 minutes (the default).',
    ]);
  });
});

describe('describeAlertRule', () => {
  const base = { id: 'x', name: 'x', enabled: true, severity: 'info' } as const;
  it.each<[AlertRule, string]>([
    [{ ...base, kind: 'status-red' }, 'Status turns red'],
    [{ ...base, kind: 'score-drop', points: 15 }, 'Health score drops by 15 points or more in a month'],
    [{ ...base, kind: 'score-drop', points: 1 }, 'Health score drops by 1 point or more in a month'],
    [
      { ...base, kind: 'kpi-threshold', kpiId: 'nps', operator: '<', threshold: 0 },
      'Net Promoter Score below 0',
    ],
    [
      { ...base, kind: 'kpi-threshold', kpiId: 'sla_breach_rate', operator: '>=', threshold: 12.5 },
      'SLA breach rate at or above 12.5%',
    ],
    [{ ...base, kind: 'playbook-trigger', playbookId: null }, 'Any playbook trigger fires'],
    [{ ...base, kind: 'playbook-trigger', playbookId: 'sla-stabilizer' }, 'SLA Stabilizer trigger fires'],
    [{ ...base, kind: 'renewal-due', days: 90 }, 'Renewal within 90 days and not green'],
  ])('%j reads "%s"', (alertRule, text) => {
    expect(describeAlertRule(alertRule)).toBe(text);
  });
});
