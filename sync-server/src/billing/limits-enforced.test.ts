/**
 * Every plan limit through every path that can exceed it, with billing on: a tenant without a billing row is
 * on Free (2 users, 5 accounts, 20 AI questions a month); a row puts it on a paid plan or a trial.
 */
import { fileURLToPath } from 'node:url';
import {
  PLANS,
  editFields,
  markDeleted,
  mergeAccounts,
  type AccountDoc,
  type ChatEvent,
  type PlanId,
} from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareImportFile, runImport } from '../cli/commands/import';
import type { Database } from '../db/connect';
import { ImportError } from '../imports/errors';
import { TEST_ORIGIN, testApp, testConfig } from '../testing/app';
import { readChatEvents } from '../testing/chat-stream';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { makeDoc, stamp } from '../testing/documents';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai';
import { syncClient, type Doc, type SyncClient } from '../testing/sync-client';
import { createTestTenant, type TestTenant } from '../testing/tenants';

const BILLING_ON = {
  STRIPE_SECRET_KEY: 'sk_test_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  STRIPE_PRICE_PROFESSIONAL: 'price_pro',
  STRIPE_PRICE_ENTERPRISE: 'price_ent',
};
const DAY = 24 * 60 * 60 * 1000;
/** Four new accounts (Northwind Traders and three more), with their months. */
const WORKBOOK = fileURLToPath(
  new URL('../../../shared/src/import/fixtures/with-accounts-sheet.xlsx', import.meta.url),
);
/** Open-ended: the query engine hands it to the model. */
const ANALYTICAL = 'Why are our enterprise accounts struggling?';
const DETERMINISTIC = 'Which accounts are red?';

interface ErrorJson {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

describe.each(databaseKinds())('plan limits enforced on %s PostgreSQL', (kind) => {
  let db: Database;
  let openai: FakeOpenAI;
  let harness: ReturnType<typeof testApp>;
  let count = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    openai = await startFakeOpenAI();
    harness = testApp(db, {
      config: testConfig({ ...BILLING_ON, OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.baseUrl }),
    });
  });
  afterAll(async () => {
    await openai.close();
    await db.close();
  });

  async function freshTenant(): Promise<{ tenant: TestTenant<'owner'>; device: SyncClient }> {
    const tenant = await createTestTenant(db, {
      name: `Plan ${++count}`,
      roles: { owner: 'owner' },
      now: harness.clock.now(),
    });
    return { tenant, device: syncClient(harness.app, tenant.id, tenant.users.owner.cookie) };
  }

  /** Puts the tenant on a plan as Stripe would have (written as the superuser, as the test tenants are). */
  async function putOnPlan(
    tenantId: string,
    plan: PlanId,
    status: 'active' | 'trialing',
    trialEndsAt: Date | null = null,
  ) {
    await db.sql`
      insert into tenant_billing (tenant_id, plan, status, trial_ends_at) values (${tenantId}, ${plan}, ${status}, ${trialEndsAt})
      on conflict (tenant_id) do update set plan = excluded.plan, status = excluded.status, trial_ends_at = excluded.trial_ends_at`;
  }

  const account = (id: string, tenant: TestTenant<'owner'>): Doc =>
    makeDoc('accounts', { id, userId: tenant.users.owner.id }) as unknown as Doc;

  async function liveAccounts(tenantId: string): Promise<string[]> {
    const rows = await db.sql<{ id: string }[]>`
      select id from sync_documents where tenant_id = ${tenantId} and collection = 'accounts' and not deleted order by id`;
    return rows.map((r) => r.id);
  }

