import type { AlertDoc, Role } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import {
  accountPath,
  acknowledgedText,
  alertsNavLabel,
  arrivalAnnouncement,
  badgeText,
  canAcknowledgeAlerts,
  canSeeAllAlerts,
  formatAlertTime,
  kindName,
  makeArrivalTracker,
  mostPressing,
  visibleAlerts,
} from './inbox-model';
import { alertDoc } from '../../../../shared/src/alerts/testing';

const alert = (overrides: Partial<AlertDoc> = {}): AlertDoc =>
  alertDoc({ title: 'Northwind turned red', createdAt: '2025-03-01T09:00:00.000Z', ...overrides });

const done = (id: string): AlertDoc =>
  alert({ id, acknowledgedBy: 'user-2', acknowledgedAt: '2025-03-01T10:00:00.000Z' });

describe('who may do what with alerts', () => {
  it.each<[Role, boolean, boolean]>([
    ['owner', true, true],
    ['admin', true, true],
    ['manager', true, true],
    ['csm', false, true],
    ['viewer', false, false],
  ])('%s: sees every alert %s, acknowledges %s', (role, all, acknowledge) => {
    expect(canSeeAllAlerts(role)).toBe(all);
    expect(canAcknowledgeAlerts(role)).toBe(acknowledge);
  });

  it('grants nothing before the role is known', () => {
    expect(canSeeAllAlerts(undefined)).toBe(false);
    expect(canAcknowledgeAlerts(undefined)).toBe(false);
  });
});

describe('which alerts the inbox lists', () => {
  const alerts = [alert({ id: 'a' }), done('b'), alert({ id: 'c' }), done('d')];

  it('shows the open ones, in the order given (newest first), or all of them', () => {
    expect(visibleAlerts(alerts, { show: 'open' }).map((a) => a.id)).toEqual(['a', 'c']);
    expect(visibleAlerts(alerts, { show: 'all' }).map((a) => a.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps one acknowledged during this visit where it was, so the list does not jump', () => {
    expect(visibleAlerts(alerts, { show: 'open', kept: new Set(['b']) }).map((a) => a.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});

describe('how an alert is worded', () => {
  const names = new Map([['user-2', 'Ana Souza']]);
  const context = (userId: string | null): Parameters<typeof acknowledgedText>[1] => ({
    userId,
    memberName: (id) => names.get(id) ?? null,
  });

  it('says who acknowledged it and when; "you" for the signed-in person', () => {
    const text = acknowledgedText(done('b'), context('user-1'));
    expect(text).toBe(`Acknowledged by Ana Souza at ${formatAlertTime('2025-03-01T10:00:00.000Z')}`);
    expect(acknowledgedText(done('b'), context('user-2'))).toMatch(/^Acknowledged by you at /);
  });

  it('names no one for an open alert, and someone who left the workspace as such', () => {
    expect(acknowledgedText(alert(), context('user-1'))).toBeNull();
    const byGone = alert({ acknowledgedBy: 'user-9', acknowledgedAt: '2025-03-01T10:00:00.000Z' });
    expect(acknowledgedText(byGone, context('user-1'))).toMatch(/^Acknowledged by a former member at /);
  });

  it('formats times as a local date and time, and leaves an unreadable one as it is', () => {
    const shown = formatAlertTime('2025-03-01T10:00:00.000Z');
    expect(shown).toMatch(/2025/);
    expect(shown).not.toContain('T10:00');
    expect(formatAlertTime('not a time')).toBe('not a time');
  });

  it('names the rule kinds, and shows a kind this version does not know as it is', () => {
    expect(kindName('status-red')).not.toBe('status-red');
    expect(kindName('renewal-due').length).toBeGreaterThan(0);
    expect(kindName('from-a-newer-server')).toBe('from-a-newer-server');
  });

  it('counts unacknowledged alerts in words for the nav link, and caps the badge at two digits', () => {
    expect(alertsNavLabel(0)).toBe('Alerts');
    expect(alertsNavLabel(3)).toBe('Alerts, 3 unacknowledged');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(140)).toBe('99+');
  });

  it('links to the account screen, with the id encoded', () => {
    expect(accountPath('acc-acme-01')).toBe('/accounts/acc-acme-01');
    expect(accountPath('../settings?x=1')).toBe('/accounts/..%2Fsettings%3Fx%3D1');
  });

  it('announces an arrival with its severity, account and title', () => {
    expect(arrivalAnnouncement(alert(), 'Northwind', 0)).toBe(
      'New critical alert for Northwind: Northwind turned red.',
    );
    expect(arrivalAnnouncement(alert({ severity: 'warning' }), 'Northwind', 2)).toBe(
      'New warning alert for Northwind: Northwind turned red. And 2 more.',
    );
  });
});

describe('telling new alerts from those already on the device', () => {
  it('reports nothing until the device has caught up, then only what was not there', () => {
    const tracker = makeArrivalTracker();
    expect(tracker.take([alert({ id: 'old' })])).toEqual([]);
    tracker.seed(['old', 'elsewhere']);
    expect(tracker.take([alert({ id: 'old' })])).toEqual([]);
    // An alert that was on the device but only now counts as mine (its account was read later) is not news.
    expect(tracker.take([alert({ id: 'elsewhere' }), alert({ id: 'old' })])).toEqual([]);
    const arrived = tracker.take([alert({ id: 'new-2' }), alert({ id: 'new-1' }), alert({ id: 'old' })]);
    expect(arrived.map((a) => a.id)).toEqual(['new-2', 'new-1']);
  });

  it('reports each arrival once, and not one acknowledged before it got here', () => {
    const tracker = makeArrivalTracker();
    tracker.seed([]);
    expect(tracker.take([alert({ id: 'x' })]).map((a) => a.id)).toEqual(['x']);
    expect(tracker.take([alert({ id: 'x' })])).toEqual([]);
    expect(tracker.take([done('y'), alert({ id: 'x' })])).toEqual([]);
  });
});

describe('which of several new alerts the notice shows', () => {
  it('shows the most severe, the newest of those (the input is newest first)', () => {
    const arrived = [
      alert({ id: 'info', severity: 'info' }),
      alert({ id: 'red-new', severity: 'critical' }),
      alert({ id: 'warning', severity: 'warning' }),
      alert({ id: 'red-old', severity: 'critical' }),
    ];
    expect(mostPressing(arrived)?.id).toBe('red-new');
    expect(mostPressing([alert({ id: 'only', severity: 'info' })])?.id).toBe('only');
    expect(mostPressing([])).toBeUndefined();
  });
});
