import { TRIAL_DAYS } from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../testing/app';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { createTestTenant } from '../testing/tenants';
import { readTenantPlan } from './tenant-plan';
import { startTrial } from './trial';

const now = new Date('2025-10-01T09:00:00Z');
const billingOn = testConfig({
  STRIPE_SECRET_KEY: 'sk_test_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  STRIPE_PRICE_PROFESSIONAL: 'price_professional',
  STRIPE_PRICE_ENTERPRISE: 'price_enterprise',
}).billing;
const billingOff = testConfig().billing;

describe.each(databaseKinds())('the trial on %s PostgreSQL', (kind) => {
  let db: Database;
  beforeAll(async () => void (db = await openTestDatabase(kind)));
  afterAll(async () => db?.close());

  const inScope = <T>(tenantId: string, fn: Parameters<typeof withScope<T>>[2]) => withScope(db.sql, { tenantId }, fn);

  it(`puts a new tenant on Professional for ${TRIAL_DAYS} days, once, then on Free`, async () => {
    const tenant = await createTestTenant(db, { name: 'New', roles: {}, now });
    expect(await inScope(tenant.id, (tx) => startTrial(tx, tenant.id, now, billingOn))).toBe(true);
    expect(await inScope(tenant.id, (tx) => startTrial(tx, tenant.id, new Date('2025-10-05T00:00:00Z'), billingOn))).toBe(false);

    const ends = new Date('2025-10-15T09:00:00Z');
    const during = await inScope(tenant.id, (tx) => readTenantPlan(tx, tenant.id, billingOn, new Date('2025-10-15T08:59:00Z')));
    expect(during).toEqual({ plan: 'professional', status: 'trialing', trialEndsAt: ends, billingEnabled: true });
    const after = await inScope(tenant.id, (tx) => readTenantPlan(tx, tenant.id, billingOn, ends));
    expect(after.plan).toBe('free');

    const audit = await db.sql`select action, after from audit_log where tenant_id = ${tenant.id} and collection = 'billing'`;
    expect(audit).toEqual([{ action: 'create', after: { plan: 'professional', status: 'trialing', trialEndsAt: ends.toISOString() } }]);
  });

  it('starts no trial with billing off', async () => {
    const tenant = await createTestTenant(db, { name: 'Off', roles: {}, now });
    expect(await inScope(tenant.id, (tx) => startTrial(tx, tenant.id, now, billingOff))).toBe(false);
    expect(await db.sql`select 1 from tenant_billing where tenant_id = ${tenant.id}`).toHaveLength(0);
  });
});
