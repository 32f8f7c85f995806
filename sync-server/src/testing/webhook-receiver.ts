/**
 * A webhook endpoint for tests: a real node:http server on 127.0.0.1 that records every request exactly as
 * received (raw body, for signature checks) and answers with the statuses it is told, in order, then 200.
 * Reaching it needs OUTBOUND_ALLOW_PRIVATE, as any loopback destination does.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body as sent, byte for byte (decoded as UTF-8). */
  readonly body: string;
}

/** A status, or a status with headers (a redirect's `location`) and a delay before answering. */
export type ReceiverAnswer = number | { readonly status: number; readonly headers?: Record<string, string>; readonly delayMs?: number };

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`; any path is accepted. */
  readonly url: string;
  readonly requests: readonly ReceivedWebhook[];
  /** Answers the next requests with these, in order; afterwards with 200 again. */
  answer(...answers: ReceiverAnswer[]): void;
  /** The headers of a request, one value each, as `standardwebhooks`' `verify` takes them. */
  headersOf(request: ReceivedWebhook): Record<string, string>;
  close(): Promise<void>;
}

function normalise(answer: ReceiverAnswer): Exclude<ReceiverAnswer, number> {
  return typeof answer === 'number' ? { status: answer } : answer;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  const queue: ReceiverAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://receiver').pathname,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const { status, headers = {}, delayMs = 0 } = normalise(queue.shift() ?? 200);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'text/plain', ...headers });
        res.end(`answered ${status}`);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (...answers) => void queue.push(...answers),
    headersOf: (request) =>
      Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')])),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
