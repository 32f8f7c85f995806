/**
 * A fake of the two Google endpoints native push uses, spoken as Google speaks them, so push/native/ runs
 * unchanged against it (the service account's `token_uri` and FCM_API_URL point here):
 * - `POST /token`: the OAuth 2.0 JWT bearer grant (form-encoded `grant_type`, `assertion`). The assertion's
 *   RS256 signature is verified with the public key of the test's key pair, and its `iss`, `aud`, `scope` and
 *   lifetime checked; the answer is `{ access_token, expires_in, token_type }`, or `400 invalid_grant`.
 * - `POST /v1/projects/:project/messages:send`: needs a Bearer token this fake issued; records the message and
 *   answers `{ name }`, or FCM's error body (`404 NOT_FOUND` with errorCode `UNREGISTERED` for a token marked
 *   `unregister`ed, scripted statuses from `respondWith`).
 * `serviceAccount()` gives the JSON key (with a fresh RSA key pair) that FCM_SERVICE_ACCOUNT takes.
 */
import { generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './http-fake';

export const FAKE_FCM_PROJECT = 'vitals-test';
const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

export interface FakeFcm extends FakeServer {
  readonly requests: RecordedRequest[];
  /** The `message` of every accepted messages:send, in order. */
  readonly messages: Record<string, unknown>[];
  /** Access tokens issued so far. */
  readonly issued: string[];
  /** The service account key to put in FCM_SERVICE_ACCOUNT (inline JSON). */
  serviceAccount(): string;
  /** FCM forgets this token: sends to it answer 404 UNREGISTERED. */
  unregister(token: string): void;
  /** The next `times` sends answer `status` with FCM's error body (and `Retry-After` when given). */
  respondWith(status: number, options?: { readonly times?: number; readonly retryAfter?: string }): void;
  /** Access tokens issued so far stop working (401 UNAUTHENTICATED), as when Google revokes them. */
  revokeAccessTokens(): void;
  reset(): void;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};
const ERROR_CODES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  404: 'UNREGISTERED',
  429: 'QUOTA_EXCEEDED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function fcmError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  const errorCode = ERROR_CODES[status];
  sendJson(response, status, {
    error: {
      code: status,
      message,
      status: STATUS_NAMES[status] ?? 'UNKNOWN',
      details: errorCode
        ? [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }]
        : [],
    },
  });
}

/** The reason an assertion is refused, or null. */
function assertionProblem(
  assertion: string,
  publicKey: KeyObject,
  expected: { iss: string; aud: string },
): string | null {
  const parts = assertion.split('.');
  if (parts.length !== 3) return 'not a JWT';
  const [header, claims, signature] = parts as [string, string, string];
  const decode = (part: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (decode(header).alg !== 'RS256') return 'alg must be RS256';
  if (!verify('sha256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url')))
    return 'Invalid JWT Signature.';
  const body = decode(claims);
  if (body.iss !== expected.iss) return `iss must be ${expected.iss}`;
  if (body.aud !== expected.aud) return `aud must be ${expected.aud}`;
  if (body.scope !== SCOPE) return `scope must be ${SCOPE}`;
  if (typeof body.iat !== 'number' || typeof body.exp !== 'number') return 'iat and exp are required';
  // Google also checks iat against its clock; the server signs with its own (movable in tests) clock, so only
  // the lifetime is checked here.
  if (body.exp - body.iat > 3600) return 'Invalid JWT: lifetime longer than an hour';
  return null;
}

export async function startFakeFcm(): Promise<FakeFcm> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const requests: RecordedRequest[] = [];
  const messages: Record<string, unknown>[] = [];
  const issued: string[] = [];
  const valid = new Set<string>();
  const gone = new Set<string>();
  let scripted: { status: number; times: number; retryAfter?: string } | null = null;
  const clientEmail = `vitals-push@${FAKE_FCM_PROJECT}.iam.gserviceaccount.com`;
  let url = '';

  const server = await startFakeServer((request, response) => {
    if (request.method === 'POST' && request.path === '/token') {
      const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
        return sendJson(response, 400, {
          error: 'unsupported_grant_type',
          error_description: 'Invalid grant_type.',
        });
      const problem = assertionProblem(form.get('assertion') ?? '', publicKey, {
        iss: clientEmail,
        aud: `${url}/token`,
      });
      if (problem) return sendJson(response, 400, { error: 'invalid_grant', error_description: problem });
      const token = `ya29.fake-${randomBytes(12).toString('base64url')}`;
      issued.push(token);
      valid.add(token);
      return sendJson(response, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
    }
    const send = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(request.path);
    if (request.method === 'POST' && send) {
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!bearer || !valid.has(bearer))
        return fcmError(response, 401, 'Request had invalid authentication credentials.');
      if (send[1] !== FAKE_FCM_PROJECT) return fcmError(response, 403, 'The caller does not have permission');
      const message = (request.body as { message?: Record<string, unknown> } | undefined)?.message;
      if (!message || typeof message.token !== 'string')
        return fcmError(response, 400, 'The message must name a token.');
      if (scripted && scripted.times > 0) {
        scripted.times -= 1;
        const { status, retryAfter } = scripted;
        if (scripted.times === 0) scripted = null;
        return fcmError(
          response,
          status,
          'Scripted failure.',
          retryAfter ? { 'retry-after': retryAfter } : {},
        );
      }
      if (gone.has(message.token)) return fcmError(response, 404, 'Requested entity was not found.');
      messages.push(message);
      return sendJson(response, 200, {
        name: `projects/${FAKE_FCM_PROJECT}/messages/${randomBytes(8).toString('hex')}`,
      });
    }
    return fcmError(response, 404, `No route ${request.method} ${request.path}`);
  }, requests);
  url = server.url;

  return {
    ...server,
    requests,
    messages,
    issued,
    serviceAccount: () =>
      JSON.stringify({
        type: 'service_account',
        project_id: FAKE_FCM_PROJECT,
        private_key_id: randomBytes(20).toString('hex'),
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        client_email: clientEmail,
        client_id: '1234567890',
        auth_uri: 'https://accounts.google.com/o/oauth2/auth',
        token_uri: `${url}/token`,
      }),
    unregister: (token) => void gone.add(token),
    respondWith: (status, options = {}) =>
      void (scripted = {
        status,
        times: options.times ?? 1,
        ...(options.retryAfter ? { retryAfter: options.retryAfter } : {}),
      }),
    revokeAccessTokens: () => valid.clear(),
    reset() {
      requests.length = 0;
      messages.length = 0;
      gone.clear();
      scripted = null;
    },
  };
}
