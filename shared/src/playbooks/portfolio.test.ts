import { describe, expect, it } from 'vitest';
import { sampleCases } from '../export/testing';
import { sampleSeries } from '../sample/generate';
import { SAMPLE_LATEST_MONTH, SAMPLE_MONTHS } from '../sample/model';
import { buildTriggerContext } from './context';
import { openRunRefs, portfolioRecommendations } from './portfolio';
import { recommendPlaybooks } from './recommend';
import { resolvePlaybookRules } from './triggers';

describe('portfolioRecommendations', () => {
  const { tenant, docs } = sampleCases().find((c) => c.tenant.slug === 'acme')!;
  const series = sampleSeries(tenant);
  const input = { accounts: docs.accounts, series, month: SAMPLE_LATEST_MONTH, runs: docs.playbook_runs };

  it('ranks the same accounts as the recommendations built account by account', () => {
    const contexts = tenant.accounts.map((a, i) => ({
      ...buildTriggerContext({
        series: series[i]!,
        month: SAMPLE_LATEST_MONTH,
        months: SAMPLE_MONTHS,
        renewalDate: a.renewalDate,
      }),
      name: a.name,
    }));
    const expected = recommendPlaybooks(contexts, { activeRuns: openRunRefs(docs.playbook_runs) });
    const result = portfolioRecommendations(input);
    expect(result.lists).toEqual(expected);
    expect(result.contexts.size).toBe(docs.accounts.length);
  });

  it('never recommends a playbook already open on the account', () => {
    const open = docs.playbook_runs.filter((r) => r.state === 'active' || r.state === 'planned');
    expect(open.length).toBeGreaterThan(0);
    const lists = portfolioRecommendations(input).lists;
    for (const run of open) {
      const list = lists.find((l) => l.playbookId === run.playbookId)!;
      expect(list.accounts.map((r) => r.accountId)).not.toContain(run.accountId);
    }
    // Without the runs, at least one of them would be recommended again.
    const unblocked = portfolioRecommendations({ ...input, runs: [] }).lists;
    expect(
      open.some((run) =>
        unblocked
          .find((l) => l.playbookId === run.playbookId)!
          .accounts.some((r) => r.accountId === run.accountId),
      ),
    ).toBe(true);
  });

  it("follows the tenant's thresholds", () => {
    const { rules } = resolvePlaybookRules({
      'sla-stabilizer': {
        trigger: { sla_breach_rate: 100, escalations: 1000, first_response_hours: 10_000 },
      },
    });
    const lists = portfolioRecommendations({ ...input, rules }).lists;
    expect(lists.find((l) => l.playbookId === 'sla-stabilizer')!.accounts).toEqual([]);
  });
});
