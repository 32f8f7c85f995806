import type { AssistantAnswer, ChatEvent, SampleDocuments } from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_MODEL_ANSWER } from '../assistant/chat';
import { TOOL_ROUNDS } from '../assistant/analytical';
import type { Database } from '../db/connect';
import { TEST_ORIGIN, testApp, testConfig } from '../testing/app';
import { openChat, readChatEvents } from '../testing/chat-stream';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { startFakeOpenAI, type ChatCompletionRequestBody, type FakeOpenAI } from '../testing/fake-openai';
import { startFakeQdrant, type FakeQdrant } from '../testing/fake-qdrant';
import { seedSampleInto } from '../testing/sample-tenant';
import { serveApp } from '../testing/sse';
import { createTestTenant, type TestTenant } from '../testing/tenants';

type Roles = 'owner' | 'csm' | 'viewer';
type Harness = ReturnType<typeof testApp>;

const RED_QUESTION = 'Which accounts are red?';
/** Open-ended: the engine sends it to the model. */
const ANALYTICAL = 'Why are our enterprise accounts struggling?';
/** Shares words with a Granite Peak run note ("Interviewed 5 users and the sponsor."). */
const SPONSOR_QUESTION = 'What did the sponsor tell us when we interviewed users?';

const doneOf = (events: readonly ChatEvent[]): AssistantAnswer => {
  const done = events.find((e) => e.event === 'done');
  if (!done || done.event !== 'done') throw new Error(`No done event in ${JSON.stringify(events)}`);
  return done.data;
};
const errorOf = (events: readonly ChatEvent[]) => {
  const error = events.find((e) => e.event === 'error');
  if (!error || error.event !== 'error') throw new Error(`No error event in ${JSON.stringify(events)}`);
  return error.data;
};
const textOf = (events: readonly ChatEvent[]): string[] =>
  events.flatMap((e) => (e.event === 'delta' ? [e.data.text] : []));
const lastMessage = (body: ChatCompletionRequestBody) => body.messages[body.messages.length - 1]!;
const systemText = (body: ChatCompletionRequestBody) =>
  body.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');

