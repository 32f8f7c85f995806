/** Real HTTP for server-sent events (app.request() cannot hold a stream open): serve on a free port, read frames. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import {
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  parseStreamMessage,
  type StreamMessage,
} from '@vitals/shared';
import type { AppEnv } from '../context';

export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveApp(app: Hono<AppEnv>): Promise<TestServer> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface TestStream {
  readonly status: number;
  /** Every message so far, in order. */
  readonly messages: StreamMessage[];
  /** Resolves with the first message (from the start) that matches, or rejects after `timeoutMs`. */
  next(predicate: (message: StreamMessage) => boolean, timeoutMs?: number): Promise<StreamMessage>;
  close(): Promise<void>;
}

export async function openStream(url: string, cookie: string): Promise<TestStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { cookie, accept: 'text/event-stream', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
    signal: abort.signal,
  });
  const messages: StreamMessage[] = [];
  const waiters = new Set<() => void>();
  const reading = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          const message = parseStreamMessage(data);
          if (message) messages.push(message);
          for (const wake of waiters) wake();
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return {
    status: response.status,
    messages,
    next(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = messages.find(predicate);
          if (!found) return false;
          cleanup();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `No matching stream message within ${timeoutMs} ms; got ${JSON.stringify(messages.map((m) => m.type))}`,
            ),
          );
        }, timeoutMs);
        const wake = (): void => void check();
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        if (!check()) waiters.add(wake);
      });
    },
    async close() {
      abort.abort();
      await reading;
    },
  };
}