  describe('users', () => {
    const invite = (tenant: TestTenant<'owner'>, email: string) =>
      harness.app.request(`/api/tenants/${tenant.id}/invitations`, {
        method: 'POST',
        headers: {
          cookie: tenant.users.owner.cookie,
          origin: TEST_ORIGIN,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ email, role: 'csm' }),
      });

    async function footprint(tenantId: string) {
      const [row] = await db.sql<{ invitations: number; emails: number; audit: number }[]>`
        select (select count(*)::int from invitations where tenant_id = ${tenantId}) as invitations,
          (select count(*)::int from outbox where tenant_id = ${tenantId}) as emails,
          (select count(*)::int from audit_log where tenant_id = ${tenantId}) as audit`;
      return row!;
    }

    it('refuses inviting a third user on Free with 402 and the way up, writing nothing', async () => {
      const { tenant } = await freshTenant();
      expect((await invite(tenant, 'second@example.com')).status).toBe(201);
      const before = await footprint(tenant.id);

      const res = await invite(tenant, 'third@example.com');
      expect(res.status).toBe(402);
      const body = (await res.json()) as ErrorJson;
      expect(body.error).toEqual({
        code: 'plan-limit',
        message: expect.stringContaining('Free plan allows 2 users') as string,
        details: expect.objectContaining({
          kind: 'users',
          plan: 'free',
          limit: 2,
          current: 2,
          requested: 1,
          upgradeTo: 'professional',
        }) as object,
      });
      expect(body.error.message).toContain('Upgrade to Professional');
      expect(await footprint(tenant.id)).toEqual(before);
    });

    it('lets a pending address be invited again at the limit (it already holds its seat), and frees the seat when it expires', async () => {
      const { tenant } = await freshTenant();
      expect((await invite(tenant, 'second@example.com')).status).toBe(201);
      expect((await invite(tenant, 'second@example.com')).status).toBe(201);
      // A week later the invitation has expired: its seat is free again, for it or anyone else.
      harness.clock.advance(8 * DAY);
      try {
        expect((await invite(tenant, 'third@example.com')).status).toBe(201);
        expect((await invite(tenant, 'second@example.com')).status).toBe(402);
      } finally {
        harness.clock.advance(-8 * DAY);
      }
    });

    it('lets a Professional workspace invite beyond Free', async () => {
      const { tenant } = await freshTenant();
      await putOnPlan(tenant.id, 'professional', 'active');
      for (const n of [2, 3, 4]) expect((await invite(tenant, `user${n}@example.com`)).status).toBe(201);
    });
  });

  describe('accounts, by push', () => {
    it('refuses the 6th account on Free with 402; the 5 stay, and editing them still syncs', async () => {
      const { tenant, device } = await freshTenant();
      const five = ['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => account(id, tenant));
      expect(
        await device.push(
          'accounts',
          five.map((doc) => ({ newDocumentState: doc })),
        ),
      ).toEqual([]);

      const res = await device.pushResponse('accounts', [{ newDocumentState: account('a6', tenant) }]);
      expect(res.status).toBe(402);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code).toBe('plan-limit');
      expect(body.error.message).toBe(
        'The Free plan allows 5 accounts and this workspace has 5: the new account was not added. ' +
          'Upgrade to Professional for up to 50 accounts.',
      );
      expect(body.error.details).toMatchObject({ kind: 'accounts', limit: 5, current: 5, requested: 1 });
      expect(await liveAccounts(tenant.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);

      const a1 = five[0] as unknown as AccountDoc;
      const renamed = editFields(mergeAccounts, a1, { name: 'Renamed at the limit' }, stamp(5));
      expect(
        await device.push('accounts', [
          { assumedMasterState: five[0], newDocumentState: renamed as unknown as Doc },
        ]),
      ).toEqual([]);
      const [stored] = await db.sql<{ name: string }[]>`
        select data->>'name' as name from sync_documents where tenant_id = ${tenant.id} and collection = 'accounts' and id = 'a1'`;
      expect(stored!.name).toBe('Renamed at the limit');
    });

    it('refuses a push that would pass the limit whole, and takes it once an account is deleted to make room', async () => {
      const { tenant, device } = await freshTenant();
      const four = ['b1', 'b2', 'b3', 'b4'].map((id) => account(id, tenant));
      await device.push(
        'accounts',
        four.map((doc) => ({ newDocumentState: doc })),
      );
      const two = [account('b5', tenant), account('b6', tenant)];
      const res = await device.pushResponse(
        'accounts',
        two.map((doc) => ({ newDocumentState: doc })),
      );
      expect(res.status).toBe(402);
      expect(((await res.json()) as ErrorJson).error.message).toContain('the 2 new accounts were not added');
      expect(await liveAccounts(tenant.id)).toEqual(['b1', 'b2', 'b3', 'b4']);

      // Deleting one in the same push makes room for the other: the workspace ends with 5.
      const deleted = markDeleted(four[0] as unknown as AccountDoc, stamp(9)) as unknown as Doc;
      const rows = [
        { assumedMasterState: four[0], newDocumentState: deleted },
        ...two.map((doc) => ({ newDocumentState: doc })),
      ];
      expect(await device.push('accounts', rows)).toEqual([]);
      expect(await liveAccounts(tenant.id)).toEqual(['b2', 'b3', 'b4', 'b5', 'b6']);
    });

    it('lets an active Professional subscription or a running trial add a 6th account, and not a trial that ran out', async () => {
      const { tenant, device } = await freshTenant();
      await device.push(
        'accounts',
        ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => ({ newDocumentState: account(id, tenant) })),
      );
      const now = harness.clock.now().getTime();

      await putOnPlan(tenant.id, 'professional', 'trialing', new Date(now - DAY));
      expect(
        (await device.pushResponse('accounts', [{ newDocumentState: account('c6', tenant) }])).status,
      ).toBe(402);

      await putOnPlan(tenant.id, 'professional', 'trialing', new Date(now + 13 * DAY));
      expect(await device.push('accounts', [{ newDocumentState: account('c6', tenant) }])).toEqual([]);

      await putOnPlan(tenant.id, 'professional', 'active');
      expect(await device.push('accounts', [{ newDocumentState: account('c7', tenant) }])).toEqual([]);
      expect(await liveAccounts(tenant.id)).toHaveLength(7);
    });
  });

  describe('accounts, by import', () => {
    async function importWorkbook(tenantId: string) {
      const [row] = await db.sql<{ slug: string }[]>`select slug from tenants where id = ${tenantId}`;
      const prepared = await prepareImportFile({ file: WORKBOOK, excludeErrors: false });
      return runImport(harness.deps, { tenant: row!.slug, dryRun: false }, prepared);
    }

    it('refuses an import whose new accounts pass Free’s 5, with the limit’s message, writing nothing', async () => {
      const { tenant, device } = await freshTenant();
      await device.push(
        'accounts',
        ['d1', 'd2'].map((id) => ({ newDocumentState: account(id, tenant) })),
      );
      const [before] = await db.sql<
        { n: number }[]
      >`select count(*)::int as n from sync_documents where tenant_id = ${tenant.id}`;

      const refused = await importWorkbook(tenant.id).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toBe(
        'The Free plan allows 5 accounts and this workspace has 2: the 4 new accounts were not added. ' +
          'Upgrade to Professional for up to 50 accounts.',
      );
      const [after] = await db.sql<
        { n: number }[]
      >`select count(*)::int as n from sync_documents where tenant_id = ${tenant.id}`;
      expect(after!.n).toBe(before!.n);
    });

    it('imports the same workbook once the workspace is on Professional', async () => {
      const { tenant, device } = await freshTenant();
      await device.push(
        'accounts',
        ['e1', 'e2'].map((id) => ({ newDocumentState: account(id, tenant) })),
      );
      await putOnPlan(tenant.id, 'professional', 'active');
      const result = await importWorkbook(tenant.id);
      expect(result.report.written.accounts).toBe(4);
      expect(await liveAccounts(tenant.id)).toHaveLength(6);
    });

    it('reports the refusal as an ImportError, which the command prints as its message', async () => {
      const { tenant, device } = await freshTenant();
      await device.push(
        'accounts',
        ['f1', 'f2'].map((id) => ({ newDocumentState: account(id, tenant) })),
      );
      const prepared = await prepareImportFile({ file: WORKBOOK, excludeErrors: false });
      const { importTable } = await import('../imports/commit-import');
      await expect(
        importTable(harness.deps, {
          tenantId: tenant.id,
          userId: tenant.users.owner.id,
          role: 'owner',
          table: prepared.table,
          fileName: 'with-accounts-sheet.xlsx',
          fileHash: 'a'.repeat(64),
        }),
      ).rejects.toBeInstanceOf(ImportError);
    });
  });

  describe('AI questions', () => {
    const ask = async (tenant: TestTenant<'owner'>, question: string): Promise<ChatEvent[]> => {
      const res = await harness.app.request(`/api/tenants/${tenant.id}/chat`, {
        method: 'POST',
        headers: {
          cookie: tenant.users.owner.cookie,
          origin: TEST_ORIGIN,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ question }),
      });
      expect(res.status).toBe(200);
      return readChatEvents(res);
    };
    async function questionsThisMonth(tenantId: string): Promise<number> {
      const [row] = await db.sql<{ questions: number }[]>`
        select questions from ai_usage where tenant_id = ${tenantId} and month = ${harness.clock.now().toISOString().slice(0, 7)}`;
      return row?.questions ?? 0;
    }
    async function setQuestions(tenantId: string, questions: number): Promise<void> {
      await db.sql`insert into ai_usage (tenant_id, month, questions) values (${tenantId}, ${harness.clock.now().toISOString().slice(0, 7)}, ${questions})`;
    }

    it('counts each answer the model writes; the 21st question on Free is refused, the count stays at 20', async () => {
      const { tenant } = await freshTenant();
      await setQuestions(tenant.id, 19);
      openai.script(() => ({ text: ['Mostly healthy.'] }));
      const twentieth = await ask(tenant, ANALYTICAL);
      expect(twentieth.at(-1)).toMatchObject({
        event: 'done',
        data: { kind: 'analytical', answer: 'Mostly healthy.' },
      });
      expect(await questionsThisMonth(tenant.id)).toBe(20);

      const calls = openai.chatRequests().length;
      const refused = await ask(tenant, ANALYTICAL);
      expect(refused).toEqual([
        {
          event: 'error',
          data: {
            code: 'plan-limit',
            message:
              'The Free plan allows 20 AI questions a month and this workspace has asked 20 this month: ' +
              'the question was not answered. Upgrade to Professional for unlimited AI questions. ' +
              'Questions answered on this device are not counted.',
          },
        },
      ]);
      expect(openai.chatRequests()).toHaveLength(calls);
      expect(await questionsThisMonth(tenant.id)).toBe(20);
    });

    it('still answers deterministic questions at the limit, and never counts them', async () => {
      const { tenant } = await freshTenant();
      await setQuestions(tenant.id, 20);
      const events = await ask(tenant, DETERMINISTIC);
      expect(events.at(-1)).toMatchObject({ event: 'done', data: { kind: 'deterministic' } });
      expect(await questionsThisMonth(tenant.id)).toBe(20);
    });

    it('starts again each month (UTC): last month’s 20 do not count against this one', async () => {
      const { tenant } = await freshTenant();
      const now = harness.clock.now();
      const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15))
        .toISOString()
        .slice(0, 7);
      await db.sql`insert into ai_usage (tenant_id, month, questions) values (${tenant.id}, ${lastMonth}, 20)`;
      openai.script(() => ({ text: ['A new month.'] }));
      expect((await ask(tenant, ANALYTICAL)).at(-1)).toMatchObject({
        event: 'done',
        data: { answer: 'A new month.' },
      });
      expect(await questionsThisMonth(tenant.id)).toBe(1);
    });

    it('answers beyond 20 on a trial of Professional (unlimited), still counting', async () => {
      const { tenant } = await freshTenant();
      await setQuestions(tenant.id, 20);
      await putOnPlan(
        tenant.id,
        'professional',
        'trialing',
        new Date(harness.clock.now().getTime() + 10 * DAY),
      );
      openai.script(() => ({ text: ['On trial.'] }));
      expect((await ask(tenant, ANALYTICAL)).at(-1)).toMatchObject({
        event: 'done',
        data: { answer: 'On trial.' },
      });
      expect(await questionsThisMonth(tenant.id)).toBe(21);
      expect(PLANS.professional.limits.aiQuestionsPerMonth).toBeNull();
    });

    it('counts nothing when no model is configured: those answers are the engine’s or the "no model" note', async () => {
      const noModel = testApp(db, { config: testConfig(BILLING_ON) });
      const { tenant } = await freshTenant();
      await setQuestions(tenant.id, 20);
      const res = await noModel.app.request(`/api/tenants/${tenant.id}/chat`, {
        method: 'POST',
        headers: {
          cookie: tenant.users.owner.cookie,
          origin: TEST_ORIGIN,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ question: ANALYTICAL }),
      });
      expect((await readChatEvents(res)).at(-1)).toMatchObject({
        event: 'done',
        data: { kind: 'analytical' },
      });
      expect(await questionsThisMonth(tenant.id)).toBe(20);
    });
  });
});
