/**
 * The `alerts` documents' life: the server raises one from a candidate and escalates it; a person's device
 * acknowledges it. Edits go through `editFields`, as every synced edit does, so concurrent ones merge.
 */
import { mergeAlerts, editFields } from '../sync/merge';
import type { Hlc } from '../sync/hlc';
import type { AlertDoc } from '../schemas/alerts';
import type { AlertCandidate } from './types';

/**
 * A new alert document. The acknowledgement and escalation fields start without clocks on purpose: an unstamped
 * value loses to any stamped edit, so an acknowledgement from a phone whose clock runs behind the server's can
 * never lose to the server's initial "nobody yet". `stamp` is taken for symmetry with the other edits (and
 * the caller's clock has moved past it), but nothing in a new alert needs it.
 */
export function alertDocument(
  candidate: AlertCandidate,
  at: { readonly id: string; readonly createdAt: string; readonly stamp: Hlc },
): AlertDoc {
  return {
    id: at.id,
    ruleId: candidate.ruleId,
    kind: candidate.kind,
    accountId: candidate.accountId,
    title: candidate.title,
    body: candidate.body,
    severity: candidate.severity,
    dedupeKey: candidate.dedupeKey,
    createdAt: at.createdAt,
    acknowledgedBy: null,
    acknowledgedAt: null,
    escalatedAt: null,
    clocks: {},
    _deleted: false,
  };
}

/** Escalated once: a later run of the escalation check leaves an escalated alert as it is. */
export function escalateAlert(
  alert: AlertDoc,
  at: { readonly escalatedAt: string; readonly stamp: Hlc },
): AlertDoc {
  if (alert.escalatedAt !== null) return alert;
  return editFields(mergeAlerts, alert, { escalatedAt: at.escalatedAt }, at.stamp);
}

/**
 * Acknowledged in the user's own name, changing nothing else (what `authorizeWrite` allows a device). An alert
 * someone already acknowledged stays theirs: the first person to act is the one to ask about it.
 */
export function acknowledgeAlert(
  alert: AlertDoc,
  at: { readonly userId: string; readonly acknowledgedAt: string; readonly stamp: Hlc },
): AlertDoc {
  if (alert.acknowledgedBy !== null) return alert;
  return editFields(
    mergeAlerts,
    alert,
    { acknowledgedBy: at.userId, acknowledgedAt: at.acknowledgedAt },
    at.stamp,
  );
}
