import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../schemas/fixtures';
import { COLLECTION_NAMES, type CollectionName } from '../sync/protocol';
import {
  WRITE_REFUSALS,
  authorizeWrite,
  canReadDocument,
  canWriteCollection,
  type WriteRequest,
} from './document-access';
import { ROLES, type Role } from './roles';

const ME = 'user-me';
const OTHER = 'user-other';
const LATER = '001740787260000-000000-devB';
const AT = '2025-03-02T00:00:00.000Z';

type Doc = Record<string, unknown>;

/** Accounts of the tenant: `acc-mine` is owned by ME, `acc-theirs` by OTHER, `acc-nobody` by no one. */
const OWNERS: Record<string, string | null> = { 'acc-mine': ME, 'acc-theirs': OTHER, 'acc-nobody': null };

const account = (ownerId: string | null, patch: Doc = {}): Doc => ({
  ...FIXTURES.accounts,
  id: 'acc-x',
  ownerId,
  ...patch,
});
const measurement = (accountId: string, patch: Doc = {}): Doc => ({
  ...FIXTURES.measurements,
  id: `${accountId}:2025-03`,
  accountId,
  ...patch,
});
const run = (accountId: string, patch: Doc = {}): Doc => ({ ...FIXTURES.playbook_runs, accountId, ...patch });
const conversation = (userId: string, patch: Doc = {}): Doc => ({
  ...FIXTURES.conversations,
  userId,
  ...patch,
});
const alert = (patch: Doc = {}): Doc => ({ ...FIXTURES.alerts, ...patch });
const acknowledged = (by: string): Doc =>
  alert({ acknowledgedBy: by, acknowledgedAt: AT, clocks: { acknowledgedBy: LATER, acknowledgedAt: LATER } });
const settings = (id: string, patch: Doc = {}): Doc => ({ ...FIXTURES.settings, id, ...patch });

function decide(
  role: Role,
  collection: CollectionName,
  before: Doc | null,
  after: Doc,
): ReturnType<typeof authorizeWrite> {
  const request: WriteRequest = {
    role,
    userId: ME,
    collection,
    before,
    after,
    accountOwner: (id) => OWNERS[id],
  };
  return authorizeWrite(request);
}

type Case = readonly [scenario: string, collection: CollectionName, before: Doc | null, after: Doc];

