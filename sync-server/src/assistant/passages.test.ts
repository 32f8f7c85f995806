import {
  DEFAULT_CATALOG,
  PLAYBOOKS,
  markDeleted,
  month,
  type AssistantData,
  type IsoDate,
  type PlaybookRunDoc,
} from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { makeDoc, stamp } from '../testing/documents';
import { buildMessages, retrievedContext } from './prompt';
import { runCitation, tenantPassages } from './passages';

const USER = '00000000-0000-4000-8000-000000000001';

function completedRun(): PlaybookRunDoc {
  const run = makeDoc('playbook_runs', { id: 'run-1', userId: USER, accountId: 'acc-1' });
  return {
    ...run,
    state: 'completed',
    completedAt: '2025-07-01T12:00:00.000Z',
    steps: [
      {
        ...run.steps[0]!,
        done: true,
        doneAt: '2025-06-02T12:00:00.000Z',
        note: 'Met the executive sponsor; exports are the pain.',
      },
    ],
    trigger: {
      month: month('2025-05'),
      evidence: [{ metric: 'nps', value: -8, comparator: '<', threshold: 0, text: 'NPS −8 is below 0' }],
    },
    outcome: {
      criterionMet: true,
      before: { nps: -8 },
      after: { nps: 19 },
      measuredAt: '2025-07-01T12:00:00.000Z',
    },
  };
}

const data: AssistantData = {
  accounts: [
    { id: 'acc-1', name: 'Granite Peak', segment: 'SMB', ownerId: USER, renewalDate: null, _deleted: false },
  ],
  series: [],
  catalog: DEFAULT_CATALOG,
  members: [],
  runs: [completedRun(), markDeleted({ ...completedRun(), id: 'run-gone' }, stamp(5))],
  today: '2025-10-01' as IsoDate,
};

describe('passages', () => {
  const passages = tenantPassages(data);

  it('has every playbook, each run with its trigger and outcome, and each step note', () => {
    expect(passages.map((p) => p.id)).toEqual([
      ...PLAYBOOKS.map((p) => `playbook:${p.id}`),
      'run:run-1',
      'run:run-1:step:review-feedback',
    ]);
    expect(passages.find((p) => p.id === 'run:run-1')?.text).toBe(
      'Playbook run: VoC Sprint on Granite Peak. State: completed (created 2025-10-01, started 2025-10-01, ended 2025-07-01). ' +
        'Triggered in 2025-05 by: NPS −8 is below 0. Outcome: success criterion met. Before → after: Net Promoter Score -8 → 19.',
    );
    expect(passages.find((p) => p.id === 'run:run-1:step:review-feedback')).toEqual({
      id: 'run:run-1:step:review-feedback',
      text: 'Note on step "Review recent feedback" (done 2025-06-02) of VoC Sprint on Granite Peak: Met the executive sponsor; exports are the pain.',
      runId: 'run-1',
    });
  });

  it('labels a run as the query engine does', () => {
    expect(runCitation(completedRun(), 'Granite Peak')).toEqual({
      kind: 'playbook_run',
      ref: 'run-1',
      label: 'VoC Sprint on Granite Peak (completed, met)',
    });
  });
});

describe('the messages the model reads', () => {
  const request = {
    question: 'What did the sponsor say?',
    context: null,
    history: [{ role: 'assistant' as const, text: 'Earlier answer.' }],
  };

  it('puts the rules, the data, retrieval and the conversation in order', () => {
    const hit = { passage: tenantPassages(data).at(-1)!, score: 0.4 };
    const retrieved = retrievedContext(
      [hit],
      new Map([['run-1', 'VoC Sprint on Granite Peak (completed, met)']]),
    );
    const messages = buildMessages({ data, request, previous: null, retrieved });
    expect(messages.map((m) => m.role)).toEqual(['system', 'system', 'assistant', 'user']);
    expect(messages[0]?.content).toContain('Numbers only from tools');
    expect(messages[0]?.content).toContain('say so plainly');
    expect(messages[1]?.content).toContain(
      'Today is 2025-10-01. This workspace has 1 account, no KPI values yet, and 1 playbook run.',
    );
    expect(messages[1]?.content).toContain(
      '[1] (run "VoC Sprint on Granite Peak (completed, met)") Note on step',
    );
    expect(messages[3]).toEqual({ role: 'user', content: 'What did the sponsor say?' });
  });

  it('names the accounts of the previous turn, for "it" and "them"', () => {
    const previous = {
      accountIds: ['acc-1'],
      kpi: null,
      playbookId: null,
      segment: null,
      ownerId: null,
      period: null,
    };
    const messages = buildMessages({ data, request, previous, retrieved: retrievedContext([], new Map()) });
    expect(messages[1]?.content).toContain('The previous answer was about: Granite Peak');
    expect(messages[1]?.content).toContain('No playbook-run notes or playbook texts matched this question.');
  });

  it('tells the model when the notes could not be searched', () => {
    expect(retrievedContext(null, new Map())).toContain('could not be searched');
  });
});
