/**
 * Scheduled backups (BACKUP_DIR): the server writes a `vitals backup` file (db/backup.ts, restorable with
 * `vitals restore`) every BACKUP_INTERVAL_HOURS and keeps the newest BACKUP_KEEP. The next run is due one
 * interval after the newest file in the directory, so frequent restarts (deploys) neither skip nor pile up
 * backups. A failure is logged and retried sooner; it never takes the server down.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupConfig } from '../config';
import { createBackup } from '../db/backup';
import type { Sql } from '../db/connect';
import type { Logger } from '../logger';

/** The timer functions, passed in so tests move time themselves. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const HOUR_MS = 3_600_000;
/** After a failure (full disk, database restarting), try again within the hour rather than a day later. */
const RETRY_MS = HOUR_MS;

/** The file name `vitals backup` gives by default: sortable by time. */
export function backupFileName(createdAt: Date): string {
  return `vitals-backup-${createdAt.toISOString().replace(/[:.]/g, '-')}.json`;
}

const FILE = /^vitals-backup-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.json$/;

/** When a backup file was written, from its name; `null` for any other file. */
export function backupTime(fileName: string): Date | null {
  const m = FILE.exec(fileName);
  return m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : null;
}

/** Backup files in `dir`, newest first (other files are never touched). */
export async function listBackups(dir: string): Promise<{ file: string; time: Date }[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names
    .flatMap((file) => {
      const time = backupTime(file);
      return time ? [{ file, time }] : [];
    })
    .sort((a, b) => b.time.getTime() - a.time.getTime());
}

export interface WrittenBackup {
  readonly file: string;
  readonly bytes: number;
  readonly tables: number;
  readonly documents: number;
}

/** One backup into `dir`, written under a temporary name and renamed, so a half-written file never looks like a backup. */
export async function writeBackup(sql: Sql, dir: string, now: Date): Promise<WrittenBackup> {
  const backup = await createBackup(sql, now);
  const text = JSON.stringify(backup);
  await mkdir(dir, { recursive: true });
  const file = join(dir, backupFileName(now));
  await writeFile(`${file}.partial`, text, { mode: 0o600 });
  await rename(`${file}.partial`, file);
  return {
    file,
    bytes: Buffer.byteLength(text),
    tables: Object.keys(backup.tables).length,
    documents: backup.tables.sync_documents?.length ?? 0,
  };
}

/** Deletes all but the newest `keep` backups; returns the deleted files. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const old = (await listBackups(dir)).slice(keep).map((b) => join(dir, b.file));
  for (const file of old) await rm(file, { force: true });
  return old;
}

export interface BackupScheduleOptions {
  readonly sql: Sql;
  readonly config: BackupConfig;
  readonly log: Logger;
  readonly now: () => Date;
  readonly timers?: Timers;
}

export interface BackupSchedule {
  /** Waits for a backup in progress, and schedules no more. */
  stop(): Promise<void>;
}

export async function startBackupSchedule(options: BackupScheduleOptions): Promise<BackupSchedule> {
  const { sql, config, log, now } = options;
  const timers = options.timers ?? realTimers;
  const intervalMs = config.intervalHours * HOUR_MS;
  let timer: unknown = null;
  let running: Promise<boolean> | null = null;
  let stopped = false;

  const runOnce = async (): Promise<boolean> => {
    const started = now();
    try {
      const written = await writeBackup(sql, config.dir, started);
      log.info('backup written', { ...written, ms: now().getTime() - started.getTime() });
      for (const file of await pruneBackups(config.dir, config.keep))
        log.info('old backup removed', { file, keep: config.keep });
      return true;
    } catch (error) {
      log.error('backup failed; the server carries on and tries again', {
        dir: config.dir,
        retryInMinutes: Math.min(intervalMs, RETRY_MS) / 60_000,
        error,
      });
      return false;
    }
  };
  const schedule = (ms: number): void => {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      timer = null;
      running = runOnce();
      void running.then((ok) => {
        running = null;
        schedule(ok ? intervalMs : Math.min(intervalMs, RETRY_MS));
      });
    }, ms);
  };

  const newest = await listBackups(config.dir).then(
    (all) => all[0]?.time ?? null,
    (error: unknown) => {
      log.warn('cannot read the backup directory; backing up now', { dir: config.dir, error });
      return null;
    },
  );
  const dueInMs = newest ? Math.max(0, newest.getTime() + intervalMs - now().getTime()) : 0;
  log.info('scheduled backups on', {
    dir: config.dir,
    everyHours: config.intervalHours,
    keep: config.keep,
    nextInMinutes: Math.round(dueInMs / 60_000),
  });
  schedule(dueInMs);

  return {
    async stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
