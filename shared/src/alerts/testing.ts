/** Small factories for the alert tests: account states, members, alert documents and push payloads. */
import type { Role } from '../auth/roles';
import type { AlertDoc } from '../schemas/alerts';
import type { MemberDoc } from '../schemas/members';
import { formatHlc, type Hlc } from '../sync/hlc';
import type { IsoDate, Month } from '../units';
import type { AccountAlertState, PushPayload } from './types';

export function alertState(overrides: Partial<AccountAlertState> = {}): AccountAlertState {
  return {
    accountId: 'acc-1',
    accountName: 'Cobalt Robotics',
    ownerId: 'user-csm',
    month: '2026-11' as Month,
    status: 'yellow',
    score: 61,
    previousScore: 64,
    values: {},
    renewalDate: '2027-06-30' as IsoDate,
    daysToRenewal: 200,
    firedPlaybooks: [],
    ...overrides,
  };
}

export function member(id: string, role: Role, overrides: Partial<MemberDoc> = {}): MemberDoc {
  return { id, name: id, email: `${id}@example.com`, role, managerId: null, _deleted: false, ...overrides };
}

export function stamp(minute: number, node = 'server'): Hlc {
  return formatHlc({
    wallMs: Date.parse('2026-11-20T09:00:00.000Z') + minute * 60_000,
    counter: 0,
    nodeId: node,
  });
}

export function alertDoc(overrides: Partial<AlertDoc> = {}): AlertDoc {
  return {
    id: 'alert-1',
    ruleId: 'status-red',
    kind: 'status-red',
    accountId: 'acc-1',
    title: 'Cobalt Robotics turned red',
    body: 'Health score 42 in Nov 2026 (61 in Oct 2026).',
    severity: 'critical',
    dedupeKey: 'status-red:acc-1:2026-11',
    createdAt: '2026-11-20T09:00:00.000Z',
    acknowledgedBy: null,
    acknowledgedAt: null,
    escalatedAt: null,
    clocks: {},
    _deleted: false,
    ...overrides,
  };
}

/** A critical alert's push payload, text with non-ASCII on purpose (the encodings must carry it whole). */
export function pushPayload(tenantId: string, overrides: Partial<PushPayload> = {}): PushPayload {
  return {
    v: 1,
    type: 'alert',
    tenantId,
    alertId: 'alert-1',
    accountId: 'acc-1',
    title: 'Zürich Dental turned red',
    body: 'Health fell to 38 — 日本語のメモ 🚨',
    url: '/accounts/acc-1',
    tag: 'status-red:acc-1:2025-10',
    severity: 'critical',
    ...overrides,
  };
}
