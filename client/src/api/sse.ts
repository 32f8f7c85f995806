/**
 * Reading a Server-Sent Events answer to a POST (EventSource can only GET). The request and its failures go
 * through http.ts, so a stream fails the way every other call does: `HttpError('offline')` without a
 * connection (also when it drops mid-stream), the server's `{ error }` otherwise, and "sign in again"
 * when the session ended.
 */
import { failure, HttpError, offlineError, send, type RequestOptions } from './http';

export interface SseMessage {
  readonly event: string;
  readonly data: string;
}

export interface SseParser {
  /** Feeds decoded text; complete messages are handed to the listener at once. */
  push(text: string): void;
}

/**
 * The text/event-stream format (WHATWG HTML §9.2.6) for what a server sends: `event:` and `data:` lines
 * (several `data:` lines join with "\n"), a blank line ends a message, lines starting with ":" are comments,
 * and CRLF, CR or LF end a line. `id:` and `retry:` mean nothing to a one-shot answer and are ignored.
 */
export function createSseParser(listener: (message: SseMessage) => void): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  // A chunk may end between the CR and LF of one line ending.
  let skipLf = false;
  const line = (text: string): void => {
    if (text === '') {
      if (data.length > 0) listener({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  return {
    push(text) {
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (skipLf) {
          skipLf = false;
          if (c === '\n') {
            start = i + 1;
            continue;
          }
        }
        if (c === '\n' || c === '\r') {
          line(buffer.slice(start, i));
          skipLf = c === '\r';
          start = i + 1;
        }
      }
      buffer = buffer.slice(start);
    },
  };
}

/**
 * POSTs `body` and hands every message of the event stream to `listener` until the server ends it.
 * Rejects with the server's error for a non-2xx answer, and with `HttpError('offline')` when the
 * connection fails or drops.
 */
export async function postEventStream(
  path: string,
  body: unknown,
  listener: (message: SseMessage) => void,
  options: Pick<RequestOptions, 'signal'> = {},
): Promise<void> {
  const response = await send(path, { method: 'POST', body, signal: options.signal }, 'text/event-stream');
  if (!response.ok) throw await failure(response);
  if (!response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    throw new HttpError(
      response.status,
      'bad-response',
      'The server answered in a form this version of Vitals does not read.',
    );
  }
  const parser = createSseParser(listener);
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  let finished = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') throw error;
        throw offlineError();
      }
      if (chunk.done) break;
      parser.push(decoder.decode(chunk.value, { stream: true }));
    }
    finished = true;
    // A last message without its blank line is incomplete, as the format says: dropped.
    parser.push(decoder.decode());
  } finally {
    // Stopped early (a listener threw, or the caller aborted): close the connection instead of leaving it open.
    // Its own failure adds nothing to the error already on its way to the caller.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
