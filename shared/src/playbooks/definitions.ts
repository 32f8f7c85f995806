/**
 * The five system playbooks of DOMAIN.md "Playbooks": what each is for, its steps with owners (RACI) and
 * durations, and the life cycle of a run. Triggers and success criteria are data in `triggers.ts`, because
 * tenants may change their thresholds; the steps here are the same for every tenant.
 */

export const PLAYBOOK_IDS = [
  'voc-sprint',
  'activation-blitz',
  'sla-stabilizer',
  'renewal-safeguard',
  'expansion-timing',
] as const;
export type PlaybookId = (typeof PLAYBOOK_IDS)[number];

export function isPlaybookId(value: unknown): value is PlaybookId {
  return typeof value === 'string' && (PLAYBOOK_IDS as readonly string[]).includes(value);
}

/**
 * The vendor-side people who run a playbook. `executive_sponsor` is the tenant's own executive assigned to
 * the account (the customer's sponsor is who they meet, not a role in the matrix).
 */
export const RACI_ROLES = [
  'csm',
  'cs_manager',
  'support_lead',
  'product_manager',
  'account_executive',
  'executive_sponsor',
] as const;
export type RaciRoleId = (typeof RACI_ROLES)[number];

export const RACI_ROLE_NAMES: Readonly<Record<RaciRoleId, string>> = {
  csm: 'CSM',
  cs_manager: 'CS Manager',
  support_lead: 'Support Lead',
  product_manager: 'Product Manager',
  account_executive: 'Account Executive',
  executive_sponsor: 'Executive Sponsor',
};

/**
 * Exactly one role is accountable (the shape makes two impossible). The accountable role may also be
 * responsible ("R/A", usual for commercial steps); a role that does or owns the work is never also only
 * consulted or informed on it.
 */
export interface Raci {
  readonly responsible: readonly RaciRoleId[];
  readonly accountable: RaciRoleId;
  readonly consulted: readonly RaciRoleId[];
  readonly informed: readonly RaciRoleId[];
}

export interface PlaybookStep {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly durationDays: number;
  readonly raci: Raci;
}

export interface PlaybookDefinition {
  readonly id: PlaybookId;
  readonly name: string;
  readonly description: string;
  readonly steps: readonly PlaybookStep[];
  /** Steps run one after another, so the plan takes the sum of their durations. */
  readonly totalDurationDays: number;
}

function step(
  id: string,
  title: string,
  description: string,
  durationDays: number,
  raci: { r: readonly RaciRoleId[]; a: RaciRoleId; c?: readonly RaciRoleId[]; i?: readonly RaciRoleId[] },
): PlaybookStep {
  return {
    id,
    title,
    description,
    durationDays,
    raci: { responsible: raci.r, accountable: raci.a, consulted: raci.c ?? [], informed: raci.i ?? [] },
  };
}

function playbook(
  id: PlaybookId,
  name: string,
  description: string,
  steps: readonly PlaybookStep[],
): PlaybookDefinition {
  // Derived here, once, so the total can never disagree with the steps.
  const totalDurationDays = steps.reduce((sum, s) => sum + s.durationDays, 0);
  return { id, name, description, steps, totalDurationDays };
}

/*
 * Each plan fits inside its success window (VoC 60 days, Activation 45, SLA 30, Expansion 90; Renewal
 * Safeguard inside the 120 days before renewal), so the after-values are measured once the work is done.
 */
const VOC_SPRINT = playbook(
  'voc-sprint',
  'VoC Sprint',
  'Sentiment has dropped: listen to the customer in a short, structured sprint, fix what they name first and show them it was heard.',
  [
    step(
      'review-feedback',
      'Review recent feedback',
      'Read the latest NPS and CSAT verbatims, detractor comments and recent tickets; list the recurring complaints.',
      3,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['support_lead'],
        i: ['product_manager'],
      },
    ),
    step(
      'interviews',
      'Interview users and the sponsor',
      'Hold 3–5 short interviews across admins, daily users and the customer sponsor to understand the why behind the scores.',
      10,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['product_manager', 'executive_sponsor'],
        i: ['account_executive'],
      },
    ),
    step(
      'synthesize',
      'Agree the top three fixes',
      'Group what you heard into themes and agree with product and support which three issues to address first, with owners and dates.',
      5,
      {
        r: ['csm', 'product_manager'],
        a: 'cs_manager',
        c: ['support_lead'],
        i: ['executive_sponsor', 'account_executive'],
      },
    ),
    step(
      'close-loop',
      'Close the loop with the customer',
      'Share back what you heard and the action plan, in writing and in a call with the sponsor.',
      5,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['product_manager'],
        i: ['executive_sponsor', 'account_executive'],
      },
    ),
    step(
      'quick-wins',
      'Deliver quick wins',
      'Resolve the fixable items (configuration, training gaps, stuck tickets) and tell the people who raised them.',
      10,
      {
        r: ['csm', 'support_lead'],
        a: 'cs_manager',
        c: ['product_manager'],
        i: ['executive_sponsor'],
      },
    ),
    step(
      'pulse-survey',
      'Run a pulse survey',
      'Send a short NPS/CSAT pulse to the same audience to measure the change against the baseline.',
      7,
      {
        r: ['csm'],
        a: 'cs_manager',
        i: ['product_manager', 'executive_sponsor'],
      },
    ),
  ],
);

