import { describe, expect, it } from 'vitest';
import {
  PLAYBOOKS,
  PLAYBOOK_IDS,
  RACI_ROLES,
  RUN_ERRORS,
  RACI_ROLE_NAMES,
  getPlaybook,
  isOpenRun,
  isPlaybookId,
  raciLetters,
  raciMatrix,
  stepSchedule,
  transitionRun,
  type RunAction,
  type RunState,
} from './definitions';

describe('the five system playbooks', () => {
  it('have the ids and names of DOMAIN.md, in its order', () => {
    expect(PLAYBOOK_IDS).toEqual([
      'voc-sprint',
      'activation-blitz',
      'sla-stabilizer',
      'renewal-safeguard',
      'expansion-timing',
    ]);
    expect(PLAYBOOK_IDS.map((id) => getPlaybook(id).name)).toEqual([
      'VoC Sprint',
      'Activation Blitz',
      'SLA Stabilizer',
      'Renewal Safeguard',
      'Expansion Timing',
    ]);
  });

  it('recognise their ids only', () => {
    expect(isPlaybookId('sla-stabilizer')).toBe(true);
    expect(isPlaybookId('SLA Stabilizer')).toBe(false);
    expect(isPlaybookId('toString')).toBe(false);
  });

  it('name the six RACI roles with stable ids', () => {
    expect(RACI_ROLES).toEqual([
      'csm',
      'cs_manager',
      'support_lead',
      'product_manager',
      'account_executive',
      'executive_sponsor',
    ]);
    expect(RACI_ROLE_NAMES.cs_manager).toBe('CS Manager');
    expect(RACI_ROLE_NAMES.executive_sponsor).toBe('Executive Sponsor');
  });

  describe.each(PLAYBOOKS.map((p) => [p.id, p] as const))('%s', (_id, playbook) => {
    it('has 4–6 steps with unique ids, a description and whole-day durations', () => {
      expect(playbook.steps.length).toBeGreaterThanOrEqual(4);
      expect(playbook.steps.length).toBeLessThanOrEqual(6);
      expect(new Set(playbook.steps.map((s) => s.id)).size).toBe(playbook.steps.length);
      expect(playbook.description.length).toBeGreaterThan(20);
      for (const step of playbook.steps) {
        expect(Number.isInteger(step.durationDays) && step.durationDays > 0).toBe(true);
        expect(step.description.length).toBeGreaterThan(20);
      }
    });

    it('totals its step durations', () => {
      expect(playbook.totalDurationDays).toBe(playbook.steps.reduce((sum, s) => sum + s.durationDays, 0));
    });

    it('gives every step one accountable role, at least one responsible, and no role two parts', () => {
      for (const { raci } of playbook.steps) {
        expect(raci.responsible.length).toBeGreaterThan(0);
        const doers = new Set([...raci.responsible, raci.accountable]);
        const others = [...raci.consulted, ...raci.informed];
        expect(others.filter((r) => doers.has(r))).toEqual([]);
        expect(new Set(others).size).toBe(others.length);
      }
    });
  });
});

describe('RACI matrix', () => {
  it('shows R and A together when the accountable role also does the work', () => {
    const triage = getPlaybook('sla-stabilizer').steps[0]!;
    expect(RACI_ROLES.map((role) => [role, raciLetters(triage, role)])).toEqual([
      ['csm', ['C']],
      ['cs_manager', ['I']],
      ['support_lead', ['R', 'A']],
      ['product_manager', []],
      ['account_executive', ['I']],
      ['executive_sponsor', []],
    ]);
  });

  it('has a row per step and a cell per role, empty for roles not involved', () => {
    const playbook = getPlaybook('voc-sprint');
    const matrix = raciMatrix(playbook);
    expect(matrix.map((row) => row.stepId)).toEqual(playbook.steps.map((s) => s.id));
    for (const row of matrix) expect(Object.keys(row.cells).sort()).toEqual([...RACI_ROLES].sort());
    const first = matrix[0]!;
    const involved = RACI_ROLES.filter((r) => first.cells[r].length > 0);
    const step = playbook.steps[0]!;
    expect(involved.length).toBe(
      new Set([
        ...step.raci.responsible,
        step.raci.accountable,
        ...step.raci.consulted,
        ...step.raci.informed,
      ]).size,
    );
  });
});

describe('stepSchedule', () => {
  it('runs steps one after another from day 0', () => {
    const playbook = getPlaybook('activation-blitz');
    const schedule = stepSchedule(playbook);
    expect(schedule[0]).toMatchObject({ startDay: 0, endDay: playbook.steps[0]!.durationDays });
    for (let i = 1; i < schedule.length; i++) expect(schedule[i]!.startDay).toBe(schedule[i - 1]!.endDay);
    expect(schedule.at(-1)!.endDay).toBe(playbook.totalDurationDays);
  });
});

describe('transitionRun', () => {
  it.each([
    ['planned', 'start', 'active'],
    ['planned', 'abandon', 'abandoned'],
    ['active', 'complete', 'completed'],
    ['active', 'abandon', 'abandoned'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(transitionRun(from, { type: action })).toEqual({ ok: true, state: to });
  });

  it.each([
    ['planned', 'complete', RUN_ERRORS.notStarted, /Start it before/],
    ['active', 'start', RUN_ERRORS.alreadyActive, /already active/],
    ['completed', 'start', RUN_ERRORS.finished, /already completed/],
    ['completed', 'complete', RUN_ERRORS.finished, /already completed/],
    ['completed', 'abandon', RUN_ERRORS.finished, /already completed/],
    ['abandoned', 'start', RUN_ERRORS.finished, /was abandoned/],
    ['abandoned', 'complete', RUN_ERRORS.finished, /was abandoned/],
    ['abandoned', 'abandon', RUN_ERRORS.finished, /was abandoned/],
  ] as const)('refuses %s --%s-- with %s', (from: RunState, action: RunAction['type'], code, message) => {
    const result = transitionRun(from, { type: action });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code, from, action });
    expect(result.error.message).toMatch(message);
  });

  it.each([
    ['planned', true],
    ['active', true],
    ['completed', false],
    ['abandoned', false],
  ] as const)('counts a %s run as open: %s', (state, open) => {
    expect(isOpenRun(state)).toBe(open);
  });
});
