import {
  ALERT_RULES_SETTINGS_ID,
  DEFAULT_ALERT_RULE_SETTINGS,
  readAlertRuleSettings,
  validateSettings,
  type SettingsDoc,
} from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTenantDatabase, type VitalsDatabase } from '../../db/database';
import { syncStatus } from '../../db/sync-status';
import { saveAlertRuleSettings } from './alert-rules-data';

// The real device database (RxDB on Dexie) over fake-indexeddb: what the rules form writes, offline too.
describe('saving alert rules on the device', () => {
  let db: VitalsDatabase;
  const stored = async (): Promise<SettingsDoc> =>
    (await db.settings.findOne(ALERT_RULES_SETTINGS_ID).exec())!.toJSON() as unknown as SettingsDoc;

  beforeAll(async () => {
    db = await openTenantDatabase('user-1', `tenant-${Date.now()}`);
  });
  afterAll(() => db.remove());

  it('creates the alert-rules settings document, stamped, valid, and pending until the server confirms it', async () => {
    const edited = { ...DEFAULT_ALERT_RULE_SETTINGS, escalationMinutes: 60 };
    await saveAlertRuleSettings(db, edited, () => new Date('2025-10-01T08:00:00.000Z'));
    const doc = await stored();
    // `toJSON()` leaves out `_deleted`; the stored document has it.
    expect(validateSettings({ ...doc, _deleted: false }).ok).toBe(true);
    expect(doc.updatedAt).toBe('2025-10-01T08:00:00.000Z');
    expect(doc.clocks.data).toBeTruthy();
    expect(readAlertRuleSettings(doc.data)).toEqual({ settings: edited, problems: [] });
    expect(syncStatus.isPending('settings', ALERT_RULES_SETTINGS_ID)).toBe(true);
  });

  it('edits it again with a later clock, keeping the replaced rules in its history', async () => {
    const before = await stored();
    const rules = DEFAULT_ALERT_RULE_SETTINGS.rules.map((r) =>
      r.kind === 'status-red' ? { ...r, enabled: false } : r,
    );
    await saveAlertRuleSettings(db, { rules, escalationMinutes: 120 });
    const after = await stored();
    expect(after.clocks.data! > before.clocks.data!).toBe(true);
    expect(readAlertRuleSettings(after.data).settings).toMatchObject({ escalationMinutes: 120 });
    expect(readAlertRuleSettings(after.data).settings.rules[0]).toMatchObject({
      kind: 'status-red',
      enabled: false,
    });
    expect(after.history).toHaveLength(1);
  });
});
