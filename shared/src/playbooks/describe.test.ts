import { describe, expect, it } from 'vitest';
import { PLAYBOOK_IDS } from './definitions';
import { criterionText, triggerText } from './describe';
import { DEFAULT_PLAYBOOK_RULES, resolvePlaybookRules } from './triggers';

describe('the rules in words', () => {
  it.each(PLAYBOOK_IDS.map((id, i) => [id, i] as const))('%s reads as DOMAIN.md writes it', (id, i) => {
    const expected: [string, string][] = [
      [
        'Net Promoter Score < 0, or Customer satisfaction < 70%, or Survey response rate < 15%',
        'Net Promoter Score up by at least 10 points, or Customer satisfaction up by at least 10 points, within 60 days',
      ],
      [
        'License utilization < 60%, or Key feature adoption < 40%, or Time to first value > 60 days',
        'License utilization ≥ 70%, within 45 days',
      ],
      [
        'SLA breach rate > 10%, or Escalations ≥ 3, or First response time > 24 hours',
        'SLA breach rate ≤ 5%, within 30 days',
      ],
      [
        'Days to renewal ≤ 120, and (Health status < green, or Churn risk ≥ 50%)',
        'Renewed, and ARR ≥ 100% of the baseline, judged at the renewal',
      ],
      [
        'Months green in a row ≥ 3, and License utilization ≥ 85%, and Net Promoter Score ≥ 30',
        'ARR ≥ 110% of the baseline, within 90 days',
      ],
    ];
    const rules = DEFAULT_PLAYBOOK_RULES[id];
    expect([triggerText(rules), criterionText(rules)]).toEqual(expected[i]);
  });

  it("uses the tenant's thresholds", () => {
    const { rules } = resolvePlaybookRules({
      'voc-sprint': { trigger: { nps: -10 }, success: { nps: 5 }, withinDays: 90 },
    });
    expect(triggerText(rules['voc-sprint'])).toMatch(/^Net Promoter Score < −10,/);
    expect(criterionText(rules['voc-sprint'])).toMatch(
      /^Net Promoter Score up by at least 5 points, .* within 90 days$/,
    );
  });
});
