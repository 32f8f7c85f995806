import type { AssistantAnswer, ConversationDoc, TurnContext } from '@vitals/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTenantDatabase, type VitalsDatabase } from '../../db/database';
import { ask, questionProblem, retry, type AskDeps } from './ask';
import { hasQueuedHint, setQueuedHint } from './outbox';

const USER = 'user-1';
const NOW = '2025-10-01T09:00:00.000Z';

function context(accountIds: string[]): TurnContext {
  return { accountIds, kpi: null, playbookId: null, segment: null, ownerId: null, period: null };
}

function engineAnswer(question: string, previous: TurnContext | null): AssistantAnswer {
  const deterministic = question.startsWith('Which');
  return {
    kind: deterministic ? 'deterministic' : 'analytical',
    template: deterministic ? 1 : null,
    answer: deterministic
      ? `2 accounts are red${previous ? ' (follow-up)' : ''}.`
      : 'The assistant’s model will answer this.',
    columns: [{ key: 'name', label: 'Account' }],
    rows: [{ accountId: 'acc-1', cells: { name: 'Kestrel Biotech' } }],
    chart: null,
    citations: [{ kind: 'account', ref: 'acc-1', label: 'Kestrel Biotech' }],
    context: context(['acc-1']),
  };
}

async function read(db: VitalsDatabase, id: string): Promise<ConversationDoc> {
  return (await db.conversations.findOne(id).exec())!.toJSON() as unknown as ConversationDoc;
}

describe('asking a question', () => {
  let db: VitalsDatabase;
  const remembered = new Map<string, AssistantAnswer>();
  const contexts: (TurnContext | null)[] = [];
  const deps = (overrides: Partial<AskDeps> = {}): AskDeps => ({
    db,
    userId: USER,
    answerHere: (question, previous) => {
      contexts.push(previous);
      return engineAnswer(question, previous);
    },
    contextAfter: (turns) => (turns.length ? context([`after-${turns.length}`]) : null),
    onAnswer: (id, answer) => remembered.set(id, answer),
    now: () => NOW,
    ...overrides,
  });

  beforeAll(async () => {
    db = await openTenantDatabase(USER, `tenant-${Date.now()}`);
  });
  beforeEach(() => {
    remembered.clear();
    contexts.length = 0;
    setQueuedHint(db.name, false);
  });
  afterAll(() => db.remove());

  it.each([
    ['an empty question', '', 'Type a question first.'],
    ['only spaces', '   ', 'Type a question first.'],
    [
      'a question over the limit',
      'x'.repeat(2001),
      'Questions can be up to 2000 characters; this one has 2001.',
    ],
    ['a question', 'Which accounts are red?', null],
  ])('checks %s', (_name, text, problem) => {
    expect(questionProblem(text)).toBe(problem);
  });

  it('answers a template question on the device at once and stores question and answer', async () => {
    const asked = await ask(deps(), null, '  Which accounts are red? ');
    expect(asked.queued).toBe(false);
    const doc = await read(db, asked.conversationId);
    expect(doc.title).toBe('Which accounts are red?');
    expect(doc.messages).toMatchObject([
      {
        id: asked.questionId,
        role: 'user',
        text: 'Which accounts are red?',
        kind: 'deterministic',
        template: 1,
        status: 'answered',
      },
      {
        id: `${asked.questionId}-r`,
        role: 'assistant',
        text: '2 accounts are red.',
        status: 'answered',
        citations: [{ ref: 'acc-1' }],
      },
    ]);
    expect(remembered.get(asked.questionId)?.rows).toHaveLength(1);
    expect(hasQueuedHint(db.name)).toBe(false);
  });

  it('follows up with the context of the conversation so far', async () => {
    const first = await ask(deps(), null, 'Which accounts are red?');
    const doc = await read(db, first.conversationId);
    // A minute later: messages are in the order they were asked.
    const next = await ask(deps({ now: () => '2025-10-01T09:01:00.000Z' }), doc, 'Which of them renew soon?');
    expect(next.conversationId).toBe(first.conversationId);
    expect(contexts).toEqual([null, context(['after-1'])]);
    expect((await read(db, first.conversationId)).messages.map((m) => m.text)).toEqual([
      'Which accounts are red?',
      '2 accounts are red.',
      'Which of them renew soon?',
      '2 accounts are red (follow-up).',
    ]);
  });

  it('queues any other question for the server and leaves the hint for the reconnect', async () => {
    const asked = await ask(deps(), null, 'Why is churn rising in SMB?');
    expect(asked.queued).toBe(true);
    expect((await read(db, asked.conversationId)).messages).toMatchObject([
      { kind: 'analytical', template: null, status: 'queued' },
    ]);
    expect(remembered.size).toBe(0);
    expect(hasQueuedHint(db.name)).toBe(true);
  });

  it('sends everything to the server while the device holds no data yet', async () => {
    const asked = await ask(deps({ answerHere: null }), null, 'Which accounts are red?');
    expect(asked.queued).toBe(true);
    expect((await read(db, asked.conversationId)).messages).toMatchObject([{ kind: null, status: 'queued' }]);
  });

  it('puts a failed question back in the queue to try again', async () => {
    const asked = await ask(deps(), null, 'Why is churn rising?');
    const doc = await read(db, asked.conversationId);
    const failed: ConversationDoc = {
      ...doc,
      messages: doc.messages.map((m) => ({ ...m, status: 'error' as const })),
    };
    setQueuedHint(db.name, false);
    await retry(db, failed, asked.questionId);
    expect((await read(db, asked.conversationId)).messages[0]!.status).toBe('queued');
    expect(hasQueuedHint(db.name)).toBe(true);
  });

  it('refuses an empty question and stores nothing', async () => {
    const before = await db.conversations.count().exec();
    await expect(ask(deps(), null, '  ')).rejects.toThrow('Type a question first.');
    expect(await db.conversations.count().exec()).toBe(before);
  });
});
