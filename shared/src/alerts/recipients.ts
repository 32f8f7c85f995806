/**
 * Who hears about an alert: the account's owner, or someone responsible when there is none; after the
 * escalation time, the owner's manager too. The server pushes to these people and each device's inbox shows
 * exactly the alerts its user is among the recipients of, so the two can never disagree.
 */
import type { Role } from '../auth/roles';
import type { AlertDoc } from '../schemas/alerts';
import type { MemberDoc } from '../schemas/members';

const MINUTE_MS = 60_000;

function liveMembers(members: readonly MemberDoc[]): MemberDoc[] {
  return members.filter((m) => !m._deleted);
}

function idsWithRole(members: readonly MemberDoc[], roles: readonly Role[], except: string | null): string[] {
  return members.filter((m) => roles.includes(m.role) && m.id !== except).map((m) => m.id);
}

/**
 * The people responsible when an owner's own manager is unknown: the CS managers, or failing those the admins
 * and owners, so an alert always reaches someone who can act on it.
 */
function responsiblePeople(live: readonly MemberDoc[], except: string | null): string[] {
  const managers = idsWithRole(live, ['manager'], except);
  return managers.length > 0 ? managers : idsWithRole(live, ['admin', 'owner'], except);
}

/** Whom an unacknowledged alert escalates to: never the owner themself. */
export function escalationTargets(ownerId: string | null, members: readonly MemberDoc[]): string[] {
  const live = liveMembers(members);
  const managerId = live.find((m) => m.id === ownerId)?.managerId ?? null;
  if (managerId !== null && managerId !== ownerId && live.some((m) => m.id === managerId)) return [managerId];
  return [...new Set(responsiblePeople(live, ownerId))];
}

export interface RecipientContext {
  /** The owner of the alert's account; `null` for an unowned account. */
  readonly ownerId: string | null;
  readonly members: readonly MemberDoc[];
}

/** The account's owner (if still a member), else the responsible people; plus escalation targets once escalated. */
export function alertRecipients(alert: AlertDoc, ctx: RecipientContext): string[] {
  const live = liveMembers(ctx.members);
  const ownerIsMember = ctx.ownerId !== null && live.some((m) => m.id === ctx.ownerId);
  const first = ownerIsMember ? [ctx.ownerId!] : responsiblePeople(live, null);
  const escalated = alert.escalatedAt === null ? [] : escalationTargets(ctx.ownerId, ctx.members);
  return [...new Set([...first, ...escalated])];
}

/** Nobody acknowledged it within `escalationMinutes` of its creation, and it has not escalated yet. */
export function isEscalationDue(alert: AlertDoc, escalationMinutes: number, now: Date): boolean {
  if (alert._deleted || alert.acknowledgedAt !== null || alert.escalatedAt !== null) return false;
  return Date.parse(alert.createdAt) + escalationMinutes * MINUTE_MS <= now.getTime();
}

export interface InboxContext {
  readonly userId: string;
  /** An account's owner: a user id, `null` when unowned, `undefined` when the tenant has no such account. */
  readonly ownerOf: (accountId: string) => string | null | undefined;
  readonly members: readonly MemberDoc[];
}

const SEVERITY_RANK: Readonly<Record<AlertDoc['severity'], number>> = { critical: 0, warning: 1, info: 2 };

/**
 * The inbox order: newest first; alerts raised together (one write raises several at the same instant) most
 * severe first; then the id, so the order never flickers.
 */
export function alertInboxOrder(a: AlertDoc, b: AlertDoc): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.severity !== b.severity) return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The user's inbox: the alerts they are a recipient of, newest first. Alerts of an account that is gone
 * (deleted, or not synced to this device yet) are left out: their link would lead nowhere.
 */
export function inboxAlerts(alerts: readonly AlertDoc[], ctx: InboxContext): AlertDoc[] {
  return alerts
    .filter((alert) => {
      if (alert._deleted) return false;
      const ownerId = ctx.ownerOf(alert.accountId);
      if (ownerId === undefined) return false;
      return alertRecipients(alert, { ownerId, members: ctx.members }).includes(ctx.userId);
    })
    .sort(alertInboxOrder);
}

/** The badge on the inbox: alerts nobody has acknowledged yet. */
export function unacknowledgedCount(alerts: readonly AlertDoc[]): number {
  return alerts.filter((alert) => !alert._deleted && alert.acknowledgedAt === null).length;
}
