import { PLAYBOOK_SETTINGS_ID, month, readPlaybookSettings, type PlaybookRunDoc } from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTenantDatabase, type VitalsDatabase } from './database';
import {
  RunRefusedError,
  changeStoredRun,
  savePlaybookSettings,
  startNewRun,
  type NewRun,
} from './playbook-runs';
import { syncStatus } from './sync-status';

// The real device database (RxDB on Dexie) over fake-indexeddb: what the playbook screens write, offline.
describe('playbook runs on the device', () => {
  let db: VitalsDatabase;
  let run: PlaybookRunDoc;
  const input: NewRun = {
    playbookId: 'voc-sprint',
    account: { id: 'acc-1', name: 'Northwind', ownerId: 'user-1' },
    members: [{ id: 'user-1', managerId: 'user-2' }],
    trigger: { month: month('2025-09'), evidence: [] },
    baseline: { month: month('2025-09'), values: { nps: -12 } },
    start: true,
    userId: 'user-1',
  };

  beforeAll(async () => {
    db = await openTenantDatabase('user-1', `tenant-${Date.now()}`);
  });
  afterAll(() => db.remove());

  it('starts a run: stored at once, stamped, and counted as pending until the server confirms it', async () => {
    const pendingBefore = syncStatus.pending();
    run = await startNewRun(db, input);
    expect(run).toMatchObject({ state: 'active', accountId: 'acc-1', baseline: { values: { nps: -12 } } });
    expect(syncStatus.pending()).toBe(pendingBefore + 1);
    expect(syncStatus.isPending('playbook_runs', run.id)).toBe(true);
    expect((await db.playbook_runs.findOne(run.id).exec())?.toJSON().state).toBe('active');
  });

  it('refuses a second open run of the playbook on the account, with the message to show', async () => {
    const refused = startNewRun(db, input);
    await expect(refused).rejects.toBeInstanceOf(RunRefusedError);
    await expect(refused).rejects.toThrow(/^VoC Sprint has been under way since .* on Northwind\./);
    expect(await db.playbook_runs.count().exec()).toBe(1);
  });

  it('checks a step off with a note, then completes the run', async () => {
    const checked = await changeStoredRun(
      db,
      run.id,
      { type: 'check-step', stepId: 'review-feedback', done: true, note: 'Detractors: SSO' },
      'user-1',
    );
    expect(checked.steps[0]).toMatchObject({ done: true, doneBy: 'user-1', note: 'Detractors: SSO' });
    // The step's clock sorts after the run's creation even within one millisecond.
    expect(checked.steps[0]!.hlc > run.clocks.state!).toBe(true);
    const outcome = {
      criterionMet: false,
      before: { nps: -12 },
      after: { nps: -10 },
      measuredAt: new Date().toISOString(),
    };
    const completed = await changeStoredRun(db, run.id, { type: 'complete', outcome }, 'user-1');
    expect(completed).toMatchObject({ state: 'completed', outcome });
  });

  it('refuses a change the rules forbid and leaves the stored run as it was', async () => {
    const change = changeStoredRun(
      db,
      run.id,
      { type: 'check-step', stepId: 'interviews', done: true },
      'user-1',
    );
    await expect(change).rejects.toThrow('This run is completed, so its steps can no longer change.');
    const stored = (await db.playbook_runs.findOne(run.id).exec())!.toJSON() as unknown as PlaybookRunDoc;
    expect(stored.steps[1]!.done).toBe(false);
  });

  it('saves the tenant’s thresholds as the settings document, and replaces them', async () => {
    await savePlaybookSettings(db, { overrides: { 'voc-sprint': { trigger: { nps: -10 } } } });
    await savePlaybookSettings(db, { overrides: { 'voc-sprint': { withinDays: 90 } } });
    const stored = (await db.settings.findOne(PLAYBOOK_SETTINGS_ID).exec())!.toJSON();
    expect(readPlaybookSettings(stored.data)).toEqual({
      overrides: { 'voc-sprint': { withinDays: 90 } },
      problem: null,
    });
    expect(syncStatus.isPending('settings', PLAYBOOK_SETTINGS_ID)).toBe(true);
  });
});
