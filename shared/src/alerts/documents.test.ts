import { describe, expect, it } from 'vitest';
import { authorizeWrite } from '../auth/document-access';
import type { Role } from '../auth/roles';
import { validateAlert, type AlertDoc } from '../schemas/alerts';
import { mergeAlerts } from '../sync/merge';
import { acknowledgeAlert, alertDocument, escalateAlert } from './documents';
import { stamp } from './testing';
import type { AlertCandidate } from './types';

const candidate: AlertCandidate = {
  ruleId: 'status-red',
  kind: 'status-red',
  accountId: 'acc-1',
  title: 'Cobalt Robotics turned red',
  body: 'Health score 42 in Nov 2026 (61 in Oct 2026).',
  severity: 'critical',
  dedupeKey: 'status-red:acc-1:2026-11',
};
const raised = alertDocument(candidate, {
  id: 'alert-1',
  createdAt: '2026-11-20T09:00:00.000Z',
  stamp: stamp(0),
});

function pushedBy(userId: string, role: Role, before: AlertDoc, after: AlertDoc) {
  return authorizeWrite({
    role,
    userId,
    collection: 'alerts',
    before,
    after,
    accountOwner: () => 'user-csm',
  });
}

describe('alertDocument', () => {
  it('is a valid, open alert carrying the candidate', () => {
    expect(validateAlert(raised)).toEqual({ ok: true, value: raised });
    expect(raised).toMatchObject({
      ...candidate,
      acknowledgedBy: null,
      acknowledgedAt: null,
      escalatedAt: null,
    });
  });
});

describe('acknowledgeAlert', () => {
  const acknowledged = acknowledgeAlert(raised, {
    userId: 'user-csm',
    acknowledgedAt: '2026-11-20T09:05:00.000Z',
    stamp: stamp(5, 'phone'),
  });

  it('records who and when, and is valid', () => {
    expect(acknowledged).toMatchObject({
      acknowledgedBy: 'user-csm',
      acknowledgedAt: '2026-11-20T09:05:00.000Z',
    });
    expect(validateAlert(acknowledged).ok).toBe(true);
  });

  it("is a change the server accepts from that user, and refuses in anyone else's name", () => {
    expect(pushedBy('user-csm', 'csm', raised, acknowledged)).toEqual({ ok: true });
    expect(pushedBy('user-other', 'csm', raised, acknowledged).ok).toBe(false);
  });

  it('leaves an alert already acknowledged with the first person', () => {
    const again = acknowledgeAlert(acknowledged, {
      userId: 'user-manager',
      acknowledgedAt: '2026-11-20T10:00:00.000Z',
      stamp: stamp(60),
    });
    expect(again.acknowledgedBy).toBe('user-csm');
  });

  it('wins over the initial "nobody yet" even from a phone whose clock runs behind the server', () => {
    const behind = acknowledgeAlert(raised, {
      userId: 'user-csm',
      acknowledgedAt: '2026-11-20T08:00:00.000Z',
      stamp: stamp(-60, 'phone'),
    });
    expect(mergeAlerts(raised, behind).acknowledgedBy).toBe('user-csm');
  });
});

describe('escalateAlert', () => {
  const escalated = escalateAlert(raised, { escalatedAt: '2026-11-20T13:00:00.000Z', stamp: stamp(240) });

  it('sets when, with its clock, and keeps the first escalation time', () => {
    expect(escalated.escalatedAt).toBe('2026-11-20T13:00:00.000Z');
    expect(escalated.clocks.escalatedAt).toBe(stamp(240));
    expect(validateAlert(escalated).ok).toBe(true);
    expect(escalateAlert(escalated, { escalatedAt: '2026-11-20T14:00:00.000Z', stamp: stamp(300) })).toBe(
      escalated,
    );
  });

  it('merges with a concurrent acknowledgement: both survive', () => {
    const acknowledged = acknowledgeAlert(raised, {
      userId: 'user-csm',
      acknowledgedAt: '2026-11-20T12:59:00.000Z',
      stamp: stamp(239, 'phone'),
    });
    expect(mergeAlerts(escalated, acknowledged)).toMatchObject({
      acknowledgedBy: 'user-csm',
      escalatedAt: '2026-11-20T13:00:00.000Z',
    });
  });
});
