import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, parseBackup, restoreBackup } from '../db/backup';
import type { Database } from '../db/connect';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { recordingLogger, type RecordingLogger } from '../testing/silent-logger';
import {
  backupFileName,
  backupTime,
  startBackupSchedule,
  type BackupSchedule,
  type Timers,
} from './schedule';

const T = '00000000-0000-4000-8000-0000000000c1';
const HOUR = 3_600_000;

/** Timers that fire only when the test says so, with the clock moved to their due time. */
function fakeTime(start: Date) {
  let now = start.getTime();
  let next = 1;
  const pending = new Map<number, { run: () => void; at: number }>();
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const id = next++;
      pending.set(id, { run, at: now + ms });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  return {
    timers,
    now: () => new Date(now),
    /** When the one pending timer is due, in ms from now (`null`: none pending). */
    dueIn: (): number | null => {
      const [timer] = [...pending.values()];
      return timer ? timer.at - now : null;
    },
    pending: () => pending.size,
    /** Moves the clock to the pending timer and runs it. */
    fire(): void {
      const [[id, timer]] = [...pending.entries()] as [[number, { run: () => void; at: number }]];
      pending.delete(id);
      now = Math.max(now, timer.at);
      timer.run();
    },
  };
}

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.each(databaseKinds())('scheduled backups on %s PostgreSQL', (kind) => {
  let db: Database;
  let dir: string;
  let log: RecordingLogger;
  let schedule: BackupSchedule | null;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.sql`insert into tenants (id, slug, name) values (${T}, 'acme', 'ACME')`;
    for (let i = 0; i < 3; i++) {
      await db.sql`insert into sync_documents (tenant_id, collection, id, data, seq)
        values (${T}, 'accounts', ${`acc-${i}`}, ${db.sql.json({ name: `Account ${i}` })}, nextval('sync_seq'))`;
    }
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vitals-backups-'));
    log = recordingLogger();
    schedule = null;
  });
  afterEach(async () => {
    await schedule?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('backs up at once into an empty directory, then every interval, keeping the newest files', async () => {
    const time = fakeTime(new Date('2025-10-01T00:00:00Z'));
    schedule = await startBackupSchedule({
      sql: db.sql,
      config: { dir, intervalHours: 24, keep: 3 },
      log,
      ...time,
    });
    expect(time.dueIn()).toBe(0);
    for (let run = 1; run <= 5; run++) {
      time.fire();
      await until(() => time.pending() === 1);
      expect(time.dueIn()).toBe(24 * HOUR);
    }
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([
      backupFileName(new Date('2025-10-03T00:00:00Z')),
      backupFileName(new Date('2025-10-04T00:00:00Z')),
      backupFileName(new Date('2025-10-05T00:00:00Z')),
    ]);
    expect(log.lines.filter((l) => l.message === 'backup written')).toHaveLength(5);
    expect(log.lines.filter((l) => l.message === 'old backup removed')).toHaveLength(2);
    expect(log.lines.find((l) => l.message === 'backup written')!.fields).toMatchObject({ documents: 3 });
  });

  it('after a restart, waits for the rest of the interval since the newest backup', async () => {
    await writeFile(join(dir, backupFileName(new Date('2025-10-01T00:00:00Z'))), '{}');
    await writeFile(join(dir, 'notes.txt'), 'kept');
    const time = fakeTime(new Date('2025-10-01T06:00:00Z'));
    schedule = await startBackupSchedule({
      sql: db.sql,
      config: { dir, intervalHours: 24, keep: 1 },
      log,
      ...time,
    });
    expect(time.dueIn()).toBe(18 * HOUR);
    time.fire();
    await until(() => time.pending() === 1);
    // The old backup made way for the new one; files that are not backups stay.
    expect((await readdir(dir)).sort()).toEqual([
      'notes.txt',
      backupFileName(new Date('2025-10-02T00:00:00Z')),
    ]);
  });

  it('logs a failure, keeps running and tries again within the hour', async () => {
    const blocked = join(dir, 'not-a-directory');
    await writeFile(blocked, 'a file where the backup directory should be');
    const time = fakeTime(new Date('2025-10-01T00:00:00Z'));
    schedule = await startBackupSchedule({
      sql: db.sql,
      config: { dir: blocked, intervalHours: 24, keep: 7 },
      log,
      ...time,
    });
    time.fire();
    await until(() => time.pending() === 1);
    expect(log.lines.find((l) => l.level === 'error')?.message).toMatch(/backup failed/);
    expect(time.dueIn()).toBe(HOUR);
  });

  it('stops scheduling when the server stops', async () => {
    const time = fakeTime(new Date('2025-10-01T00:00:00Z'));
    schedule = await startBackupSchedule({
      sql: db.sql,
      config: { dir, intervalHours: 24, keep: 7 },
      log,
      ...time,
    });
    await schedule.stop();
    expect(time.pending()).toBe(0);
  });

  // The full round trip (every table, sequences) is db/backup.test.ts; this one restores what the schedule wrote.
  it('writes files that restore the database as it was', async () => {
    const time = fakeTime(new Date('2025-10-01T00:00:00Z'));
    schedule = await startBackupSchedule({
      sql: db.sql,
      config: { dir, intervalHours: 24, keep: 7 },
      log,
      ...time,
    });
    const before = (await createBackup(db.sql, time.now())).tables;
    time.fire();
    await until(async () => (await readdir(dir)).some((f) => backupTime(f)));
    const [file] = (await readdir(dir)).filter((f) => backupTime(f));

    await db.sql`update sync_documents set data = '{"name":"changed"}' where id = 'acc-0'`;
    await db.sql`delete from sync_documents where id = 'acc-1'`;
    await db.sql`insert into sync_documents (tenant_id, collection, id, data, seq) values (${T}, 'accounts', 'acc-new', '{}', nextval('sync_seq'))`;
    expect((await createBackup(db.sql, time.now())).tables).not.toEqual(before);

    await restoreBackup(db.sql, parseBackup(await readFile(join(dir, file!), 'utf8')), { force: true });
    expect((await createBackup(db.sql, time.now())).tables).toEqual(before);
  });

  it('reads the time back from the file name', () => {
    const at = new Date('2025-10-01T09:08:07.065Z');
    expect(backupTime(backupFileName(at))).toEqual(at);
    expect(backupTime('vitals-backup-x.json')).toBeNull();
    expect(backupTime(`${backupFileName(at)}.partial`)).toBeNull();
  });
});
