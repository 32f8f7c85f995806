import type { AssistantAnswer, ChatRequest, ConversationDoc, Hlc } from '@vitals/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, OFFLINE_MESSAGE } from '../../api/http';
import { createConversation, type MessageDraft } from '../../db/conversations';
import { openTenantDatabase, type VitalsDatabase } from '../../db/database';
import {
  cancelRetry,
  drainOutbox,
  hasQueuedHint,
  queuedQuestions,
  sending,
  setQueuedHint,
  type OutboxDeps,
} from './outbox';

const USER = 'user-1';

function queued(id: string, text: string, minute: number): MessageDraft {
  return {
    id,
    role: 'user',
    text,
    kind: 'analytical',
    template: null,
    status: 'queued',
    createdAt: `2025-10-01T09:${String(minute).padStart(2, '0')}:00.000Z`,
  };
}

function modelAnswer(text: string): AssistantAnswer {
  return {
    kind: 'analytical',
    template: null,
    answer: text,
    columns: [],
    rows: [],
    chart: null,
    citations: [{ kind: 'account', ref: 'acc-1', label: 'Kestrel Biotech' }],
    context: {
      accountIds: ['acc-1'],
      kpi: null,
      playbookId: null,
      segment: null,
      ownerId: null,
      period: null,
    },
  };
}

async function read(db: VitalsDatabase, id: string): Promise<ConversationDoc> {
  return (await db.conversations.findOne(id).exec())!.toJSON() as unknown as ConversationDoc;
}

function statuses(doc: ConversationDoc): [string, string, string][] {
  return doc.messages.map((m) => [m.id, m.status, m.text]);
}

