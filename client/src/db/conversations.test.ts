import { compareHlc, MERGERS, type ConversationDoc, type Hlc } from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConversation,
  deleteConversation,
  putMessages,
  replyId,
  titleFor,
  type MessageDraft,
} from './conversations';
import { openTenantDatabase, type VitalsDatabase } from './database';
import { syncStatus } from './sync-status';

const AT = '2025-10-01T09:00:00.000Z';
const LATER = '2025-10-01T09:05:00.000Z';

function question(id: string, overrides: Partial<MessageDraft> = {}): MessageDraft {
  return {
    id,
    role: 'user',
    text: 'Which accounts are red?',
    kind: 'deterministic',
    template: 1,
    status: 'answered',
    createdAt: AT,
    ...overrides,
  };
}

function reply(questionId: string, overrides: Partial<MessageDraft> = {}): MessageDraft {
  return {
    id: replyId(questionId),
    role: 'assistant',
    text: '2 accounts are red: Kestrel Biotech and Orion Freight.',
    kind: 'deterministic',
    template: 1,
    status: 'answered',
    createdAt: AT,
    citations: [{ kind: 'account', ref: 'acc-1', label: 'Kestrel Biotech' }],
    ...overrides,
  };
}

async function stored(db: VitalsDatabase, id: string): Promise<ConversationDoc | null> {
  const doc = await db.conversations.findOne(id).exec();
  return doc ? (doc.toJSON() as unknown as ConversationDoc) : null;
}

// The real device database (RxDB on Dexie) over fake-indexeddb.
describe('conversations on the device', () => {
  let db: VitalsDatabase;

  beforeAll(async () => {
    db = await openTenantDatabase('user-1', `tenant-${Date.now()}`);
  });
  afterAll(() => db.remove());

  it.each([
    ['Which accounts are red?', 'Which accounts are red?'],
    ['  Health\n of   Kestrel  ', 'Health of Kestrel'],
    [`Why ${'very '.repeat(30)}red?`, expect.stringMatching(/^Why (very )+very…$/)],
    ['   ', 'New conversation'],
  ])('titles %j as %j', (text, title) => {
    const made = titleFor(text);
    expect(made).toEqual(title);
    expect(made.length).toBeLessThanOrEqual(80);
  });

  it('stores a new conversation with stamped messages, in order, and counts it as waiting to sync', async () => {
    const pending = syncStatus.pending();
    const doc = await createConversation(db, 'user-1', [reply('q1'), question('q1')], AT);
    expect(doc.title).toBe('Which accounts are red?');
    expect(doc.messages.map((m) => m.id)).toEqual(['q1', 'q1-r']);
    expect(doc.messages.every((m) => typeof m.hlc === 'string' && m.hlc.length > 0)).toBe(true);
    expect(doc.messages[1]!.citations).toEqual([{ kind: 'account', ref: 'acc-1', label: 'Kestrel Biotech' }]);
    expect(doc.clocks.title).toBeDefined();
    expect(syncStatus.pending()).toBe(pending + 1);
    expect(await stored(db, doc.id)).toMatchObject({ userId: 'user-1', updatedAt: AT });
  });

  it('replaces a queued question by its answer, stamping only the messages that changed', async () => {
    const doc = await createConversation(
      db,
      'user-1',
      [
        question('q2', {
          status: 'queued',
          kind: 'analytical',
          template: null,
          text: 'Why is churn rising?',
        }),
      ],
      AT,
    );
    const queuedStamp = doc.messages[0]!.hlc;
    const next = await putMessages(
      db,
      doc.id,
      [
        { ...doc.messages[0]!, status: 'answered' },
        reply('q2', {
          text: 'Churn is rising because…',
          kind: 'analytical',
          template: null,
          createdAt: LATER,
        }),
      ],
      LATER,
    );
    expect(next.messages.map((m) => [m.id, m.status])).toEqual([
      ['q2', 'answered'],
      ['q2-r', 'answered'],
    ]);
    expect(compareHlc(next.messages[0]!.hlc, queuedStamp)).toBeGreaterThan(0);
    expect(next.updatedAt).toBe(LATER);
    // A question asked on another device meanwhile survives the merge with this copy.
    const elsewhere: ConversationDoc = {
      ...doc,
      messages: [
        ...doc.messages,
        { ...question('q3'), createdAt: LATER, hlc: '000000000000001-000000-otherDevice' as Hlc },
      ],
    };
    const merged = MERGERS.conversations(next, elsewhere);
    expect(merged.messages.map((m) => [m.id, m.status])).toEqual([
      ['q2', 'answered'],
      ['q2-r', 'answered'],
      ['q3', 'answered'],
    ]);
  });

  it('refuses a message the schema does not allow, and stores nothing', async () => {
    const doc = await createConversation(db, 'user-1', [question('q4')], AT);
    await expect(putMessages(db, doc.id, [reply('q4', { text: 'x'.repeat(8001) })])).rejects.toThrow(
      /could not be saved/,
    );
    expect((await stored(db, doc.id))?.messages.map((m) => m.id)).toEqual(['q4']);
  });

  it('deletes with a tombstone that wins over every copy made before it', async () => {
    const doc = await createConversation(db, 'user-1', [question('q5'), reply('q5')], AT);
    const deleted = await deleteConversation(db, doc.id);
    expect(deleted._deleted).toBe(true);
    const stamp = deleted.clocks._deleted!;
    for (const m of doc.messages) expect(compareHlc(stamp, m.hlc)).toBeGreaterThan(0);
    expect(await stored(db, doc.id)).toBeNull();
    // Another device still holding the conversation: the merge keeps it deleted.
    expect(MERGERS.conversations(doc, deleted)._deleted).toBe(true);
  });
});
