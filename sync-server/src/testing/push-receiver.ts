/**
 * A local push service for tests and the bench: a node:http server on 127.0.0.1 that plays the part of
 * FCM or Mozilla's autopush. It hands out subscriptions the way a browser makes them (a P-256 ECDH key pair
 * and a 16-byte auth secret, made with node:crypto), checks each request's VAPID signature (RFC 8292) as a
 * push service does, decrypts the aes128gcm body (RFC 8291) with `http_ece` as the browser would, and
 * records what arrived. Tests script its answers (201, 404, 410, 429 with Retry-After, 500…).
 * The server under test needs OUTBOUND_ALLOW_PRIVATE: this receiver is plain http on loopback.
 */
import { createECDH, createPublicKey, randomBytes, randomUUID, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import ece from 'http_ece';

/** What a browser's `PushSubscription.toJSON()` gives. */
export interface PushSubscriptionJson {
  readonly endpoint: string;
  readonly expirationTime: number | null;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export interface VapidClaims {
  /** The `k` the request was signed with (base64url). */
  readonly publicKey: string;
  readonly audience: string;
  readonly subject: string;
  /** The JWT's `exp`, seconds since the epoch. */
  readonly expiresAt: number;
}

export interface ReceivedPush {
  readonly endpoint: string;
  /** What the receiver answered. */
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The decrypted body (UTF-8); `''` when there was none or it could not be decrypted. */
  readonly payload: string;
  /** Size of the encrypted body as sent. */
  readonly bodyBytes: number;
  /** The checked VAPID claims; `null` when the signature was missing or wrong. */
  readonly vapid: VapidClaims | null;
  /** Why the request was refused by the receiver's own checks, if it was. */
  readonly error: string | null;
  /** ms since the epoch, sub-millisecond (`performance.timeOrigin + performance.now()`). */
  readonly receivedAt: number;
}

export interface ReceiverSubscription {
  readonly subscription: PushSubscriptionJson;
  /** From now on the push service answers this subscription with `status` (default 410 Gone), like an unsubscribed browser. */
  expire(status?: 404 | 410): void;
}

export interface PushReceiver {
  readonly url: string;
  /** A new browser subscription; with `applicationServerKey`, requests signed with another VAPID key get 403. */
  newSubscription(options?: { readonly applicationServerKey?: string }): ReceiverSubscription;
  received(): ReceivedPush[];
  /** Resolves with everything received once there are at least `n` requests; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedPush[]>;
  /** Answers the next `times` valid requests (default: all of them) with `status` and `headers`; then 201 again. */
  respondWith(status: number, headers?: Record<string, string>, times?: number): void;
  /** Forgets what was received and any scripted answer (subscriptions stay valid). */
  reset(): void;
  close(): Promise<void>;
}

interface BrowserKeys {
  readonly ecdh: ECDH;
  readonly authSecret: Buffer;
  readonly applicationServerKey: string | null;
  goneStatus: number | null;
}

interface Scripted {
  readonly status: number;
  readonly headers: Record<string, string>;
  remaining: number;
}

type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly status: number; readonly error: string };

const MAX_JWT_LIFETIME_S = 24 * 60 * 60;

function parseAuthorization(header: string | undefined): Checked<{ token: string; key: string }> {
  const match = /^vapid\s+(.+)$/i.exec(header ?? '');
  if (!match) return { ok: false, status: 401, error: 'missing "Authorization: vapid t=…, k=…"' };
  const params = new Map(
    match[1]!.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const token = params.get('t');
  const key = params.get('k');
  if (!token || !key) return { ok: false, status: 401, error: 'the vapid Authorization lacks t= or k=' };
  return { ok: true, value: { token, key } };
}

function jsonPart<T>(part: string): Partial<T> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Partial<T>) : null;
  } catch {
    return null;
  }
}

function publicKeyOf(raw: Buffer) {
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: raw.subarray(1, 33).toString('base64url'),
    y: raw.subarray(33, 65).toString('base64url'),
  };
  return createPublicKey({ key: jwk, format: 'jwk' });
}

/** RFC 8292 §2–3: an ES256 JWT signed by `k`, for this push service's origin, not expired, at most 24 h ahead. */
export function checkVapid(header: string | undefined, origin: string, nowMs: number): Checked<VapidClaims> {
  const auth = parseAuthorization(header);
  if (!auth.ok) return auth;
  const [head, body, signature] = auth.value.token.split('.');
  const raw = Buffer.from(auth.value.key, 'base64url');
  if (!head || !body || !signature || raw.length !== 65)
    return { ok: false, status: 403, error: 'malformed VAPID token or key' };
  const jwtHeader = jsonPart<{ alg: string }>(head);
  if (jwtHeader?.alg !== 'ES256')
    return { ok: false, status: 403, error: `VAPID alg ${String(jwtHeader?.alg)}, not ES256` };
  const signed = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key: publicKeyOf(raw), dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return { ok: false, status: 403, error: 'VAPID signature does not verify with k' };
  const claims = jsonPart<{ aud: string; exp: number; sub: string }>(body) ?? {};
  const nowS = nowMs / 1000;
  if (claims.aud !== origin)
    return { ok: false, status: 403, error: `VAPID aud ${String(claims.aud)} is not ${origin}` };
  if (typeof claims.exp !== 'number' || claims.exp <= nowS || claims.exp > nowS + MAX_JWT_LIFETIME_S) {
    return {
      ok: false,
      status: 403,
      error: `VAPID exp ${String(claims.exp)} is not within the next 24 hours`,
    };
  }
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub))
    return { ok: false, status: 403, error: 'VAPID sub is not mailto: or https:' };
  return {
    ok: true,
    value: { publicKey: auth.value.key, audience: claims.aud, subject: claims.sub, expiresAt: claims.exp },
  };
}