/** Each scenario with the roles allowed to do it; every other role must be refused. */
const CASES: readonly (readonly [...Case, allowed: readonly Role[], refusal: string])[] = [
  // accounts, measurements, playbook runs: data.write (owner, admin, manager) or data.write-own (csm, own only)
  [
    'edit an account one owns',
    'accounts',
    account(ME),
    account(ME, { name: 'Renamed' }),
    ['owner', 'admin', 'manager', 'csm'],
    WRITE_REFUSALS.dataRole,
  ],
  [
    "edit someone else's account",
    'accounts',
    account(OTHER),
    account(OTHER, { name: 'Renamed' }),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.dataOwn,
  ],
  [
    'edit an unowned account',
    'accounts',
    account(null),
    account(null, { name: 'Renamed' }),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.dataOwn,
  ],
  [
    'create an account for oneself',
    'accounts',
    null,
    account(ME),
    ['owner', 'admin', 'manager', 'csm'],
    WRITE_REFUSALS.dataRole,
  ],
  [
    'create an account for someone else',
    'accounts',
    null,
    account(OTHER),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.dataOwn,
  ],
  [
    'hand one’s account over',
    'accounts',
    account(ME),
    account(OTHER),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.handOver,
  ],
  [
    "take someone else's account",
    'accounts',
    account(OTHER),
    account(ME),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.dataOwn,
  ],
  [
    'delete an account one owns',
    'accounts',
    account(ME),
    account(ME, { _deleted: true }),
    ['owner', 'admin', 'manager', 'csm'],
    WRITE_REFUSALS.dataRole,
  ],
  [
    "delete someone else's account",
    'accounts',
    account(OTHER),
    account(OTHER, { _deleted: true }),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.dataOwn,
  ],
  [
    'edit KPI values of one’s account',
    'measurements',
    measurement('acc-mine'),
    measurement('acc-mine', { values: {} }),
    ['owner', 'admin', 'manager', 'csm'],
    WRITE_REFUSALS.dataRole,
  ],
  [
    'add a month to one’s account',
    'measurements',
    null,
    measurement('acc-mine'),
    ['owner', 'admin', 'manager', 'csm'],
    WRITE_REFUSALS.dataRole,
  ],
  [
    "edit KPI values of someone else's account",
    'measurements',
    measurement('acc-theirs'),
    measurement('acc-theirs', { values: {} }),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.dataOwn,
  ],
  [
    'add a month to an account that does not exist',
    'measurements',
    null,
    measurement('acc-gone'),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.dataOwn,
  ],
  [
    'check off a step of a run on one’s account',
    'playbook_runs',
    run('acc-mine'),
    run('acc-mine', { state: 'completed' }),
    ['owner', 'admin', 'manager', 'csm'],
    WRITE_REFUSALS.dataRole,
  ],
  [
    "edit a run on someone else's account",
    'playbook_runs',
    run('acc-theirs'),
    run('acc-theirs', { state: 'completed' }),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.dataOwn,
  ],
  [
    'move a run from one’s account to someone else’s',
    'playbook_runs',
    run('acc-mine'),
    run('acc-theirs'),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.dataOwn,
  ],
  [
    'start a run on an unowned account',
    'playbook_runs',
    null,
    run('acc-nobody'),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.dataOwn,
  ],
  // conversations: everyone keeps their own, nobody touches anyone else's
  [
    'continue one’s own conversation',
    'conversations',
    conversation(ME),
    conversation(ME, { title: 'New' }),
    ROLES,
    WRITE_REFUSALS.conversationsOwn,
  ],
  ['start a conversation', 'conversations', null, conversation(ME), ROLES, WRITE_REFUSALS.conversationsOwn],
  [
    "edit someone else's conversation",
    'conversations',
    conversation(OTHER),
    conversation(OTHER, { title: 'Mine now' }),
    [],
    WRITE_REFUSALS.conversationsOwn,
  ],
  [
    "take over someone else's conversation",
    'conversations',
    conversation(OTHER),
    conversation(ME),
    [],
    WRITE_REFUSALS.conversationsOwn,
  ],
  [
    'give one’s conversation away',
    'conversations',
    conversation(ME),
    conversation(OTHER),
    [],
    WRITE_REFUSALS.conversationsOwn,
  ],
  [
    'start a conversation in someone else’s name',
    'conversations',
    null,
    conversation(OTHER),
    [],
    WRITE_REFUSALS.conversationsOwn,
  ],
  // alerts: only the acknowledgement, only in one's own name
  [
    'acknowledge an alert',
    'alerts',
    alert(),
    acknowledged(ME),
    ['owner', 'admin', 'manager', 'csm'],
    WRITE_REFUSALS.alertsRole,
  ],
  [
    'acknowledge an alert in someone else’s name',
    'alerts',
    alert(),
    acknowledged(OTHER),
    [],
    WRITE_REFUSALS.alertsSelf,
  ],
  [
    'withdraw someone else’s acknowledgement',
    'alerts',
    acknowledged(OTHER),
    alert(),
    [],
    WRITE_REFUSALS.alertsSelf,
  ],
  [
    'change the severity of an alert',
    'alerts',
    alert(),
    alert({ severity: 'info' }),
    [],
    WRITE_REFUSALS.alertsFields,
  ],
  [
    'acknowledge and retitle an alert',
    'alerts',
    alert(),
    { ...acknowledged(ME), title: 'Nothing to see' },
    [],
    WRITE_REFUSALS.alertsFields,
  ],
  [
    'escalate an alert',
    'alerts',
    alert(),
    alert({ escalatedAt: AT, clocks: { escalatedAt: LATER } }),
    [],
    WRITE_REFUSALS.alertsFields,
  ],
  ['create an alert', 'alerts', null, alert(), [], WRITE_REFUSALS.alertsLifecycle],
  ['delete an alert', 'alerts', alert(), alert({ _deleted: true }), [], WRITE_REFUSALS.alertsLifecycle],
  [
    'bring a deleted alert back',
    'alerts',
    alert({ _deleted: true }),
    acknowledged(ME),
    [],
    WRITE_REFUSALS.alertsLifecycle,
  ],
  // settings: settings.tenant (owner, admin); the alert rules also alerts.rules (manager)
  [
    'change the KPI settings',
    'settings',
    settings('kpis'),
    settings('kpis', { data: {} }),
    ['owner', 'admin'],
    WRITE_REFUSALS.settings,
  ],
  [
    'create a settings area',
    'settings',
    null,
    settings('features'),
    ['owner', 'admin'],
    WRITE_REFUSALS.settings,
  ],
  [
    'change the alert rules',
    'settings',
    settings('alert-rules'),
    settings('alert-rules', { data: {} }),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.alertRules,
  ],
  [
    'create the alert rules',
    'settings',
    null,
    settings('alert-rules'),
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.alertRules,
  ],
  // versions: imports.commit (owner, admin, manager)
  [
    'commit an import',
    'versions',
    null,
    { ...FIXTURES.versions },
    ['owner', 'admin', 'manager'],
    WRITE_REFUSALS.versions,
  ],
  // members: server-authoritative, never through sync
  [
    'change a member',
    'members',
    { ...FIXTURES.members },
    { ...FIXTURES.members, role: 'owner' },
    [],
    WRITE_REFUSALS.members,
  ],
  ['add a member', 'members', null, { ...FIXTURES.members, id: ME }, [], WRITE_REFUSALS.members],
];