const ACTIVATION_BLITZ = playbook(
  'activation-blitz',
  'Activation Blitz',
  'The customer is not using what they bought: find the blockers, enable the people who should be active and get utilization back above target.',
  [
    step(
      'diagnose',
      'Diagnose the adoption gap',
      'Find inactive seats, unused key features and stalled onboarding tasks; segment users by team and role.',
      3,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['product_manager'],
        i: ['account_executive'],
      },
    ),
    step(
      'activation-plan',
      'Agree an activation plan',
      'Agree targets (utilization, key features) and a timeline with the customer admin and sponsor.',
      4,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['account_executive'],
        i: ['executive_sponsor'],
      },
    ),
    step(
      'remove-blockers',
      'Remove technical blockers',
      'Fix what keeps users out: SSO and provisioning, integrations, data import, permissions.',
      10,
      {
        r: ['support_lead'],
        a: 'cs_manager',
        c: ['csm', 'product_manager'],
        i: ['account_executive'],
      },
    ),
    step(
      'enablement',
      'Run role-based enablement',
      'Run short sessions per team on the key workflows, with recordings and in-app guides for those who miss them.',
      14,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['product_manager', 'support_lead'],
        i: ['account_executive'],
      },
    ),
    step(
      'reassign-seats',
      'Reassign unused licences',
      'With the admin, move licences from people who left or never started to the teams that need them.',
      4,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['account_executive'],
        i: ['executive_sponsor'],
      },
    ),
    step(
      'checkpoint',
      'Adoption checkpoint',
      'Review utilization and feature adoption against the targets and decide whether to extend, close or escalate.',
      3,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['product_manager'],
        i: ['account_executive', 'executive_sponsor'],
      },
    ),
  ],
);

const SLA_STABILIZER = playbook(
  'sla-stabilizer',
  'SLA Stabilizer',
  'Support is failing the customer: stop the bleeding on open tickets, fix the causes of SLA breaches and rebuild confidence with a weekly review.',
  [
    step(
      'triage',
      'Triage open tickets and escalations',
      'Give every open ticket and escalation an owner and a next update time; fast-track the oldest and most severe.',
      2,
      {
        r: ['support_lead'],
        a: 'support_lead',
        c: ['csm'],
        i: ['cs_manager', 'account_executive'],
      },
    ),
    step(
      'customer-update',
      'Tell the customer the plan',
      'Acknowledge the service problems to the customer sponsor, with the recovery plan and a named contact.',
      2,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['support_lead'],
        i: ['account_executive', 'executive_sponsor'],
      },
    ),
    step(
      'root-cause',
      'Find the root causes',
      'Analyse breached tickets: routing, staffing, time zones, missing runbooks or product defects.',
      5,
      {
        r: ['support_lead'],
        a: 'support_lead',
        c: ['product_manager', 'csm'],
        i: ['cs_manager'],
      },
    ),
    step(
      'fix',
      'Fix routing, staffing and defects',
      'Change routing and priorities, cover the gaps in staffing, and get the defects behind repeat tickets scheduled.',
      10,
      {
        r: ['support_lead', 'product_manager'],
        a: 'support_lead',
        c: ['csm'],
        i: ['cs_manager', 'account_executive'],
      },
    ),
    step(
      'weekly-review',
      'Weekly SLA review',
      'Review breaches, escalations and response times with the customer every week until the breach rate is back within target.',
      7,
      {
        r: ['csm', 'support_lead'],
        a: 'cs_manager',
        i: ['account_executive', 'executive_sponsor'],
      },
    ),
  ],
);

