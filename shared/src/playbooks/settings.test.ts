import { describe, expect, it } from 'vitest';
import { PLAYBOOK_IDS } from './definitions';
import { fieldKey, overridesFromForm, readPlaybookSettings, thresholdFields } from './settings';
import { resolvePlaybookRules } from './triggers';

describe('readPlaybookSettings', () => {
  it('reads the overrides, or none', () => {
    const overrides = { 'voc-sprint': { trigger: { nps: -10 }, withinDays: 90 } };
    expect(readPlaybookSettings({ overrides })).toEqual({ overrides, problem: null });
    expect(readPlaybookSettings(undefined)).toEqual({ overrides: {}, problem: null });
  });

  it('ignores malformed settings and says so', () => {
    const read = readPlaybookSettings({ overrides: { 'voc-sprint': { trigger: { nps: 'low' } } } });
    expect(read.overrides).toEqual({});
    expect(read.problem).toMatch(/could not be read .* so the defaults apply\.$/);
  });
});

describe('thresholdFields', () => {
  it('lists every trigger condition, tunable criterion and window, with defaults and current values', () => {
    const fields = thresholdFields('voc-sprint', { 'voc-sprint': { trigger: { nps: -10 } } });
    expect(fields.map((f) => [f.key, f.label, f.unit, f.defaultValue, f.value])).toEqual([
      ['voc-sprint:trigger:nps', 'Net Promoter Score is below', 'points', 0, -10],
      ['voc-sprint:trigger:csat', 'Customer satisfaction is below', '%', 70, 70],
      ['voc-sprint:trigger:survey_response_rate', 'Survey response rate is below', '%', 15, 15],
      ['voc-sprint:success:nps', 'Net Promoter Score improves by', 'points', 10, 10],
      ['voc-sprint:success:csat', 'Customer satisfaction improves by', 'points', 10, 10],
      ['voc-sprint:window:window', 'Success window', 'days', 60, 60],
    ]);
  });

  it('shows churn risk as a percentage, status as a choice, and no window or "renewed" for Renewal Safeguard', () => {
    const fields = thresholdFields('renewal-safeguard', {});
    expect(
      fields.map((f) => [f.conditionId, f.defaultValue, f.unit, f.choices?.map((c) => c.value) ?? null]),
    ).toEqual([
      ['days_to_renewal', 120, 'days', null],
      ['status_not_green', 100, '', [100, 50]],
      ['churn_risk', 50, '%', null],
      ['arr', 100, '%', null],
    ]);
  });

  it('covers all five playbooks', () => {
    for (const id of PLAYBOOK_IDS) expect(thresholdFields(id, {}).length).toBeGreaterThan(1);
  });
});

describe('overridesFromForm', () => {
  it('keeps only the values that differ from the defaults, stored in their own units', () => {
    const result = overridesFromForm({
      [fieldKey('voc-sprint', 'trigger', 'nps')]: '−10',
      [fieldKey('voc-sprint', 'trigger', 'csat')]: '70',
      [fieldKey('voc-sprint', 'window', null)]: '90',
      [fieldKey('renewal-safeguard', 'trigger', 'churn_risk')]: '40%',
      [fieldKey('renewal-safeguard', 'trigger', 'status_not_green')]: '50',
      [fieldKey('sla-stabilizer', 'success', 'sla_breach_rate')]: '',
    });
    expect(result).toEqual({
      ok: true,
      overrides: {
        'voc-sprint': { trigger: { nps: -10 }, withinDays: 90 },
        'renewal-safeguard': { trigger: { churn_risk: 0.4, status_not_green: 50 } },
      },
      data: {
        overrides: {
          'voc-sprint': { trigger: { nps: -10 }, withinDays: 90 },
          'renewal-safeguard': { trigger: { churn_risk: 0.4, status_not_green: 50 } },
        },
      },
    });
    if (result.ok) {
      const { rules, ignored } = resolvePlaybookRules(result.overrides);
      expect(ignored).toEqual([]);
      expect(rules['voc-sprint'].success.withinDays).toBe(90);
    }
  });

  it.each([
    [fieldKey('voc-sprint', 'trigger', 'nps'), 'low', 'Enter a number, or leave it empty for the default.'],
    [
      fieldKey('voc-sprint', 'trigger', 'nps'),
      '-150',
      'VoC Sprint: the Net Promoter Score threshold -150 is outside the plausible range -100…100.',
    ],
    [
      fieldKey('voc-sprint', 'success', 'nps'),
      '0',
      'VoC Sprint: the Net Promoter Score improvement must be more than 0 and at most 200.',
    ],
    [
      fieldKey('voc-sprint', 'window', null),
      '10.5',
      'VoC Sprint: the success window must be a whole number of days between 1 and 365.',
    ],
    [fieldKey('renewal-safeguard', 'trigger', 'churn_risk'), '150', 'Enter a percentage from 0 to 100.'],
    [
      fieldKey('expansion-timing', 'trigger', 'green_months'),
      '0',
      'Expansion Timing: the Months green in a row threshold 0 is outside the plausible range 1…24.',
    ],
  ])('reports %s = %j on its field', (key, entry, message) => {
    expect(overridesFromForm({ [key]: entry })).toEqual({ ok: false, errors: { [key]: message } });
  });
});
