/**
 * The workspace's alert rules: the `alert-rules` settings document, read reactively from the device database
 * (the defaults where there is none), and saved there like the playbook thresholds (db/playbook-runs.ts's
 * `savePlaybookSettings`): written on the device first, offline too, stamped with this device's clock so it
 * merges with edits made elsewhere, and pending until the server confirms it. The server evaluates the rules;
 * it refuses the write from anyone below CS manager.
 */
import {
  ALERT_RULES_SETTINGS_ID,
  editFields,
  mergeSettings,
  readAlertRuleSettings,
  validateSettings,
  type AlertRuleSettings,
  type SettingsDoc,
} from '@vitals/shared';
import type { RxDocument } from 'rxdb';
import { createMemo, from, type Accessor } from 'solid-js';
import { map } from 'rxjs';
import { nextHlc, observeHlc } from '../../db/clock';
import type { VitalsDatabase } from '../../db/database';
import { syncStatus } from '../../db/sync-status';
import type { TenantData } from '../../state/tenant-data';

export interface AlertRulesView {
  readonly settings: Accessor<AlertRuleSettings>;
  /** Why stored rules were left out (unreadable, or from a newer version), for a manager to fix by saving. */
  readonly problems: Accessor<readonly string[]>;
  /** The workspace has saved its own rules (otherwise the defaults apply). */
  readonly customised: Accessor<boolean>;
}

export function createAlertRules(data: TenantData): AlertRulesView {
  const doc = from(
    data.db.settings
      .findOne(ALERT_RULES_SETTINGS_ID)
      .$.pipe(map((d) => (d && !d.deleted ? (d.toJSON() as unknown as SettingsDoc) : null))),
  );
  const read = createMemo(() => readAlertRuleSettings(doc()?.data));
  return {
    settings: () => read().settings,
    problems: () => read().problems,
    customised: () => Boolean(doc()),
  };
}

/** RxDB hands modifiers its storage fields (`_attachments`, …); the document schema allows none of them. */
function plain(data: Record<string, unknown>): SettingsDoc {
  const { _attachments: _a, _meta: _m, _rev: _r, ...doc } = data;
  return doc as unknown as SettingsDoc;
}

/** A document that fails its schema here would be refused by the server: never store it. */
function checked(doc: SettingsDoc): SettingsDoc {
  const result = validateSettings(doc);
  if (!result.ok)
    throw new Error(`The alert rules could not be saved: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.value;
}

/** Saves settings that passed `validateAlertRuleSettings`. */
export async function saveAlertRuleSettings(
  db: VitalsDatabase,
  settings: AlertRuleSettings,
  now: () => Date = () => new Date(),
): Promise<void> {
  const id = ALERT_RULES_SETTINGS_ID;
  // The rules are plain JSON (strings, numbers, booleans, null) by construction.
  const data = settings as unknown as SettingsDoc['data'];
  const updatedAt = now().toISOString();
  const existing = await db.settings.findOne(id).exec();
  if (existing) {
    // incrementalModify re-runs the modifier on the newest state if replication wrote in between.
    await (existing as unknown as RxDocument<Record<string, unknown>>).incrementalModify((current) => {
      const doc = plain(current);
      if (doc.clocks.data) observeHlc(doc.clocks.data);
      // `updatedAt` has no clock: merging keeps the later timestamp, which this is.
      return checked({ ...editFields(mergeSettings, doc, { data }, nextHlc()), updatedAt }) as never;
    });
  } else {
    await db.settings.insert(
      checked({ id, data, updatedAt, clocks: { data: nextHlc() }, history: [], _deleted: false }) as never,
    );
  }
  syncStatus.wrote('settings', id);
}
