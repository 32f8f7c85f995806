/**
 * The workspace's alert rules: the `alert-rules` settings document, read reactively from the device database
 * (the defaults where there is none), and saved there like the playbook thresholds (db/settings.ts): written on the device first, offline too, stamped with this device's clock so it
 * merges with edits made elsewhere, and pending until the server confirms it. The server evaluates the rules;
 * it refuses the write from anyone below CS manager.
 */
import {
  ALERT_RULES_SETTINGS_ID,
  readAlertRuleSettings,
  type AlertRuleSettings,
  type SettingsDoc,
} from '@vitals/shared';
import { createMemo, type Accessor } from 'solid-js';
import type { VitalsDatabase } from '../../db/database';
import { saveSettingsDocument, watchSettingsDocument } from '../../db/settings';
import type { TenantData } from '../../state/tenant-data';

export interface AlertRulesView {
  readonly settings: Accessor<AlertRuleSettings>;
  /** Why stored rules were left out (unreadable, or from a newer version), for a manager to fix by saving. */
  readonly problems: Accessor<readonly string[]>;
  /** The workspace has saved its own rules (otherwise the defaults apply). */
  readonly customised: Accessor<boolean>;
}

export function createAlertRules(data: TenantData): AlertRulesView {
  const doc = watchSettingsDocument(data.db, ALERT_RULES_SETTINGS_ID);
  const read = createMemo(() => readAlertRuleSettings(doc()?.data));
  return {
    settings: () => read().settings,
    problems: () => read().problems,
    customised: () => Boolean(doc()),
  };
}

/** Saves settings that passed `validateAlertRuleSettings`. */
export function saveAlertRuleSettings(
  db: VitalsDatabase,
  settings: AlertRuleSettings,
  now: () => Date = () => new Date(),
): Promise<void> {
  // The rules are plain JSON (strings, numbers, booleans, null) by construction.
  const data = settings as unknown as SettingsDoc['data'];
  return saveSettingsDocument(db, ALERT_RULES_SETTINGS_ID, data, { what: 'The alert rules', now });
}