describe.each(databaseKinds())('POST /api/tenants/:tenantId/chat on %s PostgreSQL', (kind) => {
  let db: Database;
  let openai: FakeOpenAI;
  let qdrant: FakeQdrant;
  let tenant: TestTenant<Roles>;
  let other: TestTenant<'owner' | 'csm' | 'manager'>;
  let otherDocs: SampleDocuments;
  let plain: Harness;
  let withModel: Harness;

  const modelApp = (overrides: Record<string, string> = {}): Harness =>
    testApp(db, {
      config: testConfig({
        OPENAI_API_KEY: openai.apiKey,
        OPENAI_BASE_URL: openai.baseUrl,
        OPENAI_TIMEOUT_MS: '2000',
        ...overrides,
      }),
    });

  async function ask(
    harness: Harness,
    body: unknown,
    options: { tenantId?: string; cookie?: string } = {},
  ): Promise<Response> {
    return harness.app.request(`/api/tenants/${options.tenantId ?? tenant.id}/chat`, {
      method: 'POST',
      headers: {
        cookie: options.cookie ?? tenant.users.csm.cookie,
        origin: TEST_ORIGIN,
        'content-type': 'application/json',
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async function events(harness: Harness, body: unknown): Promise<ChatEvent[]> {
    const res = await ask(harness, body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    return readChatEvents(res);
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    openai = await startFakeOpenAI();
    qdrant = await startFakeQdrant();
    plain = testApp(db);
    withModel = modelApp();
    const now = plain.clock.now();
    tenant = await createTestTenant(db, {
      name: 'Test Company',
      roles: { owner: 'owner', csm: 'csm', viewer: 'viewer' },
      now,
    });
    other = await createTestTenant(db, {
      name: 'ACME',
      roles: { owner: 'owner', csm: 'csm', manager: 'manager' },
      now,
    });
    await seedSampleInto(db, tenant, 'test-company', now);
    otherDocs = (await seedSampleInto(db, other, 'acme', now)).documents;
  });
  afterAll(async () => {
    await Promise.all([openai.close(), qdrant.close()]);
    await db.close();
  });

  describe('without a language model', () => {
    it('answers a deterministic question at once, from the query engine', async () => {
      const answer = doneOf(await events(plain, { question: RED_QUESTION }));
      expect(answer).toMatchObject({ kind: 'deterministic', template: 1 });
      expect(answer.answer).toContain('Copperline Manufacturing (score 42)');
      expect(answer.rows.map((r) => r.cells.account)).toEqual([
        'Copperline Manufacturing',
        'Lumen Learning Co',
      ]);
      expect(answer.citations).toContainEqual(
        expect.objectContaining({ kind: 'account', label: 'Lumen Learning Co' }),
      );
    });

    it('says plainly that no model is configured, what can be asked instead, and which runs look related', async () => {
      const stream = await events(plain, { question: SPONSOR_QUESTION });
      expect(stream.map((e) => e.event)).toEqual(['done']);
      const answer = doneOf(stream);
      expect(answer.kind).toBe('analytical');
      expect(answer.answer.startsWith(NO_MODEL_ANSWER)).toBe(true);
      expect(answer.answer).toContain('Which accounts are red?');
      // The lexical index found the run whose notes mention the sponsor.
      expect(answer.citations).toContainEqual(
        expect.objectContaining({
          kind: 'playbook_run',
          label: 'VoC Sprint on Granite Peak Software (completed, met)',
        }),
      );
    });

    it('uses the previous turn for a follow-up', async () => {
      const first = doneOf(await events(plain, { question: RED_QUESTION }));
      const follow = doneOf(await events(plain, { question: 'Why is it red?', context: first.context }));
      expect(follow).toMatchObject({ kind: 'deterministic', template: 4 });
      expect(follow.answer).toContain('Copperline Manufacturing');
    });
  });

  describe('with a language model', () => {
    it('still answers a deterministic question itself, without calling the model', async () => {
      const before = openai.chatRequests().length;
      const answer = doneOf(await events(withModel, { question: RED_QUESTION }));
      expect(answer.template).toBe(1);
      expect(openai.chatRequests()).toHaveLength(before);
    });

    it('streams the text as deltas, in order, and ends with the same text in done', async () => {
      openai.script([{ text: ['Enterprise accounts ', 'are mostly ', 'healthy.'] }]);
      const stream = await events(withModel, {
        question: ANALYTICAL,
        history: [
          { role: 'user', text: 'Hi' },
          { role: 'assistant', text: 'Hello!' },
        ],
      });
      expect(stream.map((e) => e.event)).toEqual(['delta', 'delta', 'delta', 'done']);
      expect(textOf(stream)).toEqual(['Enterprise accounts ', 'are mostly ', 'healthy.']);
      expect(doneOf(stream)).toMatchObject({
        kind: 'analytical',
        template: null,
        answer: 'Enterprise accounts are mostly healthy.',
      });

      const [request] = openai.chatRequests().slice(-1);
      expect(request).toMatchObject({ model: 'gpt-4o-mini', stream: true });
      expect(request!.tools?.map((t) => t.function.name)).toContain('accounts_by_status');
      expect(systemText(request!)).toContain('Numbers only from tools');
      expect(request!.messages.slice(-3).map((m) => [m.role, m.content])).toEqual([
        ['user', 'Hi'],
        ['assistant', 'Hello!'],
        ['user', ANALYTICAL],
      ]);
    });

    it('delivers each delta as it is written, before the model has finished', async () => {
      const server = await serveApp(withModel.app);
      try {
        openai.script([{ text: ['First ', 'second ', 'third.'], chunkDelayMs: 250 }]);
        const chat = await openChat(`${server.url}/api/tenants/${tenant.id}/chat`, {
          cookie: tenant.users.csm.cookie,
          origin: TEST_ORIGIN,
          body: { question: ANALYTICAL },
        });
        await chat.next((e) => e.event === 'delta');
        expect(chat.events.some((e) => e.event === 'done')).toBe(false);
        await chat.next((e) => e.event === 'done');
        expect(textOf(chat.events)).toEqual(['First ', 'second ', 'third.']);
        await chat.close();
      } finally {
        await server.close();
      }
    });

    it('runs a tool call whose arguments arrive in pieces, and answers with its numbers and citations', async () => {
      openai.script((body, i) => {
        if (i === 0)
          return {
            toolCalls: [{ id: 'call_red', name: 'accounts_by_status', arguments: '{"statuses": ["red"]}' }],
            fragment: 4,
          };
        // The fake model writes what the tool returned, as a real one would.
        const result = JSON.parse(lastMessage(body).content ?? '{}') as {
          rows: { Account: string; Score: number }[];
        };
        return {
          text: [
            `Red as of 2025-09: `,
            result.rows.map((r) => `${r.Account} (score ${r.Score})`).join(' and '),
            '.',
          ],
        };
      });
      const answer = doneOf(await events(withModel, { question: ANALYTICAL }));
      expect(answer.answer).toBe(
        'Red as of 2025-09: Copperline Manufacturing (score 42) and Lumen Learning Co (score 47).',
      );
      expect(answer.citations.map((c) => c.label)).toEqual([
        '2025-09',
        'Copperline Manufacturing',
        'Lumen Learning Co',
      ]);
      expect(answer.rows.map((r) => r.cells.score)).toEqual([42, 47]);
      expect(answer.context.accountIds).toHaveLength(2);

      const second = openai.chatRequests().slice(-1)[0]!;
      const call = second.messages.find((m) => m.role === 'assistant')?.tool_calls?.[0];
      expect(call).toMatchObject({
        id: 'call_red',
        function: { name: 'accounts_by_status', arguments: '{"statuses": ["red"]}' },
      });
      const toolMessage = lastMessage(second);
      expect(toolMessage).toMatchObject({ role: 'tool', tool_call_id: 'call_red' });
      // The tenant's own data only: no ACME account reaches the model.
      for (const account of otherDocs.accounts) expect(toolMessage.content).not.toContain(account.name);
    });

    it('hands a refused tool call back to the model, which corrects itself', async () => {
      openai.script((body, i) =>
        i === 0
          ? {
              toolCalls: [
                { id: 'c1', name: 'account_health', arguments: '{"accounts": ["Nonexistent Corp"]}' },
              ],
            }
          : i === 1
            ? {
                toolCalls: [
                  { id: 'c2', name: 'account_health', arguments: '{"accounts": ["Riverstone Insurance"]}' },
                ],
              }
            : {
                text: [
                  `Riverstone Insurance: ${JSON.parse(lastMessage(body).content ?? '{}').answer as string}`,
                ],
              },
      );
      const answer = doneOf(await events(withModel, { question: ANALYTICAL }));
      const requests = openai.chatRequests().slice(-3);
      expect(JSON.parse(lastMessage(requests[1]!).content ?? '{}')).toEqual({
        error: expect.stringContaining('Nonexistent Corp'),
      });
      expect(answer.answer).toContain('score of 56');
      expect(answer.citations).toContainEqual(
        expect.objectContaining({ kind: 'account', label: 'Riverstone Insurance' }),
      );
    });

    it('bounds the tool rounds: the last request forbids tools, so the model must answer', async () => {
      openai.script((body) =>
        body.tool_choice === 'none'
          ? { text: ['I could not narrow it down further.'] }
          : { toolCalls: [{ id: `c${body.messages.length}`, name: 'portfolio_summary', arguments: '{}' }] },
      );
      const before = openai.chatRequests().length;
      const answer = doneOf(await events(withModel, { question: ANALYTICAL }));
      const requests = openai.chatRequests().slice(before);
      expect(requests).toHaveLength(TOOL_ROUNDS + 1);
      expect(requests.map((r) => r.tool_choice)).toEqual([
        ...Array<string>(TOOL_ROUNDS).fill('auto'),
        'none',
      ]);
      expect(answer.answer).toBe('I could not narrow it down further.');
    });

    it.each(['embedded', 'qdrant'] as const)(
      'puts the run notes retrieval finds (%s index) before the model, and cites the run it names',
      async (index) => {
        const harness = index === 'qdrant' ? modelApp({ QDRANT_URL: qdrant.url }) : withModel;
        let seen = '';
        openai.script((body) => {
          seen = systemText(body);
          return {
            text: [
              'In the VoC Sprint on Granite Peak Software the team interviewed 5 users and the sponsor.',
            ],
          };
        });
        const answer = doneOf(await events(harness, { question: SPONSOR_QUESTION }));
        expect(seen).toContain('Interviewed 5 users and the sponsor.');
        expect(seen).toContain('run "VoC Sprint on Granite Peak Software (completed, met)"');
        expect(answer.citations).toEqual([
          expect.objectContaining({
            kind: 'playbook_run',
            label: 'VoC Sprint on Granite Peak Software (completed, met)',
          }),
        ]);
        if (index === 'qdrant')
          expect(qdrant.requests.some((r) => r.path.endsWith('/points/query'))).toBe(true);
      },
    );
  });

  describe('when the model fails', () => {
    it('reports an upstream 500 as an error event, after one retry', async () => {
      openai.script([{ status: 500 }, { status: 500 }]);
      const before = openai.chatRequests().length;
      const stream = await events(withModel, { question: ANALYTICAL });
      expect(stream.map((e) => e.event)).toEqual(['error']);
      expect(errorOf(stream)).toEqual({
        code: 'model-failed',
        message: 'The language model failed (HTTP 500). Try again in a moment.',
      });
      expect(openai.chatRequests().length - before).toBe(2);
    });

    it('reports a model that goes silent mid-answer as a timeout, keeping what it streamed', async () => {
      const impatient = modelApp({ OPENAI_TIMEOUT_MS: '300' });
      openai.script([{ text: ['Partly ', 'written'], stallAfterChunks: 2 }]);
      const stream = await events(impatient, { question: ANALYTICAL });
      expect(stream.map((e) => e.event)).toEqual(['delta', 'error']);
      expect(errorOf(stream)).toMatchObject({
        code: 'model-timeout',
        message: expect.stringContaining('did not answer within 1 seconds'),
      });
    });

    it('tells an admin to check the key when the endpoint refuses it', async () => {
      const wrongKey = modelApp({ OPENAI_API_KEY: 'sk-wrong' });
      const stream = await events(wrongKey, { question: ANALYTICAL });
      expect(errorOf(stream)).toMatchObject({
        code: 'model-auth',
        message: expect.stringContaining('OPENAI_API_KEY'),
      });
    });

    it('aborts the upstream request when the device closes the stream', async () => {
      const server = await serveApp(withModel.app);
      try {
        openai.script([{ text: Array.from({ length: 40 }, (_, i) => `word${i} `), chunkDelayMs: 100 }]);
        const chat = await openChat(`${server.url}/api/tenants/${tenant.id}/chat`, {
          cookie: tenant.users.csm.cookie,
          origin: TEST_ORIGIN,
          body: { question: ANALYTICAL },
        });
        await chat.next((e) => e.event === 'delta');
        await chat.close();
        await expect.poll(() => openai.abandoned, { timeout: 3000 }).toEqual([0]);
      } finally {
        await server.close();
      }
    });
  });

  describe('access and input', () => {
    it("refuses another tenant's members with the same 404 as a missing workspace, and leaks nothing", async () => {
      const before = openai.requests.length;
      const res = await ask(withModel, { question: RED_QUESTION }, { cookie: other.users.owner.cookie });
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: 'not-found', message: 'That workspace was not found.' },
      });
      expect(text).not.toContain('Copperline');
      expect(openai.requests.length).toBe(before);
    });

    it('answers each tenant from its own data only', async () => {
      const res = await ask(
        plain,
        { question: RED_QUESTION },
        { tenantId: other.id, cookie: other.users.owner.cookie },
      );
      const answer = doneOf(await readChatEvents(res));
      expect(answer.answer).not.toContain('Copperline');
      const acmeNames = new Set(otherDocs.accounts.map((a) => a.name));
      for (const row of answer.rows) expect(acmeNames.has(String(row.cells.account))).toBe(true);
    });

    it('asks for sign-in first', async () => {
      const res = await ask(plain, { question: RED_QUESTION }, { cookie: '' });
      expect(res.status).toBe(401);
    });

    it('lets a viewer ask (reading is all an answer does)', async () => {
      const res = await ask(plain, { question: RED_QUESTION }, { cookie: tenant.users.viewer.cookie });
      expect(doneOf(await readChatEvents(res)).template).toBe(1);
    });

    it.each<[string, unknown, string]>([
      ['an empty question', { question: '   ' }, 'Ask a question.'],
      ['a missing question', { history: [] }, 'The field "question" is missing.'],
      ['an unknown field', { question: 'Hi', model: 'gpt-5' }, ''],
      ['a question too long', { question: 'x'.repeat(2001) }, ''],
      [
        'too much history',
        { question: 'Hi', history: Array.from({ length: 21 }, () => ({ role: 'user', text: 'x' })) },
        '',
      ],
      ['a malformed context', { question: 'Hi', context: { accountIds: 'all' } }, ''],
    ])('answers %s with a 400 before any stream', async (_case, body, message) => {
      const res = await ask(plain, body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/json');
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe('invalid-input');
      if (message) expect(json.error.message).toBe(message);
    });

    it('answers a body that is not JSON with a 400', async () => {
      const res = await ask(plain, '{"question": ');
      expect(res.status).toBe(400);
    });
  });
});