describe('authorizeWrite', () => {
  const rows = CASES.flatMap(([scenario, collection, before, after, allowed, refusal]) =>
    ROLES.map((role) => ({
      scenario,
      role,
      collection,
      before,
      after,
      allowed: allowed.includes(role),
      refusal,
    })),
  );

  it.each(rows)(
    '$role: $scenario → allowed $allowed',
    ({ role, collection, before, after, allowed, refusal }) => {
      const decision = decide(role, collection, before, after);
      if (allowed) {
        expect(decision).toEqual({ ok: true });
      } else {
        expect(decision).toEqual({ ok: false, code: 'forbidden', message: expect.any(String) });
        // Roles without the permission get the role refusal; those with it, the rule they broke.
        if (!decision.ok && canWriteCollection(role, collection)) expect(decision.message).toBe(refusal);
      }
    },
  );

  it('refuses a viewer every collection but their own conversations', () => {
    const refused = COLLECTION_NAMES.filter((collection) => {
      const doc = collection === 'conversations' ? conversation(ME) : { ...FIXTURES[collection] };
      return !decide('viewer', collection, null, doc).ok;
    });
    expect(refused).toEqual(COLLECTION_NAMES.filter((c) => c !== 'conversations'));
  });

  it('tells a CSM handing an account over who can do it', () => {
    expect(decide('csm', 'accounts', account(ME), account(OTHER))).toEqual({
      ok: false,
      code: 'forbidden',
      message: WRITE_REFUSALS.handOver,
    });
  });
});

describe('canWriteCollection', () => {
  it.each<[Role, readonly CollectionName[]]>([
    [
      'owner',
      ['accounts', 'measurements', 'versions', 'playbook_runs', 'conversations', 'alerts', 'settings'],
    ],
    [
      'admin',
      ['accounts', 'measurements', 'versions', 'playbook_runs', 'conversations', 'alerts', 'settings'],
    ],
    [
      'manager',
      ['accounts', 'measurements', 'versions', 'playbook_runs', 'conversations', 'alerts', 'settings'],
    ],
    ['csm', ['accounts', 'measurements', 'playbook_runs', 'conversations', 'alerts']],
    ['viewer', ['conversations']],
  ])('%s may push to %j', (role, collections) => {
    expect(COLLECTION_NAMES.filter((c) => canWriteCollection(role, c))).toEqual(collections);
  });
});

describe('canReadDocument', () => {
  it.each<[CollectionName, Doc, boolean]>([
    ['conversations', conversation(ME), true],
    ['conversations', conversation(OTHER), false],
    ['accounts', account(OTHER), true],
    ['alerts', alert(), true],
  ])('%s %# → %s', (collection, doc, readable) => {
    expect(canReadDocument(ME, collection, doc)).toBe(readable);
  });
});