// The real device database over fake-indexeddb; the server is a function the test scripts.
describe('the queue of questions for the server', () => {
  let db: VitalsDatabase;
  const asked: string[] = [];
  const answered = new Map<string, AssistantAnswer>();

  function deps(
    ask: (request: ChatRequest, onText: (text: string) => void) => Promise<AssistantAnswer>,
  ): OutboxDeps {
    return {
      db,
      userId: USER,
      prepare: (_conversation, question) => ({ question: question.text, context: null, history: [] }),
      ask: async (request, onText) => {
        asked.push(request.question);
        return ask(request, onText);
      },
      onAnswer: (id, answer) => answered.set(id, answer),
      now: () => '2025-10-01T10:00:00.000Z',
    };
  }

  beforeAll(async () => {
    db = await openTenantDatabase(USER, `tenant-${Date.now()}`);
  });
  afterEach(async () => {
    cancelRetry();
    asked.length = 0;
    answered.clear();
    await db.conversations.find().remove();
  });
  afterAll(() => db.remove());

  it('sends queued questions oldest first, across conversations, and replaces "queued" with each answer', async () => {
    const first = await createConversation(db, USER, [
      queued('a1', 'Why is churn rising?', 1),
      queued('a3', 'And in SMB?', 3),
    ]);
    const second = await createConversation(db, USER, [queued('a2', 'What changed for Orion?', 2)]);
    setQueuedHint(db.name, true);
    const streamed: string[] = [];
    const result = await drainOutbox(
      deps(async (request, onText) => {
        onText('Because');
        streamed.push(sending()?.text ?? '');
        return modelAnswer(`Answer to ${request.question}`);
      }),
    );
    expect(result).toBe('done');
    expect(asked).toEqual(['Why is churn rising?', 'What changed for Orion?', 'And in SMB?']);
    expect(streamed).toEqual(['Because', 'Because', 'Because']);
    expect(sending()).toBeNull();
    expect(statuses(await read(db, first.id))).toEqual([
      ['a1', 'answered', 'Why is churn rising?'],
      ['a3', 'answered', 'And in SMB?'],
      ['a1-r', 'answered', 'Answer to Why is churn rising?'],
      ['a3-r', 'answered', 'Answer to And in SMB?'],
    ]);
    expect((await read(db, second.id)).messages[1]).toMatchObject({
      id: 'a2-r',
      citations: [{ kind: 'account', ref: 'acc-1', label: 'Kestrel Biotech' }],
    });
    expect([...answered.keys()]).toEqual(['a1', 'a2', 'a3']);
    expect(hasQueuedHint(db.name)).toBe(false);
  });

  it('stops at the first question that finds no connection and keeps the rest queued, in order', async () => {
    const doc = await createConversation(db, USER, [queued('b1', 'One', 1), queued('b2', 'Two', 2)]);
    setQueuedHint(db.name, true);
    const result = await drainOutbox(
      deps(async () => {
        throw new HttpError(0, 'offline', OFFLINE_MESSAGE);
      }),
    );
    expect(result).toBe('offline');
    expect(asked).toEqual(['One']);
    expect(statuses(await read(db, doc.id)).map(([id, status]) => [id, status])).toEqual([
      ['b1', 'queued'],
      ['b2', 'queued'],
    ]);
    expect(hasQueuedHint(db.name)).toBe(true);
    expect((await queuedQuestions(db, USER)).map((q) => q.question.id)).toEqual(['b1', 'b2']);
  });

  it('tries again by itself when the server could not be reached, and then answers', async () => {
    const doc = await createConversation(db, USER, [queued('r1', 'One', 1)]);
    let attempts = 0;
    const result = await drainOutbox({
      ...deps(async () => {
        if (++attempts === 1) throw new HttpError(0, 'offline', OFFLINE_MESSAGE);
        return modelAnswer('Answered on the second try');
      }),
      retryFirstMs: 20,
    });
    expect(result).toBe('offline');
    await expect
      .poll(async () => (await read(db, doc.id)).messages.map((m) => m.status), { timeout: 5_000 })
      .toEqual(['answered', 'answered']);
    expect(attempts).toBe(2);
  });

  it("records the server's error on the question, with its words, and goes on with the next", async () => {
    const doc = await createConversation(db, USER, [queued('c1', 'One', 1), queued('c2', 'Two', 2)]);
    const result = await drainOutbox(
      deps(async (request) => {
        if (request.question === 'One')
          throw new HttpError(
            200,
            'model-unavailable',
            'The assistant’s model is not configured on this server.',
          );
        return modelAnswer('Fine');
      }),
    );
    expect(result).toBe('done');
    expect(statuses(await read(db, doc.id))).toEqual([
      ['c1', 'error', 'One'],
      ['c2', 'answered', 'Two'],
      ['c1-r', 'error', 'The assistant’s model is not configured on this server.'],
      ['c2-r', 'answered', 'Fine'],
    ]);
  });

  it('leaves questions queued when the session has ended, to be sent after signing in again', async () => {
    const doc = await createConversation(db, USER, [queued('d1', 'One', 1)]);
    const result = await drainOutbox(
      deps(async () => {
        throw new HttpError(401, 'session-expired', 'Your session has ended.');
      }),
    );
    expect(result).toBe('signed-out');
    expect((await read(db, doc.id)).messages.map((m) => m.status)).toEqual(['queued']);
  });

  it('leaves questions queued on another device to that device', async () => {
    const foreign = '000001759309200-000000-otherDevice' as Hlc;
    await db.conversations.insert({
      id: 'elsewhere',
      userId: USER,
      title: 'From the phone',
      messages: [{ ...queued('e1', 'Asked on the phone', 1), hlc: foreign }],
      updatedAt: '2025-10-01T09:01:00.000Z',
      clocks: { title: foreign },
      _deleted: false,
    } as never);
    expect(await drainOutbox(deps(async () => modelAnswer('x')))).toBe('done');
    expect(asked).toEqual([]);
  });

  it('asks each question once when several drains start together', async () => {
    const doc = await createConversation(db, USER, [queued('f1', 'One', 1), queued('f2', 'Two', 2)]);
    const slow = deps(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return modelAnswer(`Answer to ${request.question}`);
    });
    const results = await Promise.all([drainOutbox(slow), drainOutbox(slow), drainOutbox(slow)]);
    expect(results).toEqual(['done', 'done', 'done']);
    expect(asked).toEqual(['One', 'Two']);
    expect((await read(db, doc.id)).messages.map((m) => m.status)).toEqual([
      'answered',
      'answered',
      'answered',
      'answered',
    ]);
  });
});