const RENEWAL_SAFEGUARD = playbook(
  'renewal-safeguard',
  'Renewal Safeguard',
  'A renewal is near and the account is not healthy: surface the risks early, align executives, prove the value delivered and secure the renewal.',
  [
    step(
      'risk-review',
      'Assess the renewal risk',
      'Review health drivers, stakeholder changes, open issues, budget signals and commercial terms; write down the top risks.',
      5,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['account_executive', 'support_lead'],
        i: ['executive_sponsor'],
      },
    ),
    step(
      'exec-alignment',
      'Executive alignment meeting',
      'Meet the customer sponsor with your executive sponsor to confirm priorities and acknowledge the problems.',
      14,
      {
        r: ['csm', 'executive_sponsor'],
        a: 'cs_manager',
        c: ['account_executive'],
        i: ['product_manager'],
      },
    ),
    step(
      'value-review',
      'Value review',
      'Show the outcomes achieved against the customer goals: usage, time saved, support performance, ROI.',
      10,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['account_executive', 'product_manager'],
        i: ['executive_sponsor'],
      },
    ),
    step(
      'remediation',
      'Deliver the remediation plan',
      'Work through the top risks with owners and dates, and report progress to the customer every two weeks.',
      30,
      {
        r: ['csm', 'support_lead'],
        a: 'cs_manager',
        c: ['product_manager'],
        i: ['account_executive', 'executive_sponsor'],
      },
    ),
    step(
      'proposal',
      'Renewal proposal and negotiation',
      'Send the renewal proposal early, handle objections and agree terms before the renewal date.',
      21,
      {
        r: ['account_executive'],
        a: 'account_executive',
        c: ['csm', 'cs_manager'],
        i: ['executive_sponsor'],
      },
    ),
    step(
      'close',
      'Close and plan the next term',
      'Sign the renewal and agree a success plan for the next term with the customer.',
      7,
      {
        r: ['account_executive', 'csm'],
        a: 'cs_manager',
        i: ['executive_sponsor', 'product_manager'],
      },
    ),
  ],
);

const EXPANSION_TIMING = playbook(
  'expansion-timing',
  'Expansion Timing',
  'The account is healthy, happy and near its licence limit: the moment to grow it. Confirm the need, build the case with the customer and hand it to sales.',
  [
    step(
      'signals',
      'Confirm the expansion signals',
      'Check seat pressure, new teams or regions asking for access, and requests for features in higher tiers.',
      3,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['product_manager'],
        i: ['account_executive'],
      },
    ),
    step(
      'success-story',
      'Document the outcomes',
      'Write up the results the customer achieved, with numbers, and ask for a reference or case study.',
      7,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['executive_sponsor'],
        i: ['account_executive'],
      },
    ),
    step(
      'hypothesis',
      'Build the expansion hypothesis',
      'Agree with the account executive what to propose (seats, modules, tier) and the value case for each.',
      5,
      {
        r: ['account_executive', 'csm'],
        a: 'account_executive',
        c: ['product_manager', 'cs_manager'],
        i: ['executive_sponsor'],
      },
    ),
    step(
      'discovery',
      'Discovery with the customer',
      'Meet the customer sponsor and the teams who would use the expansion to confirm needs, budget and timing.',
      14,
      {
        r: ['account_executive'],
        a: 'account_executive',
        c: ['csm', 'executive_sponsor'],
        i: ['cs_manager', 'product_manager'],
      },
    ),
    step('proposal', 'Proposal and negotiation', 'Send the expansion proposal, negotiate and close.', 21, {
      r: ['account_executive'],
      a: 'account_executive',
      c: ['csm'],
      i: ['cs_manager', 'executive_sponsor'],
    }),
    step(
      'onboard',
      'Onboard the expansion',
      'Plan and run onboarding for the new seats or modules so the new users reach value quickly.',
      10,
      {
        r: ['csm'],
        a: 'cs_manager',
        c: ['support_lead', 'account_executive'],
        i: ['product_manager'],
      },
    ),
  ],
);

/** The system playbooks in DOMAIN.md's order. */
export const PLAYBOOKS: readonly PlaybookDefinition[] = [
  VOC_SPRINT,
  ACTIVATION_BLITZ,
  SLA_STABILIZER,
  RENEWAL_SAFEGUARD,
  EXPANSION_TIMING,
];

