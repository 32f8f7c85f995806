import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from './http';
import { createSseParser, postEventStream, type SseMessage } from './sse';

function parse(chunks: readonly string[]): SseMessage[] {
  const out: SseMessage[] = [];
  const parser = createSseParser((m) => out.push(m));
  for (const chunk of chunks) parser.push(chunk);
  return out;
}

describe('reading an event stream', () => {
  it.each([
    ['one message', ['event: delta\ndata: {"text":"Hi"}\n\n'], [{ event: 'delta', data: '{"text":"Hi"}' }]],
    ['split anywhere', ['ev', 'ent: done\nda', 'ta: 1\n', '\n'], [{ event: 'done', data: '1' }]],
    ['CRLF line ends split between CR and LF', ['data: a\r', '\n\r\n'], [{ event: 'message', data: 'a' }]],
    ['several data lines', ['data: a\ndata: b\n\n'], [{ event: 'message', data: 'a\nb' }]],
    ['comments and ids ignored', [': keep-alive\nid: 7\nevent: x\ndata: y\n\n'], [{ event: 'x', data: 'y' }]],
    ['no space after the colon', ['event:x\ndata:y\n\n'], [{ event: 'x', data: 'y' }]],
    ['an unfinished message is not delivered', ['event: x\ndata: y\n'], []],
  ])('%s', (_name, chunks, expected) => {
    expect(parse(chunks)).toEqual(expected);
  });
});

describe('posting for an event stream', () => {
  afterEach(() => vi.unstubAllGlobals());

  const stream = (text: string, status = 200): Response =>
    new Response(text, {
      status,
      headers: { 'content-type': status === 200 ? 'text/event-stream' : 'application/json' },
    });

  it('hands each message to the listener', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => stream('event: delta\ndata: {"text":"a"}\n\nevent: done\ndata: {}\n\n')),
    );
    const seen: string[] = [];
    await postEventStream('/chat', { question: 'q' }, (m) => seen.push(m.event));
    expect(seen).toEqual(['delta', 'done']);
  });

  it('fails as offline when there is no connection', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(postEventStream('/chat', {}, () => undefined)).rejects.toMatchObject({
      code: 'offline',
      offline: true,
    });
  });

  it("fails with the server's error for a refused request", async () => {
    const body = JSON.stringify({
      error: { code: 'rate-limited', message: 'Too many questions; wait a minute.' },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => stream(body, 429)),
    );
    const error = await postEventStream('/chat', {}, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      status: 429,
      code: 'rate-limited',
      message: 'Too many questions; wait a minute.',
    });
  });

  it('fails as offline when the connection drops mid-stream', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // The first read gets a message, the second finds the connection gone.
        if (pulls++ === 0)
          controller.enqueue(new TextEncoder().encode('event: delta\ndata: {"text":"a"}\n\n'));
        else controller.error(new TypeError('network error'));
      },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } })),
    );
    const seen: string[] = [];
    await expect(postEventStream('/chat', {}, (m) => seen.push(m.event))).rejects.toMatchObject({
      code: 'offline',
    });
    expect(seen).toEqual(['delta']);
  });
});
