/**
 * The real sync server on a random port, with a fresh embedded database in a temporary directory, serving
 * the built client (built first when client/dist is missing or stale). Either with the sample tenants
 * (Lighthouse) or with the bench tenant of documents.ts and one user signed in through the form.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAccount, validateMeasurement } from '@vitals/shared';
import { addMembership, createUser } from '../../sync-server/src/auth/users';
import { loadConfig } from '../../sync-server/src/config';
import { withScope } from '../../sync-server/src/db/tenant-scope';
import { createLogger } from '../../sync-server/src/logger';
import { insertDocuments } from '../../sync-server/src/seed/insert-documents';
import { startServer, type RunningServer } from '../../sync-server/src/server';
import { ensureClientBuild } from '../ensure-client-build';
import { benchDocuments, type BenchDocuments } from './documents';

export interface RunningApp {
  readonly url: string;
  readonly server: RunningServer;
  stop(): Promise<void>;
}

export async function startApp(options: { demoData: boolean }): Promise<RunningApp> {
  // The server decides at start whether client/dist exists, so the build comes first.
  await ensureClientBuild((line) => process.stderr.write(`${line}\n`));
  const dataDir = await mkdtemp(join(tmpdir(), 'vitals-bench-browser-'));
  try {
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      PASSWORD_COST: '10',
      LOG_LEVEL: 'warn',
      DEMO_DATA: options.demoData ? 'true' : 'false',
    });
    const server = await startServer(config, createLogger(config.logLevel));
    return {
      url: server.url,
      server,
      async stop() {
        try {
          await server.stop();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export interface BenchTenant {
  readonly tenantId: string;
  readonly userId: string;
  readonly email: string;
  readonly password: string;
  readonly documents: BenchDocuments;
}

/** The bench tenant: its documents straight into the sync table (as the seed does), one owner to sign in. */
export async function seedBenchTenant(app: RunningApp): Promise<BenchTenant> {
  const documents = benchDocuments();
  for (const doc of documents.accounts) {
    const result = validateAccount(doc);
    if (!result.ok) throw new Error(`bench account invalid: ${JSON.stringify(result.issues)}`);
  }
  for (const doc of documents.measurements) {
    const result = validateMeasurement(doc);
    if (!result.ok) throw new Error(`bench measurement invalid: ${JSON.stringify(result.issues)}`);
  }
  const { sql } = app.server.db;
  const tenantId = randomUUID();
  const email = `bench.${tenantId.slice(0, 8)}@example.test`;
  const password = `bench-${randomUUID()}`;
  const userId = await withScope(sql, { tenantId }, async (tx) => {
    await tx`insert into tenants (id, slug, name) values (${tenantId}, ${`bench-${tenantId.slice(0, 8)}`}, 'Bench Co')`;
    const { id } = await createUser(tx, { email, password, name: 'Bench Owner' }, 10);
    await addMembership(tx, { tenantId, userId: id, role: 'owner' });
    await insertDocuments(tx, {
      tenantId,
      collection: 'accounts',
      documents: documents.accounts,
      userId: id,
    });
    await insertDocuments(tx, {
      tenantId,
      collection: 'measurements',
      documents: documents.measurements,
      userId: id,
    });
    return id;
  });
  // PGlite never refreshes planner statistics on its own; without them the first pulls scan whole tables.
  await sql`analyze`;
  return { tenantId, userId, email, password, documents };
}
