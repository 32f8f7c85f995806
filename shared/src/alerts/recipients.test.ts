import { describe, expect, it } from 'vitest';
import {
  alertInboxOrder,
  alertRecipients,
  escalationTargets,
  inboxAlerts,
  isEscalationDue,
  unacknowledgedCount,
} from './recipients';
import { alertDoc, member } from './testing';

const csm = member('user-csm', 'csm', { managerId: 'user-manager' });
const manager = member('user-manager', 'manager');
const otherManager = member('user-manager-2', 'manager');
const admin = member('user-admin', 'admin');
const owner = member('user-owner', 'owner');
const TEAM = [csm, manager, otherManager, admin, owner];

describe('escalationTargets', () => {
  it("is the owner's own manager", () => {
    expect(escalationTargets('user-csm', TEAM)).toEqual(['user-manager']);
  });

  it('falls back to every CS manager when the owner has no manager, or theirs has left', () => {
    const noManager = [member('user-csm', 'csm'), manager, otherManager, admin];
    expect(escalationTargets('user-csm', noManager)).toEqual(['user-manager', 'user-manager-2']);
    const managerLeft = [csm, { ...manager, _deleted: true }, otherManager, admin];
    expect(escalationTargets('user-csm', managerLeft)).toEqual(['user-manager-2']);
    expect(escalationTargets(null, TEAM)).toEqual(['user-manager', 'user-manager-2']);
  });

  it('falls back to admins and owners when there are no CS managers', () => {
    expect(
      escalationTargets('user-csm', [member('user-csm', 'csm'), admin, owner, member('v', 'viewer')]),
    ).toEqual(['user-admin', 'user-owner']);
  });

  it('never escalates to the owner themself', () => {
    expect(escalationTargets('user-manager', [manager, otherManager])).toEqual(['user-manager-2']);
    expect(escalationTargets('user-admin', [admin, owner])).toEqual(['user-owner']);
    expect(escalationTargets('self', [member('self', 'csm', { managerId: 'self' }), admin])).toEqual([
      'user-admin',
    ]);
  });
});

describe('alertRecipients', () => {
  it('is the owner while the alert is fresh', () => {
    expect(alertRecipients(alertDoc(), { ownerId: 'user-csm', members: TEAM })).toEqual(['user-csm']);
  });

  it("adds the owner's manager once escalated", () => {
    const escalated = alertDoc({ escalatedAt: '2026-11-20T13:00:00.000Z' });
    expect(alertRecipients(escalated, { ownerId: 'user-csm', members: TEAM })).toEqual([
      'user-csm',
      'user-manager',
    ]);
  });

  it('goes to the CS managers for an unowned account, or an owner who has left', () => {
    expect(alertRecipients(alertDoc(), { ownerId: null, members: TEAM })).toEqual([
      'user-manager',
      'user-manager-2',
    ]);
    const left = [{ ...csm, _deleted: true }, manager, admin];
    expect(alertRecipients(alertDoc(), { ownerId: 'user-csm', members: left })).toEqual(['user-manager']);
  });

  it('lists nobody twice', () => {
    const escalated = alertDoc({ escalatedAt: '2026-11-20T13:00:00.000Z' });
    expect(alertRecipients(escalated, { ownerId: null, members: TEAM })).toEqual([
      'user-manager',
      'user-manager-2',
    ]);
  });
});

describe('isEscalationDue', () => {
  const created = alertDoc({ createdAt: '2026-11-20T09:00:00.000Z' });
  it.each([
    ['one minute early', created, '2026-11-20T12:59:00.000Z', false],
    ['exactly on time', created, '2026-11-20T13:00:00.000Z', true],
    ['late', created, '2026-11-21T09:00:00.000Z', true],
    [
      'acknowledged',
      alertDoc({ acknowledgedBy: 'u', acknowledgedAt: '2026-11-20T09:30:00.000Z' }),
      '2026-11-21T09:00:00.000Z',
      false,
    ],
    [
      'already escalated',
      alertDoc({ escalatedAt: '2026-11-20T13:00:00.000Z' }),
      '2026-11-21T09:00:00.000Z',
      false,
    ],
    ['deleted', alertDoc({ _deleted: true }), '2026-11-21T09:00:00.000Z', false],
  ])('after 240 minutes: %s → %s', (_, alert, now, due) => {
    expect(isEscalationDue(alert, 240, new Date(now))).toBe(due);
  });
});

describe('inboxAlerts', () => {
  const owners: Record<string, string | null> = { 'acc-1': 'user-csm', 'acc-2': null, 'acc-3': 'user-csm' };
  const ownerOf = (accountId: string) => owners[accountId];
  const alerts = [
    alertDoc({ id: 'a', accountId: 'acc-1', createdAt: '2026-11-20T09:00:00.000Z' }),
    alertDoc({ id: 'b', accountId: 'acc-2', createdAt: '2026-11-20T10:00:00.000Z' }),
    alertDoc({ id: 'c', accountId: 'acc-3', createdAt: '2026-11-20T11:00:00.000Z' }),
    alertDoc({ id: 'd', accountId: 'acc-1', createdAt: '2026-11-20T12:00:00.000Z', _deleted: true }),
    alertDoc({ id: 'e', accountId: 'gone', createdAt: '2026-11-20T13:00:00.000Z' }),
    alertDoc({
      id: 'f',
      accountId: 'acc-1',
      createdAt: '2026-11-20T08:00:00.000Z',
      escalatedAt: '2026-11-20T12:00:00.000Z',
    }),
  ];
  const inbox = (userId: string) => inboxAlerts(alerts, { userId, ownerOf, members: TEAM }).map((a) => a.id);

  it("shows the owner their accounts' alerts, newest first, without deleted ones or gone accounts", () => {
    expect(inbox('user-csm')).toEqual(['c', 'a', 'f']);
  });

  it("shows a manager the unowned accounts' alerts and the escalated ones", () => {
    expect(inbox('user-manager')).toEqual(['b', 'f']);
    expect(inbox('user-admin')).toEqual([]);
  });

  it('keeps alerts of one moment in a stable order', () => {
    const same = [alertDoc({ id: 'x' }), alertDoc({ id: 'y' })];
    expect(
      inboxAlerts(same, { userId: 'user-csm', ownerOf: () => 'user-csm', members: TEAM }).map((a) => a.id),
    ).toEqual(['y', 'x']);
  });
});

describe('unacknowledgedCount', () => {
  it('counts the live alerts nobody acknowledged', () => {
    const acknowledged = { acknowledgedBy: 'u', acknowledgedAt: '2026-11-20T09:30:00.000Z' };
    expect(
      unacknowledgedCount([alertDoc(), alertDoc(acknowledged), alertDoc({ _deleted: true }), alertDoc()]),
    ).toBe(2);
  });
});

describe('the inbox order', () => {
  it('puts the newest first, and of alerts raised together the most severe first', () => {
    const at = '2026-11-20T09:00:00.000Z';
    const info = alertDoc({ id: 'a-3', severity: 'info', createdAt: at });
    const critical = alertDoc({ id: 'a-1', severity: 'critical', createdAt: at });
    const warning = alertDoc({ id: 'a-2', severity: 'warning', createdAt: at });
    const newer = alertDoc({ id: 'a-0', severity: 'info', createdAt: '2026-11-21T09:00:00.000Z' });
    expect([info, critical, newer, warning].sort(alertInboxOrder).map((a) => a.id)).toEqual([
      'a-0',
      'a-1',
      'a-2',
      'a-3',
    ]);
  });
});
