import type { Citation } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { isNamedIn, usedCitations } from './citations';

const acme: Citation = { kind: 'account', ref: 'acc-1', label: 'Acme' };
const ace: Citation = { kind: 'account', ref: 'acc-2', label: 'Ace' };
const june: Citation = { kind: 'month', ref: '2025-06', label: '2025-06' };
const run: Citation = { kind: 'playbook_run', ref: 'run-9', label: 'VoC Sprint on Acme (completed, met)' };

describe('citations an answer keeps', () => {
  it.each<[string, Citation, boolean]>([
    ['Acme turned red.', acme, true],
    ['ACME turned red.', acme, true],
    ['Acmes are not a thing.', acme, false],
    ['Acer is fine.', ace, false],
    ['In June 2025 NPS fell.', june, true],
    ['In Jun 2025 NPS fell.', june, true],
    ['As of 2025-06, NPS fell.', june, true],
    ['The VoC Sprint on Acme worked.', run, true],
    ['See run-9.', run, true],
    ['A VoC Sprint helped.', run, false],
  ])('"%s" names %j: %s', (text, citation, expected) => {
    expect(isNamedIn(text, citation)).toBe(expected);
  });

  it('keeps the tool citations the text names, and retrieved runs only when named', () => {
    const text = 'Acme is red as of 2025-06; the VoC Sprint on Acme met its goal.';
    const other: Citation = { kind: 'playbook_run', ref: 'run-1', label: 'SLA Stabilizer on Ace (active)' };
    expect(usedCitations(text, { tools: [june, acme, ace], retrieval: [run, other] })).toEqual([
      june,
      acme,
      run,
    ]);
  });

  it('keeps every tool citation when the text names none of them', () => {
    expect(usedCitations('Two accounts got worse.', { tools: [acme, ace, acme], retrieval: [run] })).toEqual([
      acme,
      ace,
    ]);
  });

  it('never keeps more than a stored message can hold', () => {
    const many = Array.from({ length: 80 }, (_, i): Citation => ({
      kind: 'account',
      ref: `a${i}`,
      label: `Account ${i}`,
    }));
    expect(usedCitations('Nothing named.', { tools: many, retrieval: [] })).toHaveLength(50);
  });
});
