import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { answerQuestion, ANALYTICAL_ANSWER, classifyQuestion } from './classify';
import { emptyTurnContext } from './context';
import { corpusTurns } from './corpus';
import { sampleAssistantCases } from './testing';
import type { AssistantAccount, AssistantData, TurnContext } from './types';

const acme = sampleAssistantCases().find((c) => c.tenant.slug === 'acme')!.data;
const idOf = (name: string): string => acme.accounts.find((a) => a.name === name)!.id;

describe('classifyQuestion: templates with their entities', () => {
  it.each([
    ['Why is Kestrel Biotech red?', { template: 4, accountIds: [idOf('Kestrel Biotech')], claimed: 'red' }],
    ['top 10 accounts by escalations', { template: 5, measure: 'escalations', n: 10 }],
    // Lower is better for response time, so the best are the lowest.
    ['which accounts have the best first response time?', { template: 6, measure: 'first_response_hours', n: 5 }],
    ['worst accounts by SLA breach rate', { template: 5, measure: 'sla_breach_rate' }],
    ['renewals in the next 60 days for enterprise', { template: 11, days: 60, scope: { segment: 'Enterprise', ownerId: null } }],
    ['NRR by segment for Q3 2025', { template: 9, groupBy: 'segment', period: { from: '2025-07', to: '2025-09' } }],
    ['which accounts contracted most since June?', { template: 10, direction: 'contracted', period: { from: '2025-06', to: '2025-09' } }],
    ['who turned red?', { template: 14, direction: 'any', statuses: ['red'] }],
    ['average CSAT by CSM', { template: 15, measure: 'csat', groupBy: 'csm' }],
    ['which playbook should Cobalt run?', { template: 12, accountId: idOf('Cobalt Robotics'), playbookId: null }],
    ['who needs an activation blitz?', { template: 12, accountId: null, playbookId: 'activation-blitz' }],
    ['results of the SLA stabilizer', { template: 13, playbookId: 'sla-stabilizer' }],
    ['trend of NPS for Cobalt over the last 4 months', { template: 7, measure: 'nps', period: { from: '2025-06', to: '2025-09' } }],
  ])('"%s"', (question, expected) => {
    const c = classifyQuestion(question, acme);
    expect(c.kind).toBe('deterministic');
    expect(c.query).toMatchObject(expected);
  });
});

describe('classifyQuestion: analytical, and why', () => {
  it.each([
    ['draft an email to Cobalt Robotics', 'open_ended'],
    ['why are enterprise accounts churning more this year?', 'open_ended'],
    ['What should I focus on this quarter?', 'open_ended'],
    ['How is Zephyr Dynamics doing?', 'unknown_words'],
    ['compare this quarter to last quarter', 'no_template'],
    ['why is it red?', 'unresolved_reference'],
    ['   ', 'empty'],
  ])('"%s" → %s', (question, reason) => {
    const c = classifyQuestion(question, acme);
    expect(c).toMatchObject({ kind: 'analytical', template: null, query: null, reason });
  });

  it('names the words it did not understand', () => {
    expect(classifyQuestion('How is Zephyr Dynamics doing?', acme).unknownWords).toEqual(['zephyr', 'dynamics']);
  });

  it('treats a polite request as a request, and a question about the future as analytical', () => {
    expect(classifyQuestion('Can you show me the red accounts?', acme).template).toBe(1);
    expect(classifyQuestion('Which accounts will churn next quarter?', acme).kind).toBe('analytical');
  });
});

describe('follow-ups resolve through the previous turn', () => {
  function converse(...questions: string[]): { template: number | null; context: TurnContext }[] {
    let context: TurnContext | null = null;
    return questions.map((q) => {
      const answer = answerQuestion(q, acme, context);
      context = answer.context;
      return { template: answer.template, context: answer.context };
    });
  }

  it('"it" is the first account of the previous answer, "them" all of them', () => {
    const [list, why] = converse('Which accounts are red?', 'why is it red?');
    expect(why!.template).toBe(4);
    expect(why!.context.accountIds).toEqual(list!.context.accountIds.slice(0, 1));
    const [again, compare] = converse('Which accounts are red?', 'compare them');
    expect(compare!.template).toBe(8);
    expect(compare!.context.accountIds).toEqual(again!.context.accountIds.slice(0, 6));
  });

  it('"what about X?" asks the previous template again with X swapped in, keeping its settings', () => {
    const [, next] = converse('top 3 accounts by NPS in Mid-Market', 'what about SMB?');
    expect(next!.template).toBe(5);
    expect(next!.context).toMatchObject({ kpi: 'nps', segment: 'SMB', settings: { n: 3 } });
  });

  it('an analytical turn keeps the accounts it named for the next question', () => {
    const [email, health] = converse('draft an email to Cobalt Robotics', 'how is it doing?');
    expect(email!.template).toBeNull();
    expect(email!.context.accountIds).toEqual([idOf('Cobalt Robotics')]);
    expect(health!.template).toBe(3);
    expect(health!.context.accountIds).toEqual([idOf('Cobalt Robotics')]);
  });

  it('ignores a previous context that is not well formed instead of failing', () => {
    const broken = { ...emptyTurnContext(), kpi: 'not-a-kpi', accountIds: [42], template: 99 } as unknown as TurnContext;
    expect(answerQuestion('Which accounts are red?', acme, broken).template).toBe(1);
  });
});

describe('answerQuestion for an analytical question', () => {
  it('says the server will answer it, with no numbers of its own', () => {
    const answer = answerQuestion('What should I focus on this quarter?', acme);
    expect(answer).toMatchObject({ kind: 'analytical', template: null, answer: ANALYTICAL_ANSWER, rows: [], chart: null, citations: [] });
  });
});

describe('classification on 2,000 accounts', () => {
  const accounts: AssistantAccount[] = Array.from({ length: 2000 }, (_, i) => ({
    id: `acc-${i}`,
    name: i < acme.accounts.length ? acme.accounts[i]!.name : `Company ${String.fromCharCode(65 + (i % 26))}${i} Holdings`,
    segment: ['Enterprise', 'Mid-Market', 'SMB'][i % 3]!,
    ownerId: acme.members[i % acme.members.length]!.id,
    renewalDate: null,
    _deleted: false,
  }));
  const large: AssistantData = { accounts, series: [], catalog: DEFAULT_CATALOG, members: acme.members, runs: [], today: acme.today };

  it('takes well under 10 ms a question once the name index is built', () => {
    classifyQuestion('warm up the index', large);
    const questions = corpusTurns().map((t) => t.question);
    const times = questions.map((q) => {
      const start = performance.now();
      classifyQuestion(q, large);
      return performance.now() - start;
    });
    times.sort((a, b) => a - b);
    // Medians are hundredths of a millisecond; the bound leaves room for a busy CI machine.
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(2);
    expect(times[Math.floor(times.length * 0.95)]).toBeLessThan(10);
  });

  it('does not try to repair a pasted paragraph word by word', () => {
    const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor incididunt'.split(' ');
    const paragraph = Array.from({ length: 300 }, (_, i) => words[i % words.length]).join(' ').slice(0, 2000);
    const start = performance.now();
    expect(classifyQuestion(paragraph, large).reason).toBe('unknown_words');
    // Unbounded, this took 70 ms; bounded it takes about 1 ms. The margin is for a busy machine.
    expect(performance.now() - start).toBeLessThan(30);
  });
});
