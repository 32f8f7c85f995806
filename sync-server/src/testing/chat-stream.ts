/** Reading the chat route's server-sent events (`event:` + `data:` frames) back into `ChatEvent`s. */
import type { ChatEvent } from '@vitals/shared';

export interface ChatFrame {
  readonly event: string;
  readonly data: unknown;
}

/** Frames out of SSE text; a trailing partial frame stays in `rest`. */
export function parseFrames(text: string): { frames: ChatFrame[]; rest: string } {
  const frames: ChatFrame[] = [];
  const parts = text.split('\n\n');
  const rest = parts.pop() ?? '';
  for (const part of parts) {
    const lines = part.split('\n');
    const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
    const data = lines
      .filter((l) => l.startsWith('data: '))
      .map((l) => l.slice(6))
      .join('\n');
    frames.push({ event, data: data === '' ? null : (JSON.parse(data) as unknown) });
  }
  return { frames, rest };
}

/** Every event of a finished response, in order. */
export async function readChatEvents(response: Response): Promise<ChatEvent[]> {
  const { frames, rest } = parseFrames(await response.text());
  if (rest.trim() !== '') throw new Error(`The stream ended inside a frame: ${rest}`);
  return frames as ChatEvent[];
}

export interface LiveChat {
  readonly status: number;
  readonly events: ChatEvent[];
  /** Resolves once an event matches (from the start), or rejects after `timeoutMs`. */
  next(predicate: (event: ChatEvent) => boolean, timeoutMs?: number): Promise<ChatEvent>;
  /** Closes the connection, as a device does when the user leaves. */
  close(): Promise<void>;
}

/**
 * A chat request over real HTTP, read as it streams. Closing cancels the body's reader rather than aborting
 * the fetch: on Node 20, an abort that lands just as the body completes can leave the read pending forever.
 * Cancelling closes the connection all the same, which is what the server notices.
 */
export async function openChat(
  url: string,
  init: { cookie: string; origin: string; body: unknown },
): Promise<LiveChat> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      cookie: init.cookie,
      origin: init.origin,
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body: JSON.stringify(init.body),
  });
  const events: ChatEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body?.getReader() ?? null;
  let cancelled = false;
  const reading = (async () => {
    if (!reader) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const parsed = parseFrames(buffer + decoder.decode(value, { stream: true }));
        buffer = parsed.rest;
        events.push(...(parsed.frames as ChatEvent[]));
        for (const wake of waiters) wake();
      }
    } catch (error) {
      if (!cancelled) throw error;
    }
  })();
  return {
    status: response.status,
    events,
    next(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = events.find(predicate);
          if (found) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(found);
          }
          return found !== undefined;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `No matching chat event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async close() {
      cancelled = true;
      await reader?.cancel();
      await reading;
    },
  };
}
