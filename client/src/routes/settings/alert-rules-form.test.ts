import { DEFAULT_ALERT_RULE_SETTINGS, type AlertRuleSettings } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import {
  formFromSettings,
  parseNumber,
  ruleFieldOf,
  settingsFromForm,
  thresholdUnit,
  type AlertRulesForm,
  type RuleForm,
} from './alert-rules-form';

const defaults = formFromSettings(DEFAULT_ALERT_RULE_SETTINGS);
const indexOf = (kind: RuleForm['kind']): number => defaults.rules.findIndex((r) => r.kind === kind);

/** The default form with one rule's fields changed. */
function withRule(kind: RuleForm['kind'], change: Partial<RuleForm>): AlertRulesForm {
  return { ...defaults, rules: defaults.rules.map((r) => (r.kind === kind ? { ...r, ...change } : r)) };
}

describe('parseNumber', () => {
  it.each<[string, number]>([
    ['15', 15],
    [' 15 ', 15],
    ['-5', -5],
    ['\u22125', -5],
    ['1.5', 1.5],
    ['1,5', 1.5],
    ['.5', 0.5],
    ['+3', 3],
  ])('%j → %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });
  it.each(['', 'abc', '1e3', '1,234.5', '15 points', '--1'])('%j is not a number', (text) => {
    expect(parseNumber(text)).toBeNaN();
  });
});

describe('alert rules form', () => {
  it('shows the defaults, escalation in whole hours, and saves them unchanged', () => {
    expect(defaults.escalation).toBe('4');
    expect(defaults.escalationUnit).toBe('hours');
    expect(defaults.rules[indexOf('score-drop')]!.points).toBe('15');
    expect(settingsFromForm(defaults)).toEqual({ ok: true, settings: DEFAULT_ALERT_RULE_SETTINGS });
  });

  it('keeps an escalation that is not whole hours in minutes', () => {
    const form = formFromSettings({ ...DEFAULT_ALERT_RULE_SETTINGS, escalationMinutes: 90 });
    expect(form).toMatchObject({ escalation: '90', escalationUnit: 'minutes' });
  });

  it.each<[string, Partial<AlertRulesForm>, number]>([
    ['hours', { escalation: '1.5', escalationUnit: 'hours' }, 90],
    ['minutes', { escalation: '45', escalationUnit: 'minutes' }, 45],
    ['a week in hours', { escalation: '168', escalationUnit: 'hours' }, 10_080],
  ])('converts the escalation from %s', (_, change, minutes) => {
    const result = settingsFromForm({ ...defaults, ...change });
    expect(result.ok && result.settings.escalationMinutes).toBe(minutes);
  });

  it.each<[string, Partial<AlertRulesForm>]>([
    ['too short', { escalation: '2', escalationUnit: 'minutes' }],
    ['longer than a week', { escalation: '169', escalationUnit: 'hours' }],
    ['not whole minutes', { escalation: '0.01', escalationUnit: 'hours' }],
    ['not a number', { escalation: 'soon', escalationUnit: 'hours' }],
  ])('refuses an escalation time %s, saying it in hours as well as minutes', (_, change) => {
    const result = settingsFromForm({ ...defaults, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.escalationMinutes).toMatch(/5 minutes.*168 hours/);
  });

  it.each<[string, RuleForm['kind'], Partial<RuleForm>, string, RegExp]>([
    ['points not a number', 'score-drop', { points: 'lots' }, 'points', /whole number of points/],
    ['no drop at all', 'score-drop', { points: '0' }, 'points', /from 1 to 100/],
    ['a renewal window over a year', 'renewal-due', { days: '400' }, 'days', /from 1 to 365/],
    [
      'an impossible NPS threshold',
      'kpi-threshold',
      { threshold: '-300' },
      'threshold',
      /Net Promoter Score/,
    ],
    ['an empty threshold', 'kpi-threshold', { threshold: '' }, 'threshold', /must be a number/],
    ['a blank name', 'status-red', { name: '   ' }, 'name', /name/],
  ])('puts the problem on its field: %s', (_, kind, change, field, message) => {
    const result = settingsFromForm(withRule(kind, change));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const path = `rules.${indexOf(kind)}.${field}`;
    expect(result.errors[path]).toMatch(message);
    expect(ruleFieldOf(path)).toEqual({ index: indexOf(kind), field });
  });

  it('reads a typographic minus and a decimal comma in a threshold', () => {
    const result = settingsFromForm(withRule('kpi-threshold', { threshold: '\u22122,5' }));
    expect(result.ok && result.settings.rules[indexOf('kpi-threshold')]).toMatchObject({ threshold: -2.5 });
  });

  it('takes an ARR threshold in dollars and stores cents', () => {
    const settings: AlertRuleSettings = {
      ...DEFAULT_ALERT_RULE_SETTINGS,
      rules: [
        {
          id: 'arr-low',
          kind: 'kpi-threshold',
          name: 'Small ARR',
          enabled: true,
          severity: 'info',
          kpiId: 'arr',
          operator: '<',
          threshold: 1_000_000,
        },
      ],
    };
    const form = formFromSettings(settings);
    expect(form.rules[0]!.threshold).toBe('10000');
    expect(thresholdUnit('arr')).toBe('dollars');
    const edited = { ...form, rules: [{ ...form.rules[0]!, threshold: '12500.5' }] };
    const result = settingsFromForm(edited);
    expect(result.ok && result.settings.rules[0]).toMatchObject({ threshold: 1_250_050 });
  });

  it('saves "any playbook" as null and a chosen one by id', () => {
    const any = settingsFromForm(withRule('playbook-trigger', { playbookId: '' }));
    expect(any.ok && any.settings.rules[indexOf('playbook-trigger')]).toMatchObject({ playbookId: null });
    const form = formFromSettings(DEFAULT_ALERT_RULE_SETTINGS);
    const chosen = settingsFromForm({
      ...form,
      rules: form.rules.map((r) => (r.kind === 'playbook-trigger' ? { ...r, playbookId: 'voc-sprint' } : r)),
    });
    expect(chosen.ok && chosen.settings.rules[indexOf('playbook-trigger')]).toMatchObject({
      playbookId: 'voc-sprint',
    });
  });

  it('turns a rule off and trims its name', () => {
    const result = settingsFromForm(withRule('status-red', { enabled: false, name: '  Red!  ' }));
    expect(result.ok && result.settings.rules[indexOf('status-red')]).toMatchObject({
      enabled: false,
      name: 'Red!',
    });
  });
});
