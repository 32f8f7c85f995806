/**
 * Who may write which synced document: the role matrix (roles.ts) applied to one pushed document, with the
 * server's current copy beside it. The server calls this for every pushed document (a device hiding a button
 * is not security); the device may call it to grey out what would be refused anyway.
 *
 * Pure: the caller looks up account owners and passes them in.
 */
import { canonicalJson } from '../sync/canonical';
import type { CollectionName } from '../sync/protocol';
import { can, type Role } from './roles';

type Doc = Readonly<Record<string, unknown>>;

export interface WriteRequest {
  readonly role: Role;
  readonly userId: string;
  readonly collection: CollectionName;
  /** The server's current copy (tombstones included); `null` when the document is new. */
  readonly before: Doc | null;
  readonly after: Doc;
  /**
   * The owner of an account of this tenant: a user id, `null` for an unowned account, `undefined` when the
   * tenant has no such (undeleted) account.
   */
  readonly accountOwner: (accountId: string) => string | null | undefined;
}

export type WriteDecision =
  { readonly ok: true } | { readonly ok: false; readonly code: 'forbidden'; readonly message: string };

/**
 * Collections only the server writes: devices replicate them pull-only, so nothing local (a migration, a
 * conflict resolution) can ever be pushed and refused.
 */
export const SERVER_WRITTEN_COLLECTIONS: readonly CollectionName[] = ['members'];

/** What a person reads when a change is refused; the one place these sentences live. */
export const WRITE_REFUSALS = {
  members: 'Team members are managed in Settings → Team, so this change was not synced.',
  conversationsOwn: 'Assistant conversations are private: you can only change your own.',
  alertsRole: 'Your role does not allow acknowledging alerts, so this change was not synced.',
  alertsLifecycle: 'Alerts are raised and removed by Vitals itself; a device cannot create or delete them.',
  alertsFields: 'Only the acknowledgement of an alert can be changed.',
  alertsSelf: 'An alert can only be acknowledged in your own name.',
  settings: 'Only owners and admins can change workspace settings, so this change was not synced.',
  alertRules: 'Only owners, admins and CS managers can change alert rules, so this change was not synced.',
  versions: 'Your role does not allow committing imports, so this change was not synced.',
  dataRole: 'Your role can view accounts but not change them, so this change was not synced.',
  dataOwn: 'You can only change the accounts you own, with their KPI values and playbook runs.',
  handOver: 'Only a CS manager or admin can give an account to someone else.',
} as const;

const ALERT_RULES_DOCUMENT = 'alert-rules';

const allow: WriteDecision = { ok: true };

function refuse(message: string): WriteDecision {
  return { ok: false, code: 'forbidden', message };
}

/**
 * Whether a role may push to a collection at all: the route-level check, before any document is read.
 * `authorizeWrite` still decides each document.
 */
export function canWriteCollection(role: Role, collection: CollectionName): boolean {
  switch (collection) {
    case 'members':
      return false;
    case 'conversations':
      return can(role, 'conversations.own');
    case 'alerts':
      return can(role, 'alerts.acknowledge');
    case 'settings':
      return can(role, 'settings.tenant') || can(role, 'alerts.rules');
    case 'versions':
      return can(role, 'imports.commit');
    case 'accounts':
    case 'measurements':
    case 'playbook_runs':
      return can(role, 'data.write') || can(role, 'data.write-own');
  }
}

/**
 * Whether a user may see a document of their tenant. Everything is readable by every member (`data.read`)
 * except assistant conversations, which belong to one person.
 */
export function canReadDocument(userId: string, collection: CollectionName, doc: Doc): boolean {
  return collection !== 'conversations' || doc.userId === userId;
}

