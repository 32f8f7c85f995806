/** A sample tenant's documents (shared/src/sample) written into a test tenant, with its users as the sample's. */
import { createHash, randomUUID } from 'node:crypto';
import {
  generateSampleTenants,
  sampleDocuments,
  sampleToLongCsv,
  type SampleDocuments,
  type SampleTenant,
} from '@vitals/shared';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { insertDocuments } from '../seed/insert-documents';
import type { TestTenant } from './tenants';

export function sampleTenant(slug: string): SampleTenant {
  const tenant = generateSampleTenants().find((t) => t.slug === slug);
  if (!tenant) throw new Error(`No sample tenant ${slug}`);
  return tenant;
}

/** Each sample user who can sign in becomes the test tenant's user of the same role. */
export async function seedSampleInto<TKey extends string>(
  db: Database,
  tenant: TestTenant<TKey>,
  slug: string,
  now: Date,
): Promise<{ sample: SampleTenant; documents: SampleDocuments }> {
  const sample = sampleTenant(slug);
  const users = Object.values<TestTenant<TKey>['users'][TKey]>(tenant.users);
  const userIds = new Map(
    sample.users
      .filter((u) => u.login)
      .map((u) => {
        const user = users.find((t) => t.role === u.role);
        if (!user) throw new Error(`The test tenant needs a ${u.role} for the sample's ${u.email}`);
        return [u.id, user.id] as const;
      }),
  );
  const fileHash = createHash('sha256').update(sampleToLongCsv(sample)).digest('hex');
  const documents = sampleDocuments(sample, {
    userIds,
    newId: randomUUID,
    seededAt: now.toISOString(),
    fileHash,
  });
  const owner = [...userIds.values()][0] ?? null;
  await withScope(db.sql, { tenantId: tenant.id }, async (tx) => {
    for (const [collection, docs] of Object.entries(documents)) {
      await insertDocuments(tx, {
        tenantId: tenant.id,
        collection,
        documents: docs as readonly { id: string }[],
        userId: owner,
      });
    }
  });
  return { sample, documents };
}
