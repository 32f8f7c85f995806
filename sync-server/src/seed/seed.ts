/**
 * The sample tenants (Test Company, ACME) and their demo users, seeded into a new database so that
 * `npm start` on a fresh machine shows a working product. Documents go straight into the sync table in
 * bulk; devices receive them through the ordinary pull.
 */
import { createHash, randomUUID } from 'node:crypto';
import { generateSampleTenants, sampleDocuments, sampleToLongCsv, type SampleTenant } from '@vitals/shared';
import { addMembership, createUser } from '../auth/users';
import type { Config } from '../config';
import type { Database, TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import type { Logger } from '../logger';
import { insertDocuments } from './insert-documents';

/** DOMAIN.md: every seeded user signs in with this password. */
export const DEMO_PASSWORD = 'vitals-demo';

export interface SeedResult {
  readonly tenants: { readonly id: string; readonly slug: string; readonly name: string }[];
  readonly emails: string[];
  readonly password: string;
}

async function userIdFor(tx: TransactionSql, email: string): Promise<string | null> {
  const [row] = await tx<{ id: string }[]>`select id from users where email = ${email}`;
  return row?.id ?? null;
}

async function seedTenant(db: Database, tenant: SampleTenant, passwordCost: number, seededAt: Date): Promise<{ id: string }> {
  const tenantId = randomUUID();
  const userIds = new Map<string, string>();
  await withScope(db.sql, { tenantId }, async (tx) => {
    await tx`insert into tenants (id, slug, name) values (${tenantId}, ${tenant.slug}, ${tenant.name})`;
    for (const user of tenant.users.filter((u) => u.login)) {
      const id = (await userIdFor(tx, user.email)) ?? (await createUser(tx, { email: user.email, password: DEMO_PASSWORD, name: user.name }, passwordCost)).id;
      await addMembership(tx, { tenantId, userId: id, role: user.role });
      userIds.set(user.id, id);
    }
    const fileHash = createHash('sha256').update(sampleToLongCsv(tenant)).digest('hex');
    const documents = sampleDocuments(tenant, { userIds, newId: randomUUID, seededAt: seededAt.toISOString(), fileHash });
    const owner = [...userIds.values()][0] ?? null;
    for (const [collection, docs] of Object.entries(documents)) {
      await insertDocuments(tx, { tenantId, collection, documents: docs as readonly { id: string; _deleted?: boolean }[], userId: owner });
    }
  });
  return { id: tenantId };
}

/** Seeds both sample tenants; returns what a person needs to sign in. */
export async function seedSampleTenants(db: Database, options: { passwordCost: number; now: Date }): Promise<SeedResult> {
  const tenants = generateSampleTenants();
  const result: SeedResult['tenants'] = [];
  for (const tenant of tenants) {
    const { id } = await seedTenant(db, tenant, options.passwordCost, options.now);
    result.push({ id, slug: tenant.slug, name: tenant.name });
  }
  const emails = tenants.flatMap((t) => t.users.filter((u) => u.login).map((u) => u.email));
  return { tenants: result, emails, password: DEMO_PASSWORD };
}

/** On a database with no tenants, and when demo data is on, seeds the samples. */
export async function seedIfEmpty(db: Database, config: Config, log: Logger): Promise<SeedResult | null> {
  if (!config.demoData) return null;
  const [row] = await db.sql<{ count: string }[]>`select count(*)::text as count from tenants`;
  if (Number(row?.count ?? 0) > 0) return null;
  const result = await seedSampleTenants(db, { passwordCost: config.passwordCost, now: new Date() });
  // PGlite never refreshes planner statistics on its own; without them the first pulls scan whole tables.
  await db.sql`analyze`;
  log.info('seeded sample tenants', { tenants: result.tenants.map((t) => t.slug) });
  return result;
}
