import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { turnContextSchema } from './chat-protocol';
import { emptyTurnContext, sanitizeTurnContext } from './context';

describe('turn contexts', () => {
  it('start empty, and the empty one passes the chat protocol schema', () => {
    expect(v.safeParse(turnContextSchema, emptyTurnContext()).success).toBe(true);
  });

  it('keep what is well formed', () => {
    const context = {
      accountIds: ['a', 'b'],
      kpi: 'nps',
      playbookId: 'voc-sprint',
      segment: 'SMB',
      ownerId: 'u1',
      period: { from: '2025-06', to: '2025-09' },
      template: 5,
      settings: { n: 3, statuses: ['red'], direction: 'worse', groupBy: 'segment', days: 60 },
    };
    expect(sanitizeTurnContext(context)).toEqual(context);
    expect(v.safeParse(turnContextSchema, context).success).toBe(true);
  });

  it('drop what a template could not trust, without failing', () => {
    const dirty = {
      accountIds: ['a', 42, 'x'.repeat(81)],
      kpi: 'happiness',
      playbookId: 'churn-buster',
      segment: '',
      ownerId: 7,
      period: { from: '2025-09', to: '2025-06' },
      template: 17,
      settings: { n: 0, statuses: ['purple'], days: 1.5 },
    };
    expect(sanitizeTurnContext(dirty)).toEqual({ ...emptyTurnContext(), accountIds: ['a'] });
    expect(sanitizeTurnContext('not a context')).toEqual(emptyTurnContext());
    expect(sanitizeTurnContext(null)).toEqual(emptyTurnContext());
  });
});
