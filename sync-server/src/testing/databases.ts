/**
 * Databases for tests: the embedded PGlite always, and a real PostgreSQL too when TEST_DATABASE_URL is
 * set. Each test file gets its own database: a copy of a migrated template data dir (fast to reopen), or a
 * fresh database on the server, dropped afterwards.
 */
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openEmbeddedDatabase, openServerDatabase, type Database } from '../db/connect';
import { migrate } from '../db/migrate';

export type DatabaseKind = 'embedded' | 'postgres';

/** The kinds of database every integration suite runs against. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
}

/** Written by the global setup: a migrated embedded data dir to copy from. */
export const TEMPLATE_ENV = 'VITALS_TEST_TEMPLATE_DIR';

export async function createTemplate(dir: string): Promise<void> {
  const db = await openEmbeddedDatabase(dir);
  try {
    await migrate(db.sql);
  } finally {
    await db.close();
  }
}

async function embedded(): Promise<Database> {
  const template = process.env[TEMPLATE_ENV];
  const dir = await mkdtemp(join(tmpdir(), 'vitals-test-'));
  if (template && (await stat(template).catch(() => null))) {
    await cp(template, dir, { recursive: true });
  } else {
    await createTemplate(dir);
  }
  const db = await openEmbeddedDatabase(dir);
  await migrate(db.sql);
  return {
    ...db,
    async close() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function server(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `vitals_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openServerDatabase(target.toString());
  await migrate(db.sql);
  return {
    ...db,
    async close() {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  return kind === 'embedded' ? embedded() : server();
}
