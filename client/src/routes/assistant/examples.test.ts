import { answerQuestion, classifyQuestion } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
// The sample tenants as the device holds them (a test helper of the engine, not part of its API).
import { sampleAssistantCases } from '../../../../shared/src/assistant/testing';
import { quickQueries } from './examples';

describe('the quick-query chips', () => {
  const cases = sampleAssistantCases();

  it.each(cases.map((c) => [c.tenant.name, c] as const))(
    'ask one question per template, each answered on the device (%s)',
    (_name, { data }) => {
      const queries = quickQueries(data);
      expect(queries.map((q) => q.template)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
      for (const q of queries) {
        const classified = classifyQuestion(q.question, data);
        expect({ question: q.question, kind: classified.kind, template: classified.template }).toEqual({
          question: q.question,
          kind: 'deterministic',
          template: q.template,
        });
        const answer = answerQuestion(q.question, data);
        expect(answer.answer, q.question).not.toBe('');
      }
    },
  );

  it('names the account in the worst health, and something else to compare it with', () => {
    const { data } = cases.find((c) => c.tenant.slug === 'acme')!;
    const worst = quickQueries(data).find((q) => q.template === 3)!;
    const health = answerQuestion(worst.question, data);
    expect(health.rows.length).toBeGreaterThan(0);
    const compare = quickQueries(data).find((q) => q.template === 8)!.question;
    const [, first, second] = /^Compare (.+) and (.+)$/.exec(compare)!;
    expect(first).not.toBe(second);
  });

  it('offers none before the device holds any account', () => {
    const { data } = cases[0]!;
    expect(quickQueries({ ...data, accounts: [], series: [] })).toEqual([]);
  });
});