const BY_ID: Readonly<Record<PlaybookId, PlaybookDefinition>> = {
  'voc-sprint': VOC_SPRINT,
  'activation-blitz': ACTIVATION_BLITZ,
  'sla-stabilizer': SLA_STABILIZER,
  'renewal-safeguard': RENEWAL_SAFEGUARD,
  'expansion-timing': EXPANSION_TIMING,
};

export function getPlaybook(id: PlaybookId): PlaybookDefinition {
  return BY_ID[id];
}

export type RaciLetter = 'R' | 'A' | 'C' | 'I';

/** What a role is on a step: `['R', 'A']` for "R/A", `[]` when it is not involved. */
export function raciLetters(step: PlaybookStep, role: RaciRoleId): RaciLetter[] {
  const { responsible, accountable, consulted, informed } = step.raci;
  const letters: RaciLetter[] = [];
  if (responsible.includes(role)) letters.push('R');
  if (accountable === role) letters.push('A');
  if (consulted.includes(role)) letters.push('C');
  if (informed.includes(role)) letters.push('I');
  return letters;
}

export interface RaciRow {
  readonly stepId: string;
  readonly title: string;
  readonly cells: Readonly<Record<RaciRoleId, readonly RaciLetter[]>>;
}

/** The RACI matrix of a run report: one row per step, one cell per role in `RACI_ROLES` order. */
export function raciMatrix(definition: PlaybookDefinition): RaciRow[] {
  return definition.steps.map((s) => {
    const cells = {} as Record<RaciRoleId, RaciLetter[]>;
    for (const role of RACI_ROLES) cells[role] = raciLetters(s, role);
    return { stepId: s.id, title: s.title, cells };
  });
}

export interface ScheduledStep {
  readonly stepId: string;
  /** Days after the run starts; the step occupies [startDay, endDay). */
  readonly startDay: number;
  readonly endDay: number;
}

/** The planned timeline, in days from the run's start, for due dates and the report's timeline. */
export function stepSchedule(definition: PlaybookDefinition): ScheduledStep[] {
  let day = 0;
  return definition.steps.map((s) => {
    const startDay = day;
    day += s.durationDays;
    return { stepId: s.id, startDay, endDay: day };
  });
}

/*
 * Run life cycle: planned → active → completed | abandoned, and planned → abandoned. Finished runs are
 * final: a second attempt is a new run with its own baseline, so before/after values never mix.
 */
export const RUN_STATES = ['planned', 'active', 'completed', 'abandoned'] as const;
export type RunState = (typeof RUN_STATES)[number];

export type RunAction =
  { readonly type: 'start' } | { readonly type: 'complete' } | { readonly type: 'abandon' };

const TRANSITIONS: Readonly<Record<RunState, Partial<Record<RunAction['type'], RunState>>>> = {
  planned: { start: 'active', abandon: 'abandoned' },
  active: { complete: 'completed', abandon: 'abandoned' },
  completed: {},
  abandoned: {},
};

/** A run that is planned or active blocks recommending the same playbook again for the account. */
export function isOpenRun(state: RunState): boolean {
  return state === 'planned' || state === 'active';
}

export const RUN_ERRORS = {
  notStarted: 'run-not-started',
  alreadyActive: 'run-already-active',
  finished: 'run-finished',
} as const;
export type RunErrorCode = (typeof RUN_ERRORS)[keyof typeof RUN_ERRORS];

export interface RunTransitionError {
  readonly code: RunErrorCode;
  readonly from: RunState;
  readonly action: RunAction['type'];
  readonly message: string;
}

export type RunTransition =
  | { readonly ok: true; readonly state: RunState }
  | { readonly ok: false; readonly error: RunTransitionError };

function refusal(from: RunState, action: RunAction['type']): RunTransitionError {
  if (from === 'completed') {
    return {
      code: RUN_ERRORS.finished,
      from,
      action,
      message: 'This run is already completed. Start a new run to try again.',
    };
  }
  if (from === 'abandoned') {
    return {
      code: RUN_ERRORS.finished,
      from,
      action,
      message: 'This run was abandoned. Start a new run to try again.',
    };
  }
  if (from === 'active') {
    return { code: RUN_ERRORS.alreadyActive, from, action, message: 'This run is already active.' };
  }
  return {
    code: RUN_ERRORS.notStarted,
    from,
    action,
    message: 'This run has not started yet. Start it before completing it.',
  };
}

export function transitionRun(state: RunState, action: RunAction): RunTransition {
  const next = TRANSITIONS[state][action.type];
  return next === undefined ? { ok: false, error: refusal(state, action.type) } : { ok: true, state: next };
}
