import { afterEach, describe, expect, it, vi } from 'vitest';
import { askServer, chatPath } from './chat';

const ANSWER = {
  kind: 'analytical',
  template: null,
  answer: 'Renewals are steady.',
  columns: [],
  rows: [],
  chart: null,
  citations: [{ kind: 'account', ref: 'acc-1', label: 'Kestrel Biotech' }],
  context: { accountIds: ['acc-1'], kpi: null, playbookId: null, segment: null, ownerId: null, period: null },
};

function serve(events: readonly [string, unknown][]): ReturnType<typeof vi.fn> {
  const text = events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
  const fetch = vi.fn(async () => new Response(text, { headers: { 'content-type': 'text/event-stream' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const REQUEST = { question: 'Why?', context: null, history: [] };

describe("the assistant's server call", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts the question to the tenant’s chat route and streams the text, then resolves with the answer', async () => {
    const fetch = serve([
      ['delta', { text: 'Renewals ' }],
      ['delta', { text: 'are steady.' }],
      ['done', ANSWER],
    ]);
    const seen: string[] = [];
    await expect(askServer('t 1', REQUEST, (text) => seen.push(text))).resolves.toEqual(ANSWER);
    expect(seen).toEqual(['Renewals ', 'Renewals are steady.']);
    expect(fetch).toHaveBeenCalledWith(
      chatPath('t 1'),
      expect.objectContaining({ method: 'POST', body: JSON.stringify(REQUEST) }),
    );
    expect(chatPath('t 1')).toBe('/api/tenants/t%201/chat');
  });

  it("rejects with the server's code and words for an error event", async () => {
    serve([
      ['delta', { text: 'Ren' }],
      ['error', { code: 'model-timeout', message: 'The language model did not answer within 30 seconds.' }],
    ]);
    await expect(askServer('t1', REQUEST, () => undefined)).rejects.toMatchObject({
      code: 'model-timeout',
      message: 'The language model did not answer within 30 seconds.',
      offline: false,
    });
  });

  it.each([
    ['ends without an answer', [['delta', { text: 'Ren' }]]],
    ['sends an answer it cannot read', [['done', { answer: 42 }]]],
  ] as [string, [string, unknown][]][])(
    'says the answer was cut off when the stream %s',
    async (_name, events) => {
      serve(events);
      await expect(askServer('t1', REQUEST, () => undefined)).rejects.toThrow(
        'The answer was cut off before it was complete. Please try again.',
      );
    },
  );
});
