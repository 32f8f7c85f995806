/**
 * OAuth 2.0 access tokens for FCM HTTP v1, by the JWT bearer grant (RFC 7523) Google uses for service accounts:
 * an RS256 JWT signed with the account's private key (node:crypto, no Google library), exchanged at the
 * account's `token_uri`. A token is reused until a minute before it expires; concurrent sends share one
 * exchange.
 */
import { sign } from 'node:crypto';
import type { ServiceAccount } from './service-account';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google accepts assertions valid for at most an hour. */
const ASSERTION_SECONDS = 3600;
/** A token this close to its expiry is renewed rather than sent (clock skew, a slow request). */
const RENEW_BEFORE_MS = 60_000;

const base64Url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** The signed assertion for the token endpoint; `nowMs` passed in so tests can pin it. */
export function signAssertion(account: ServiceAccount, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(account.privateKeyId ? { kid: account.privateKeyId } : {}) };
  const claims = {
    iss: account.clientEmail,
    scope: FCM_SCOPE,
    aud: account.tokenUri,
    iat,
    exp: iat + ASSERTION_SECONDS,
  };
  const input = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
  return `${input}.${base64Url(sign('sha256', Buffer.from(input), account.privateKey))}`;
}

export class AccessTokenError extends Error {
  override name = 'AccessTokenError';
}

export interface AccessTokens {
  /** A valid access token, exchanged anew when the cached one is near its end (or `renew`). */
  get(options?: { readonly renew?: boolean }): Promise<string>;
}

export interface AccessTokenOptions {
  readonly fetch: typeof fetch;
  readonly now: () => Date;
  readonly timeoutMs: number;
}

export function createAccessTokens(account: ServiceAccount, options: AccessTokenOptions): AccessTokens {
  let cached: { token: string; expiresAtMs: number } | null = null;
  let pending: Promise<string> | null = null;

  async function exchange(): Promise<string> {
    const nowMs = options.now().getTime();
    const response = await options.fetch(account.tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion: signAssertion(account, nowMs) }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok)
      // Google answers { error, error_description }: e.g. invalid_grant for a deleted key or a skewed clock.
      throw new AccessTokenError(`The token endpoint answered ${response.status}: ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '')
      throw new AccessTokenError('The token endpoint answered without an access_token.');
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : ASSERTION_SECONDS;
    cached = { token: body.access_token, expiresAtMs: nowMs + seconds * 1000 };
    return body.access_token;
  }

  return {
    get(getOptions = {}) {
      if (getOptions.renew) cached = null;
      if (cached && options.now().getTime() < cached.expiresAtMs - RENEW_BEFORE_MS)
        return Promise.resolve(cached.token);
      pending ??= exchange().finally(() => (pending = null));
      return pending;
    },
  };
}
