/**
 * How the alert screens word and pick alerts: pure functions over alert documents, so the inbox, the nav
 * badge, the account card and the new-alert notice agree, and tests need no browser.
 */
import { ALERT_RULE_KIND_NAMES, can, type AlertDoc, type AlertSeverity, type Role } from '@vitals/shared';

/** Whose alerts the inbox lists: the signed-in person's, or the whole workspace's. */
export type InboxScope = 'mine' | 'all';
/** Which of them: the ones still waiting for someone, or every one. */
export type InboxShow = 'open' | 'all';

/**
 * The people who set the workspace's alert rules (CS managers, admins, owners) oversee every alert; the
 * others see the alerts addressed to them.
 */
export function canSeeAllAlerts(role: Role | undefined): boolean {
  return role !== undefined && can(role, 'alerts.rules');
}

export function canAcknowledgeAlerts(role: Role | undefined): boolean {
  return role !== undefined && can(role, 'alerts.acknowledge');
}

export function isOpen(alert: AlertDoc): boolean {
  return alert.acknowledgedAt === null;
}

/**
 * The alerts to list. Showing open ones only, an alert acknowledged during this visit (`kept`) stays where it
 * is, marked acknowledged, so the list does not jump under the pointer and the person sees it worked.
 */
export function visibleAlerts(
  alerts: readonly AlertDoc[],
  options: { readonly show: InboxShow; readonly kept?: ReadonlySet<string> },
): AlertDoc[] {
  if (options.show === 'all') return [...alerts];
  return alerts.filter((a) => isOpen(a) || options.kept?.has(a.id) === true);
}

/** Severity as a word and a shape as well as a colour (WCAG: never colour alone). */
export const SEVERITY_LOOK: Readonly<
  Record<AlertSeverity, { readonly label: string; readonly shape: string; readonly tone: string }>
> = {
  critical: { label: 'Critical', shape: '■', tone: 'red' },
  warning: { label: 'Warning', shape: '▲', tone: 'yellow' },
  info: { label: 'Info', shape: '●', tone: 'unknown' },
};

/** What kind of alert, in words: the rule kinds' names, the raw kind for one this version does not know. */
export function kindName(kind: string): string {
  return (ALERT_RULE_KIND_NAMES as Readonly<Record<string, string>>)[kind] ?? kind;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An alert's moment for people: local date and time ("Mar 3, 2025, 2:05 PM" in English). */
export function formatAlertTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** "Acknowledged by Ana Souza at …" ("you" for the signed-in person, so they recognise their own). */
export function acknowledgedText(
  alert: AlertDoc,
  context: { readonly userId: string | null; readonly memberName: (id: string) => string | null },
): string | null {
  if (alert.acknowledgedBy === null || alert.acknowledgedAt === null) return null;
  const who =
    alert.acknowledgedBy === context.userId
      ? 'you'
      : (context.memberName(alert.acknowledgedBy) ?? 'a former member');
  return `Acknowledged by ${who} at ${formatAlertTime(alert.acknowledgedAt)}`;
}

/** The count in words after the nav link's label, since the badge alone is a bare number. */
export function unacknowledgedInWords(unacknowledged: number): string {
  return unacknowledged === 0 ? '' : `, ${unacknowledged} unacknowledged`;
}

/** The nav link's accessible name: "Alerts, 3 unacknowledged". */
export function alertsNavLabel(unacknowledged: number): string {
  return `Alerts${unacknowledgedInWords(unacknowledged)}`;
}

/** The badge shows at most two digits, so it never outgrows the bottom bar's icon. */
export function badgeText(unacknowledged: number): string {
  return unacknowledged > 99 ? '99+' : String(unacknowledged);
}

/** The account screen's link for an alert; ids are encoded so a stored id can never leave the app's paths. */
export function accountPath(accountId: string): string {
  return `/accounts/${encodeURIComponent(accountId)}`;
}

export interface ArrivalTracker {
  /**
   * Every alert on the device once it has caught up with the server: none of these is news (the badge
   * counts them), whichever inbox they later turn out to be in as accounts and members are read.
   */
  seed(ids: Iterable<string>): void;
  /** The open inbox alerts not seen before, newest first (the input's order); none until seeded. */
  take(inbox: readonly AlertDoc[]): AlertDoc[];
}

/** Tells alerts that arrive while the app is open from those already on the device. */
export function makeArrivalTracker(): ArrivalTracker {
  let seen: Set<string> | null = null;
  return {
    seed(ids) {
      seen = new Set([...(seen ?? []), ...ids]);
    },
    take(inbox) {
      if (seen === null) return [];
      const arrived = inbox.filter((a) => !seen!.has(a.id));
      for (const a of arrived) seen.add(a.id);
      // One already acknowledged (on another device, before it reached this one) needs no one's attention.
      return arrived.filter(isOpen);
    },
  };
}

const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = { critical: 0, warning: 1, info: 2 };

/**
 * The one alert of several to put in front of the person: the most severe, the newest of those. A change
 * that turns an account red raises its "turned red" alert with a few informational ones at once.
 */
export function mostPressing(alerts: readonly AlertDoc[]): AlertDoc | undefined {
  let best: AlertDoc | undefined;
  for (const alert of alerts) {
    if (!best || SEVERITY_RANK[alert.severity] < SEVERITY_RANK[best.severity]) best = alert;
  }
  return best;
}

/** What the screen reader hears when an alert arrives. */
export function arrivalAnnouncement(alert: AlertDoc, accountName: string, more: number): string {
  const severity = SEVERITY_LOOK[alert.severity].label;
  const others = more > 0 ? ` And ${more} more.` : '';
  return `New ${severity.toLowerCase()} alert for ${accountName}: ${alert.title}.${others}`;
}
