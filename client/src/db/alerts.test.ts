import type { AlertDoc } from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeStoredAlert } from './alerts';
import { openTenantDatabase, type VitalsDatabase } from './database';
import { syncStatus } from './sync-status';
import { alertDoc } from '../../../shared/src/alerts/testing';

/** An alert as the server raises it (a clock on `escalatedAt`: the server's own, later, field). */
function raised(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const alert = alertDoc({
    id,
    title: 'Northwind turned red',
    dedupeKey: `status-red:acc-1:${id}`,
    createdAt: '2025-03-01T09:00:00.000Z',
  });
  return { ...alert, ...overrides };
}

// The real device database (RxDB on Dexie) over fake-indexeddb: what the inbox writes, offline.
describe('acknowledging an alert on the device', () => {
  let db: VitalsDatabase;
  const at = new Date('2025-03-02T08:30:00.000Z');

  beforeAll(async () => {
    db = await openTenantDatabase('user-1', `tenant-${Date.now()}`);
    await db.alerts.bulkInsert([
      raised('alert-1'),
      // A clock from far ahead (another device's, running fast): our stamp must still sort after it.
      raised('alert-2', {
        escalatedAt: '2025-03-01T10:00:00.000Z',
        clocks: { escalatedAt: '009999999999999-000000-srv' },
      }),
      raised('alert-3', {
        acknowledgedBy: 'user-2',
        acknowledgedAt: '2025-03-01T09:30:00.000Z',
        clocks: {
          acknowledgedBy: '001740787200000-000000-devB',
          acknowledgedAt: '001740787200000-000000-devB',
        },
      }),
    ] as never[]);
  });
  afterAll(() => db.remove());

  it('stores who and when at once, stamped, and counts it as pending until the server confirms it', async () => {
    const pendingBefore = syncStatus.pending();
    const acknowledged = await acknowledgeStoredAlert(db, 'alert-1', 'user-1', () => at);
    expect(acknowledged).toMatchObject({ acknowledgedBy: 'user-1', acknowledgedAt: at.toISOString() });
    expect(acknowledged.clocks.acknowledgedBy).toBeTruthy();
    expect(acknowledged.clocks.acknowledgedAt).toBeTruthy();
    expect(syncStatus.pending()).toBe(pendingBefore + 1);
    expect(syncStatus.isPending('alerts', 'alert-1')).toBe(true);
    const stored = (await db.alerts.findOne('alert-1').exec())!.toJSON() as unknown as AlertDoc;
    expect(stored.acknowledgedBy).toBe('user-1');
    // Everything else is the server's and stays as raised.
    expect(stored).toMatchObject({ title: 'Northwind turned red', severity: 'critical', escalatedAt: null });
  });

  it('stamps after every clock already on the alert, so the merge keeps the acknowledgement', async () => {
    const acknowledged = await acknowledgeStoredAlert(db, 'alert-2', 'user-1', () => at);
    expect(acknowledged.clocks.acknowledgedAt! > '009999999999999-000000-srv').toBe(true);
    expect(acknowledged.escalatedAt).toBe('2025-03-01T10:00:00.000Z');
  });

  it('leaves an alert someone already acknowledged as it is, and queues nothing', async () => {
    const pendingBefore = syncStatus.pending();
    const result = await acknowledgeStoredAlert(db, 'alert-3', 'user-1', () => at);
    expect(result).toMatchObject({ acknowledgedBy: 'user-2', acknowledgedAt: '2025-03-01T09:30:00.000Z' });
    expect(syncStatus.pending()).toBe(pendingBefore);
    expect(syncStatus.isPending('alerts', 'alert-3')).toBe(false);
  });

  it('says so when the alert is no longer on the device', async () => {
    await expect(acknowledgeStoredAlert(db, 'alert-gone', 'user-1')).rejects.toThrow(
      'This alert is not on this device any more.',
    );
  });
});
