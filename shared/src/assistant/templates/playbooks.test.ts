import { describe, expect, it } from 'vitest';
import { getPlaybook } from '../../playbooks/definitions';
import { resolvePlaybookRules } from '../../playbooks/triggers';
import { sampleAssistantCases } from '../testing';
import { runQuery } from '.';

const { tenant, data } = sampleAssistantCases().find((c) => c.tenant.slug === 'acme')!;
const idOf = (name: string): string => tenant.accounts.find((a) => a.name === name)!.id;

describe('template 12: which playbook', () => {
  it('never recommends a playbook already under way on the account, and says it is', () => {
    // Lighthouse Retail's VoC Sprint is active in the sample; its NPS and CSAT would trigger another.
    const active = tenant.runs.find((r) => r.accountId === idOf('Lighthouse Retail') && r.status === 'active')!;
    const answer = runQuery({ template: 12, accountId: idOf('Lighthouse Retail'), playbookId: null }, data);
    const recommended = answer.rows.map((r) => r.cells.playbook);
    expect(recommended).not.toContain(getPlaybook(active.playbookId).name);
    expect(recommended.length).toBeGreaterThan(0);
    expect(answer.answer).toContain(`Already under way: ${getPlaybook(active.playbookId).name}.`);
  });

  it('lists the accounts a playbook fits, most pressing first, with the trigger evidence', () => {
    const answer = runQuery({ template: 12, accountId: null, playbookId: 'sla-stabilizer' }, data);
    expect(answer.rows.map((r) => r.cells.rank)).toEqual(answer.rows.map((_, i) => i + 1));
    expect(answer.rows.every((r) => String(r.cells.evidence).length > 0)).toBe(true);
    expect(answer.context).toMatchObject({ playbookId: 'sla-stabilizer', accountIds: answer.rows.map((r) => r.accountId) });
  });
});

describe("the tenant's thresholds", () => {
  it('decide which accounts a playbook fits, as on the playbooks screen', () => {
    const fits = (answer: ReturnType<typeof runQuery>): string[] => answer.rows.map((r) => String(r.accountId));
    const query = { template: 12, accountId: null, playbookId: 'sla-stabilizer' } as const;
    const byDefault = fits(runQuery(query, data));
    // Stricter: only far worse SLA figures call for the playbook.
    const { rules, ignored } = resolvePlaybookRules({
      'sla-stabilizer': { trigger: { sla_breach_rate: 30, escalations: 8, first_response_hours: 60 } },
    });
    expect(ignored).toEqual([]);
    const strict = fits(runQuery(query, { ...data, playbookRules: rules }));
    expect(byDefault.length).toBeGreaterThan(0);
    expect(strict.length).toBeLessThan(byDefault.length);
    expect(strict.every((id) => byDefault.includes(id))).toBe(true);
  });
});

describe('template 13: playbook results', () => {
  it('reports completed runs with before/after values and the share that met the criterion', () => {
    const completed = tenant.runs.filter((r) => r.playbookId === 'renewal-safeguard' && r.status === 'completed');
    const met = completed.filter((r) => r.outcome?.criterionMet).length;
    const answer = runQuery({ template: 13, playbookId: 'renewal-safeguard', accountId: null }, data);
    expect(answer.answer).toContain(`${completed.length} completed runs, ${met} met the success criterion (${Math.round((met / completed.length) * 100)}%)`);
    expect(answer.citations.filter((c) => c.kind === 'playbook_run').map((c) => c.ref).sort()).toEqual(
      tenant.runs.filter((r) => r.playbookId === 'renewal-safeguard' && r.status !== 'abandoned').map((r) => r.id).sort(),
    );
  });

  it('says when a playbook has no runs on an account', () => {
    expect(runQuery({ template: 13, playbookId: 'voc-sprint', accountId: idOf('Atlas Aerospace') }, data).answer).toBe('No VoC Sprint runs on Atlas Aerospace yet.');
  });
});