export function authorizeWrite(request: WriteRequest): WriteDecision {
  switch (request.collection) {
    case 'members':
      // Server-authoritative: roles and membership change only through the team routes.
      return refuse(WRITE_REFUSALS.members);
    case 'conversations':
      return authorizeConversation(request);
    case 'alerts':
      return authorizeAlert(request);
    case 'settings':
      return authorizeSettings(request);
    case 'versions':
      return can(request.role, 'imports.commit') ? allow : refuse(WRITE_REFUSALS.versions);
    case 'accounts':
    case 'measurements':
    case 'playbook_runs':
      return authorizeData(request);
  }
}

function authorizeConversation({ role, userId, before, after }: WriteRequest): WriteDecision {
  if (!can(role, 'conversations.own')) return refuse(WRITE_REFUSALS.conversationsOwn);
  // Both copies: taking over someone else's chat is as wrong as giving one's own away.
  const own = (before === null || before.userId === userId) && after.userId === userId;
  return own ? allow : refuse(WRITE_REFUSALS.conversationsOwn);
}

/** The fields an acknowledgement sets, and their clocks; everything else of an alert is the server's. */
const ACKNOWLEDGEMENT_FIELDS = ['acknowledgedBy', 'acknowledgedAt'] as const;

function withoutAcknowledgement(doc: Doc): string {
  const { acknowledgedBy: _by, acknowledgedAt: _at, seq: _seq, clocks, ...rest } = doc;
  const { acknowledgedBy: _clockBy, acknowledgedAt: _clockAt, ...otherClocks } = (clocks ?? {}) as Doc;
  return canonicalJson({ ...rest, clocks: otherClocks });
}

function authorizeAlert({ role, userId, before, after }: WriteRequest): WriteDecision {
  if (!can(role, 'alerts.acknowledge')) return refuse(WRITE_REFUSALS.alertsRole);
  // A tombstone coming back to life is a creation too.
  if (before === null || before._deleted === true || after._deleted === true) {
    return refuse(WRITE_REFUSALS.alertsLifecycle);
  }
  if (withoutAcknowledgement(before) !== withoutAcknowledgement(after))
    return refuse(WRITE_REFUSALS.alertsFields);
  const clocksOf = (doc: Doc): Doc => (doc.clocks ?? {}) as Doc;
  const acknowledgementChanged = ACKNOWLEDGEMENT_FIELDS.some(
    (field) => before[field] !== after[field] || clocksOf(before)[field] !== clocksOf(after)[field],
  );
  if (acknowledgementChanged && after.acknowledgedBy !== userId) return refuse(WRITE_REFUSALS.alertsSelf);
  return allow;
}

function authorizeSettings({ role, before, after }: WriteRequest): WriteDecision {
  if (can(role, 'settings.tenant')) return allow;
  const alertRules =
    after.id === ALERT_RULES_DOCUMENT && (before === null || before.id === ALERT_RULES_DOCUMENT);
  if (alertRules) return can(role, 'alerts.rules') ? allow : refuse(WRITE_REFUSALS.alertRules);
  return refuse(WRITE_REFUSALS.settings);
}

/** The owner a document answers to: an account's own `ownerId`, or the owner of the account it belongs to. */
function ownerOf(request: WriteRequest, doc: Doc): string | null | undefined {
  if (request.collection === 'accounts') return typeof doc.ownerId === 'string' ? doc.ownerId : null;
  return typeof doc.accountId === 'string' ? request.accountOwner(doc.accountId) : undefined;
}

function authorizeData(request: WriteRequest): WriteDecision {
  const { role, userId, before, after } = request;
  if (can(role, 'data.write')) return allow;
  if (!can(role, 'data.write-own')) return refuse(WRITE_REFUSALS.dataRole);
  // Before and after: a CSM may neither edit someone else's account nor hand their own over (or create one for
  // someone else), since either would put the account beyond the reach of the person responsible for it.
  if (before !== null && ownerOf(request, before) !== userId) return refuse(WRITE_REFUSALS.dataOwn);
  if (ownerOf(request, after) !== userId) {
    return refuse(
      request.collection === 'accounts' && before !== null ? WRITE_REFUSALS.handOver : WRITE_REFUSALS.dataOwn,
    );
  }
  return allow;
}
