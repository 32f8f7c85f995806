/**
 * Valid documents of every collection for sync tests, small and with the ids a test needs: start from one
 * and change one thing. Each is checked against its schema when made, so a test never starts from an
 * invalid document by accident.
 */
import { COLLECTIONS, formatHlc, type CollectionName, type DocOf, type Hlc } from '@vitals/shared';

/** Ten minutes before the test clock's default start (2025-10-01T09:00Z): never "in the future". */
export const TEST_WALL_MS = Date.parse('2025-10-01T08:50:00Z');
const AT = '2025-10-01T08:50:00.000Z';

/** A hybrid-clock stamp `seconds` after TEST_WALL_MS on a device. */
export function stamp(seconds: number, device = 'devA'): Hlc {
  return formatHlc({ wallMs: TEST_WALL_MS + seconds * 1000, counter: 0, nodeId: device });
}

export interface DocOptions {
  /** The document's id; a measurement's is `${accountId}:2025-09`, its account defaulting to this. */
  readonly id: string;
  /** The user it belongs to or was made by (owner of an account, author of a conversation, a member). */
  readonly userId: string;
  /** The account it belongs to (measurements, playbook runs, alerts). */
  readonly accountId?: string;
  readonly hlc?: Hlc;
}

function raw(collection: CollectionName, options: DocOptions): Record<string, unknown> {
  const { id, userId, accountId = 'acc-1', hlc = stamp(0) } = options;
  switch (collection) {
    case 'accounts':
      return {
        id,
        name: `Account ${id}`,
        segment: 'SMB',
        ownerId: userId,
        renewalDate: null,
        createdAt: AT,
        clocks: { name: hlc, segment: hlc, ownerId: hlc },
        history: [],
        _deleted: false,
      };
    case 'measurements':
      return {
        id: `${options.accountId ?? id}:2025-09`,
        accountId: options.accountId ?? id,
        month: '2025-09',
        values: { nps: { value: 10, source: { kind: 'manual', userId }, hlc } },
        history: [],
        clocks: {},
        _deleted: false,
      };
    case 'versions':
      return {
        id,
        fileName: 'kpis.csv',
        fileHash: 'a'.repeat(64),
        layout: 'long',
        createdBy: userId,
        createdAt: AT,
        counts: { accounts: 1, newAccounts: 1, values: 1, changed: 0, unchanged: 0 },
        restoredFrom: null,
        note: null,
        _deleted: false,
      };
    case 'playbook_runs':
      return {
        id,
        accountId,
        playbookId: 'voc-sprint',
        state: 'active',
        raci: {},
        steps: [
          {
            stepId: 'review-feedback',
            position: 0,
            done: false,
            doneBy: null,
            doneAt: null,
            note: null,
            hlc,
          },
        ],
        baseline: null,
        trigger: { month: '2025-09', evidence: [] },
        outcome: null,
        createdAt: AT,
        startedAt: AT,
        completedAt: null,
        clocks: { state: hlc },
        history: [],
        _deleted: false,
      };
    case 'conversations':
      return {
        id,
        userId,
        title: 'Red renewals',
        messages: [],
        updatedAt: AT,
        clocks: { title: hlc },
        _deleted: false,
      };
    case 'alerts':
      return {
        id,
        ruleId: 'status-red',
        kind: 'status-change',
        accountId,
        title: 'Turned red',
        body: '',
        severity: 'critical',
        dedupeKey: `status-red:${accountId}:${id}`,
        createdAt: AT,
        acknowledgedBy: null,
        acknowledgedAt: null,
        escalatedAt: null,
        clocks: {},
        _deleted: false,
      };
    case 'settings':
      return { id, data: { hidden: [] }, updatedAt: AT, clocks: { data: hlc }, history: [], _deleted: false };
    case 'members':
      return {
        id: userId,
        name: 'A member',
        email: 'member@example.test',
        role: 'csm',
        managerId: null,
        _deleted: false,
      };
  }
}

export function makeDoc<TName extends CollectionName>(collection: TName, options: DocOptions): DocOf<TName> {
  const result = COLLECTIONS[collection].validate(raw(collection, options));
  if (!result.ok) throw new Error(`Test ${collection} document is invalid: ${JSON.stringify(result.issues)}`);
  return result.value as DocOf<TName>;
}