function decryptBody(body: Buffer, headers: IncomingHttpHeaders, keys: BrowserKeys): Checked<string> {
  if (headers['content-encoding'] !== 'aes128gcm')
    return {
      ok: false,
      status: 400,
      error: `Content-Encoding ${String(headers['content-encoding'])}, not aes128gcm`,
    };
  try {
    const plain = ece.decrypt(body, {
      version: 'aes128gcm',
      privateKey: keys.ecdh,
      authSecret: keys.authSecret,
    });
    return { ok: true, value: plain.toString('utf8') };
  } catch (error) {
    return { ok: false, status: 400, error: `cannot decrypt: ${(error as Error).message}` };
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startPushReceiver(): Promise<PushReceiver> {
  const browsers = new Map<string, BrowserKeys>();
  const log: ReceivedPush[] = [];
  const waiters = new Set<() => void>();
  let script: Scripted | null = null;
  let origin = '';

  /** The next scripted answer, or the push service's ordinary 201 Created. */
  function nextAnswer(): { status: number; headers: Record<string, string> } {
    if (!script) return { status: 201, headers: {} };
    const answer = { status: script.status, headers: script.headers };
    script.remaining -= 1;
    if (script.remaining <= 0) script = null;
    return answer;
  }

  /** What to answer: the first failed check, else the script; the payload is decrypted whenever possible. */
  function judge(id: string, request: IncomingMessage, body: Buffer) {
    const keys = browsers.get(id);
    if (!keys) return { status: 404, headers: {}, payload: '', vapid: null, error: 'no such subscription' };
    const vapid = checkVapid(request.headers.authorization, origin, Date.now());
    const decrypted = decryptBody(body, request.headers, keys);
    const payload = decrypted.ok ? decrypted.value : '';
    const claims = vapid.ok ? vapid.value : null;
    if (keys.goneStatus !== null)
      return { status: keys.goneStatus, headers: {}, payload, vapid: claims, error: 'subscription expired' };
    if (!vapid.ok) return { status: vapid.status, headers: {}, payload, vapid: null, error: vapid.error };
    if (keys.applicationServerKey !== null && vapid.value.publicKey !== keys.applicationServerKey) {
      return {
        status: 403,
        headers: {},
        payload,
        vapid: claims,
        error: 'signed with another key than the subscription was made with',
      };
    }
    if (!request.headers.ttl)
      return { status: 400, headers: {}, payload, vapid: claims, error: 'missing TTL header' };
    if (!decrypted.ok)
      return { status: decrypted.status, headers: {}, payload, vapid: claims, error: decrypted.error };
    return { ...nextAnswer(), payload, vapid: claims, error: null };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const receivedAt = performance.timeOrigin + performance.now();
    const id = /^\/push\/([\w-]+)$/.exec(request.url ?? '')?.[1] ?? '';
    const verdict =
      request.method === 'POST'
        ? judge(id, request, body)
        : { status: 405, headers: {}, payload: '', vapid: null, error: 'not POST' };
    log.push({
      endpoint: `${origin}${request.url ?? ''}`,
      status: verdict.status,
      headers: request.headers,
      payload: verdict.payload,
      bodyBytes: body.length,
      vapid: verdict.vapid,
      error: verdict.error,
      receivedAt,
    });
    const location = verdict.status === 201 ? { location: `${origin}/message/${randomUUID()}` } : {};
    response.writeHead(verdict.status, { ...location, ...verdict.headers, 'content-length': 0 });
    response.end();
    for (const wake of [...waiters]) wake();
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    newSubscription(options = {}) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const keys: BrowserKeys = {
        ecdh,
        authSecret: randomBytes(16),
        applicationServerKey: options.applicationServerKey ?? null,
        goneStatus: null,
      };
      const id = randomUUID();
      browsers.set(id, keys);
      return {
        subscription: {
          endpoint: `${origin}/push/${id}`,
          expirationTime: null,
          keys: {
            p256dh: ecdh.getPublicKey('base64url', 'uncompressed'),
            auth: keys.authSecret.toString('base64url'),
          },
        },
        expire(status = 410) {
          keys.goneStatus = status;
        },
      };
    },
    received: () => [...log],
    waitFor(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (log.length < n) return;
          cleanup();
          resolve([...log]);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `The push receiver got ${log.length} of ${n} expected requests within ${timeoutMs} ms.`,
            ),
          );
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    respondWith(status, headers = {}, times = Number.POSITIVE_INFINITY) {
      script =
        status === 201 && Object.keys(headers).length === 0 ? null : { status, headers, remaining: times };
    },
    reset() {
      log.length = 0;
      script = null;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
