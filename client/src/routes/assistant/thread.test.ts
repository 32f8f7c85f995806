import type { AssistantAnswer, ConversationMessage, Hlc, TurnContext } from '@vitals/shared';
import { describe, expect, it, vi } from 'vitest';
import { chatRequest, contextBefore, REPLAY_LIMIT, replayAnswers, turnsOf, type Answerer } from './thread';

const HLC = '000001759309200-000000-device' as Hlc;

function message(
  id: string,
  role: 'user' | 'assistant',
  text: string,
  status: ConversationMessage['status'] = 'answered',
): ConversationMessage {
  return {
    id,
    role,
    text,
    kind: 'deterministic',
    template: 3,
    status,
    createdAt: '2025-10-01T09:00:00.000Z',
    hlc: HLC,
  };
}

function context(accountIds: string[]): TurnContext {
  return { accountIds, kpi: null, playbookId: null, segment: null, ownerId: null, period: null };
}

function answer(text: string, accountIds: string[]): AssistantAnswer {
  return {
    kind: 'deterministic',
    template: 3,
    answer: text,
    columns: [],
    rows: [],
    chart: null,
    citations: [],
    context: context(accountIds),
  };
}

/** An engine that remembers which context each question was asked with. */
function recordingEngine(): { answer: Answerer; calls: [string, TurnContext | null][] } {
  const calls: [string, TurnContext | null][] = [];
  return {
    calls,
    answer: (question, previous) => {
      calls.push([question, previous]);
      return answer(`about ${question}`, [question]);
    },
  };
}

describe('a conversation as turns', () => {
  it('pairs each question with its reply and keeps a question without one', () => {
    const turns = turnsOf([
      message('a', 'user', 'Health of Kestrel'),
      message('b', 'user', 'Why is it red?', 'queued'),
      message('a-r', 'assistant', 'Kestrel is red.'),
    ]);
    expect(turns.map((t) => [t.question.id, t.reply?.id ?? null])).toEqual([
      ['a', 'a-r'],
      ['b', null],
    ]);
  });

  it('drops a reply whose question it does not hold', () => {
    expect(turnsOf([message('x-r', 'assistant', 'Orphan')])).toEqual([]);
  });
});

describe('follow-up context', () => {
  const turns = turnsOf(['q1', 'q2', 'q3'].map((id) => message(id, 'user', id)));

  it('asks earlier questions again in order, each with the context of the one before', () => {
    const engine = recordingEngine();
    expect(contextBefore(turns, 2, new Map(), engine.answer)).toEqual(context(['q2']));
    expect(engine.calls).toEqual([
      ['q1', null],
      ['q2', context(['q1'])],
    ]);
  });

  it('uses the answers this tab already has instead of asking again', () => {
    const engine = recordingEngine();
    const known = new Map([['q2', answer('given', ['acc-9'])]]);
    const replayed = replayAnswers(turns, known, engine.answer);
    expect(replayed.get('q2')?.answer).toBe('given');
    expect(engine.calls).toEqual([
      ['q1', null],
      ['q3', context(['acc-9'])],
    ]);
  });

  it('has no context for the first question, and replays at most the last few', () => {
    const engine = recordingEngine();
    expect(contextBefore(turns, 0, new Map(), engine.answer)).toBeNull();
    const many = turnsOf(
      Array.from({ length: REPLAY_LIMIT + 5 }, (_, i) => message(`m${i}`, 'user', `m${i}`)),
    );
    const spy = vi.fn(engine.answer);
    replayAnswers(many, new Map(), spy);
    expect(spy).toHaveBeenCalledTimes(REPLAY_LIMIT);
    expect(spy.mock.calls[0]![0]).toBe('m5');
  });
});

describe('the request for the server', () => {
  it('sends the question, its context and what was said before, without failed replies', () => {
    const turns = turnsOf([
      message('q1', 'user', 'Health of Kestrel'),
      message('q1-r', 'assistant', 'Kestrel is red (38).'),
      message('q2', 'user', 'Why?', 'error'),
      message('q2-r', 'assistant', 'The model is not configured.', 'error'),
      message('q3', 'user', 'What should we do about it?', 'queued'),
    ]);
    expect(chatRequest(turns, 2, context(['acc-1']))).toEqual({
      question: 'What should we do about it?',
      context: context(['acc-1']),
      history: [
        { role: 'user', text: 'Health of Kestrel' },
        { role: 'assistant', text: 'Kestrel is red (38).' },
        { role: 'user', text: 'Why?' },
      ],
    });
  });

  it('keeps the most recent history within the protocol limit', () => {
    const turns = turnsOf(Array.from({ length: 30 }, (_, i) => message(`m${i}`, 'user', `question ${i}`)));
    const history = chatRequest(turns, 29, null).history;
    expect(history).toHaveLength(20);
    expect(history[19]).toEqual({ role: 'user', text: 'question 28' });
  });
});
