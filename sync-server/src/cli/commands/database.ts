/**
 * The database commands: `vitals migrate`, `seed`, `tenant create`, `backup`, `restore`. They use the
 * same configuration as the server (DATABASE_URL, or the embedded database in DATA_DIR).
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../../config';
import { addMembership, createUser } from '../../auth/users';
import { BackupError, createBackup, parseBackup, restoreBackup } from '../../db/backup';
import { openDatabase, type Database } from '../../db/connect';
import { migrate } from '../../db/migrate';
import { withScope } from '../../db/tenant-scope';
import { seedSampleTenants } from '../../seed/seed';
import { CliError, EXIT } from '../errors';
import { startTrial } from '../../billing/trial';

export async function withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await migrate(db.sql);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

export async function migrateCommand(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db.sql);
    process.stdout.write(applied.length ? `Applied migrations ${applied.join(', ')} to ${db.location}.\n` : `${db.location} is up to date.\n`);
  } finally {
    await db.close();
  }
}

export async function seedCommand(): Promise<void> {
  await withDatabase(async (db, config) => {
    const [row] = await db.sql<{ count: string }[]>`select count(*)::text as count from tenants where slug in ('test-company', 'acme')`;
    if (Number(row?.count ?? 0) > 0) throw new CliError('The sample tenants are already in this database.');
    const result = await seedSampleTenants(db, { passwordCost: config.passwordCost, now: new Date() });
    process.stdout.write(`Seeded ${result.tenants.map((t) => t.name).join(' and ')}. Sign in as ${result.emails.join(', ')} (password: ${result.password}).\n`);
  });
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export async function tenantCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'owner-email': { type: 'string' },
      'owner-password': { type: 'string' },
      'owner-name': { type: 'string' },
    },
  });
  const usage = 'Usage: vitals tenant create --slug <slug> --name <name> --owner-email <email> [--owner-password <password>] [--owner-name <name>]';
  if (positionals[0] !== 'create' || !values.slug || !values.name || !values['owner-email']) throw new CliError(usage, EXIT.usage);
  if (!SLUG.test(values.slug)) throw new CliError('--slug must be 2–63 lowercase letters, digits or hyphens, starting with a letter or digit.', EXIT.usage);
  const email = values['owner-email'].trim().toLowerCase();
  await withDatabase(async (db, config) => {
    const tenantId = randomUUID();
    const password = values['owner-password'];
    const created = await withScope(db.sql, { tenantId }, async (tx) => {
      // Row-level security hides other tenants from this scope, so the unique index is what finds a clash.
      await tx`insert into tenants (id, slug, name) values (${tenantId}, ${values.slug!}, ${values.name!})`.catch((error: unknown) => {
        if ((error as { code?: string }).code === '23505') throw new CliError(`A tenant with slug "${values.slug}" already exists.`);
        throw error;
      });
      const [existing] = await tx<{ id: string }[]>`select id from users where email = ${email}`;
      if (!existing && !password) throw new CliError(`${email} has no account yet: give --owner-password to create it.`, EXIT.usage);
      const userId = existing?.id ?? (await createUser(tx, { email, password: password!, name: values['owner-name'] ?? '' }, config.passwordCost)).id;
      await addMembership(tx, { tenantId, userId, role: 'owner' });
      // As a workspace made in the app (POST /api/tenants): with billing on, a new workspace tries Professional for 14 days.
      await startTrial(tx, tenantId, new Date(), config.billing);
      return { userId, newUser: !existing };
    });
    process.stdout.write(`Created tenant ${values.name} (${values.slug}, id ${tenantId}) owned by ${email}${created.newUser ? ' (new user)' : ''}.\n`);
  });
}

export async function backupCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  await withDatabase(async (db) => {
    const backup = await createBackup(db.sql, new Date());
    const text = JSON.stringify(backup);
    const out = values.out ?? `vitals-backup-${backup.createdAt.replace(/[:.]/g, '-')}.json`;
    await writeFile(out, text, { mode: 0o600 });
    const documents = backup.tables.sync_documents?.length ?? 0;
    process.stdout.write(`Wrote ${out}: ${Object.keys(backup.tables).length} tables, ${documents} synced documents, ${(text.length / 1024).toFixed(0)} KB.\n`);
  });
}

export async function restoreCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (!file) throw new CliError('Usage: vitals restore <backup.json> [--force]', EXIT.usage);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(`Cannot read ${file}.`);
  });
  await withDatabase(async (db) => {
    try {
      const counts = await restoreBackup(db.sql, parseBackup(text), { force: values.force });
      process.stdout.write(
        `Restored ${file}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}.\n` +
          'A new sync epoch has started: devices start their sync over at their next connection and send back what they hold.\n',
      );
    } catch (error) {
      if (error instanceof BackupError) throw new CliError(error.message);
      throw error;
    }
  });
}
