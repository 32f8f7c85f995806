/**
 * The one local write of alerts: acknowledging one. Alerts are the server's (it raises, escalates and
 * removes them); a device only says who saw one and when. Like every local write (writes.ts) it goes into
 * the device database first, so the inbox and the badge update at once, offline too, is stamped with this
 * device's clock so two people acknowledging at once merge deterministically, and counts as pending until
 * the server confirms it. The rule itself is shared/'s `acknowledgeAlert`.
 */
import { acknowledgeAlert, validateAlert, type AlertDoc } from '@vitals/shared';
import type { RxDocument } from 'rxdb';
import { nextHlc, observeHlc } from './clock';
import type { VitalsDatabase } from './database';
import { syncStatus } from './sync-status';

/** RxDB hands modifiers its storage fields (`_attachments`, …); the document schema allows none of them. */
function plain(data: Record<string, unknown>): AlertDoc {
  const { _attachments: _a, _meta: _m, _rev: _r, ...doc } = data;
  return doc as unknown as AlertDoc;
}

/** A document that fails its schema here would be refused by the server: never store it. */
function checked(alert: AlertDoc): AlertDoc {
  const result = validateAlert(alert);
  if (!result.ok)
    throw new Error(
      `The acknowledgement could not be saved: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return result.value;
}

/**
 * Acknowledges an alert in `userId`'s name. An alert someone already acknowledged stays as it is (the first
 * acknowledgement is the one people need to know about), and nothing is written or queued for sync.
 */
export async function acknowledgeStoredAlert(
  db: VitalsDatabase,
  alertId: string,
  userId: string,
  now: () => Date = () => new Date(),
): Promise<AlertDoc> {
  const doc = await db.alerts.findOne(alertId).exec();
  if (!doc) throw new Error('This alert is not on this device any more.');
  const stored = plain(doc.toJSON(true) as Record<string, unknown>);
  if (stored.acknowledgedAt !== null) return stored;
  let changed = false;
  // incrementalModify re-runs the modifier on the newest state if replication wrote in between (another
  // device's acknowledgement, an escalation), so the decision is made on that state.
  const written = await (doc as unknown as RxDocument<Record<string, unknown>>).incrementalModify(
    (current) => {
      const alert = plain(current);
      changed = false;
      if (alert.acknowledgedAt !== null) return current;
      // Our stamp must sort after every clock already on the alert, or the merge could drop it.
      for (const hlc of Object.values(alert.clocks)) if (hlc) observeHlc(hlc);
      changed = true;
      const next = acknowledgeAlert(alert, {
        userId,
        acknowledgedAt: now().toISOString(),
        stamp: nextHlc(),
      });
      return checked(next) as never;
    },
  );
  if (changed) syncStatus.wrote('alerts', alertId);
  return plain(written.toJSON(true) as Record<string, unknown>);
}
