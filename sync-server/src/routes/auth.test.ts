import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../auth/tokens';
import { totpCode } from '../auth/totp';
import type { Database } from '../db/connect';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { TEST_ORIGIN, testApp, testClock, testConfig, type TestClock } from '../testing/app';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const PASSWORD = 'correct horse battery';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** The session cookie this answer set ('' when it cleared it), or undefined when it set none. */
  cookie: string | undefined;
  setCookie: string | undefined;
  retryAfter: string | null;
}

let seq = 0;
/** Unique per test: each test signs up its own people and comes from its own address. */
const unique = (prefix: string): string => `${prefix}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

describe.each(databaseKinds())('auth routes on %s PostgreSQL', (kind) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db.close());

  /** An app over the shared database with its own clock, trusting X-Forwarded-For so each test has its own IP. */
  function client(options: { clock?: TestClock } = {}) {
    const clock = options.clock ?? testClock();
    const { app } = testApp(db, { clock, config: testConfig({ TRUST_PROXY: 'true' }) });
    const ip = `10.${seq % 250}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

    async function call(method: string, path: string, options: { body?: unknown; cookie?: string; ip?: string; origin?: string | null } = {}): Promise<Answer> {
      const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? ip };
      if (options.origin !== null) headers.origin = options.origin ?? TEST_ORIGIN;
      if (options.cookie !== undefined) headers.cookie = `vitals_session=${options.cookie}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const res = await app.request(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
      const setCookie = res.headers.getSetCookie().filter((h) => h.startsWith('vitals_session=')).at(-1);
      const text = await res.text();
      return {
        status: res.status,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        cookie: setCookie?.slice('vitals_session='.length, setCookie.indexOf(';')),
        setCookie,
        retryAfter: res.headers.get('retry-after'),
      };
    }
    const post = (path: string, body?: unknown, options: { cookie?: string; ip?: string; origin?: string | null } = {}) =>
      call('POST', `/api/auth${path}`, { ...options, body });
    const get = (path: string, cookie?: string) => call('GET', path.startsWith('/api/') ? path : `/api/auth${path}`, { cookie });

    async function signUp(overrides: Record<string, string> = {}) {
      const email = `${unique('user')}@example.com`;
      const res = await post('/signup', { email, password: PASSWORD, name: 'Ana Ops', ...overrides });
      expect(res.status).toBe(201);
      return { email: overrides.email ?? email, cookie: res.cookie!, body: res.body };
    }
    async function logIn(email: string, password = PASSWORD): Promise<string> {
      const res = await post('/login', { email, password });
      expect(res.status).toBe(200);
      return res.cookie!;
    }
    /** Signs up, turns MFA on; returns the key to make codes with. */
    async function signUpWithMfa() {
      const account = await signUp();
      const setup = await post('/mfa/setup', undefined, { cookie: account.cookie });
      expect(setup.status).toBe(200);
      const key = decodeBase32IgnorePadding(setup.body.secret as string);
      const enabled = await post('/mfa/enable', { code: totpCode(key, clock.now()) }, { cookie: account.cookie });
      expect(enabled.status).toBe(200);
      return { ...account, key, recoveryCodes: enabled.body.recoveryCodes as string[] };
    }
    return { app, clock, ip, call, post, get, signUp, logIn, signUpWithMfa };
  }

  describe('sign-up and sign-in', () => {
    it('signs up an unverified user without a workspace, then signs in with a new token', async () => {
      const t = client();
      const email = `${unique('Ana')}@Example.com`;
      const signup = await t.post('/signup', { email: ` ${email} `, password: PASSWORD, name: 'Ana Ops' });
      expect(signup.status).toBe(201);
      expect(signup.body).toEqual({
        user: { id: expect.any(String), email: email.toLowerCase(), name: 'Ana Ops', mfaEnabled: false, emailVerified: false },
        tenants: [],
      });
      expect(signup.setCookie).toMatch(/^vitals_session=[a-z2-7]{32}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/);

      const me = await t.get('/me', signup.cookie);
      expect(me.status).toBe(200);
      expect(me.body).toEqual(signup.body);

      const login = await t.post('/login', { email: email.toUpperCase(), password: PASSWORD }, { cookie: signup.cookie });
      expect(login.status).toBe(200);
      expect(login.body).toEqual(signup.body);
      expect(login.cookie).toMatch(/^[a-z2-7]{32}$/);
      expect(login.cookie).not.toBe(signup.cookie);
      // The session the browser had before signing in again is ended.
      expect((await t.get('/me', signup.cookie)).body).toMatchObject({ error: { code: 'session-expired' } });
      expect((await t.get('/me', login.cookie)).status).toBe(200);
    });

    it('lists the workspaces by name', async () => {
      const t = client();
      const account = await t.signUp();
      const userId = (account.body.user as { id: string }).id;
      for (const [name, role] of [['Zulu', 'owner'], ['Alpha', 'viewer']] as const) {
        const [tenant] = await db.sql<{ id: string }[]>`insert into tenants (slug, name) values (${unique(name.toLowerCase())}, ${name}) returning id`;
        await db.sql`insert into memberships (tenant_id, user_id, role) values (${tenant!.id}, ${userId}, ${role})`;
      }
      const login = await t.post('/login', { email: account.email, password: PASSWORD });
      expect((login.body.tenants as { name: string; role: string }[]).map((x) => [x.name, x.role])).toEqual([
        ['Alpha', 'viewer'],
        ['Zulu', 'owner'],
      ]);
    });

    it('refuses a registered email, a short password and a malformed body', async () => {
      const t = client();
      const { email } = await t.signUp();
      const taken = await t.post('/signup', { email, password: PASSWORD, name: 'X' });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ error: { code: 'email-taken' } });

      const short = await t.post('/signup', { email: `${unique('u')}@example.com`, password: 'short', name: 'X' });
      expect(short.status).toBe(400);
      expect(short.body).toMatchObject({ error: { code: 'invalid-input', message: 'Use at least 10 characters for your password.' } });

      const missing = await t.post('/login', { email: 'a@example.com' });
      expect(missing.body).toMatchObject({ error: { code: 'invalid-input', message: 'The field "password" is missing.' } });
    });

    it('answers a wrong password and an unknown email alike, and sets no cookie', async () => {
      const t = client();
      const { email } = await t.signUp();
      const wrong = await t.post('/login', { email, password: 'not the password' });
      const unknown = await t.post('/login', { email: `${unique('nobody')}@example.com`, password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ error: { code: 'invalid-credentials', message: 'The email or password is not correct.' } });
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.setCookie).toBeUndefined();
      expect(unknown.setCookie).toBeUndefined();
    });

    it('refuses sign-in from another origin or with none', async () => {
      const t = client();
      const { email } = await t.signUp();
      for (const origin of ['https://evil.example', null]) {
        const res = await t.post('/login', { email, password: PASSWORD }, { origin });
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ error: { code: 'bad-origin' } });
        expect(res.setCookie).toBeUndefined();
      }
    });
  });

  describe('rate limits', () => {
    it('locks an email after 5 failures for 15 minutes, with the same answer for an unknown email', async () => {
      const t = client();
      const { email } = await t.signUp();
      const nobody = `${unique('nobody')}@example.com`;
      for (let i = 0; i < 5; i++) {
        expect((await t.post('/login', { email, password: 'wrong password' }, { ip: `192.0.2.${i}` })).status).toBe(401);
        expect((await t.post('/login', { email: nobody, password: 'wrong password' }, { ip: `198.51.100.${i}` })).status).toBe(401);
      }
      const locked = await t.post('/login', { email, password: PASSWORD }, { ip: '203.0.113.1' });
      const lockedUnknown = await t.post('/login', { email: nobody, password: PASSWORD }, { ip: '203.0.113.2' });
      expect(locked.status).toBe(429);
      expect(locked.retryAfter).toBe('900');
      expect(locked.body).toEqual({ error: { code: 'rate-limited', message: 'Too many attempts. Please try again in 15 minutes.', details: { retryAfterSeconds: 900 } } });
      expect(lockedUnknown.status).toBe(429);
      expect(lockedUnknown.retryAfter).toBe(locked.retryAfter);
      expect(lockedUnknown.body).toEqual(locked.body);

      t.clock.advance(14 * MINUTE);
      expect((await t.post('/login', { email, password: PASSWORD })).status).toBe(429);
      t.clock.advance(MINUTE);
      expect((await t.post('/login', { email, password: PASSWORD })).status).toBe(200);
    });

    it('starts counting again after a successful sign-in', async () => {
      const t = client();
      const { email } = await t.signUp();
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 4; i++) expect((await t.post('/login', { email, password: 'wrong password' })).status).toBe(401);
        expect((await t.post('/login', { email, password: PASSWORD })).status).toBe(200);
      }
    });

    it('locks an address that fails on many emails, but not other addresses', async () => {
      const t = client();
      const { email } = await t.signUp();
      for (let i = 0; i < 25; i++) {
        expect((await t.post('/login', { email: `${unique('stuffed')}@example.com`, password: 'wrong password' })).status).toBe(401);
      }
      const locked = await t.post('/login', { email, password: PASSWORD });
      expect(locked.status).toBe(429);
      expect((await t.post('/login', { email, password: PASSWORD }, { ip: '203.0.113.77' })).status).toBe(200);
    });
  });

  describe('sessions', () => {
    it('expires after the session lifetime: session-expired with a cookie, unauthenticated without', async () => {
      const t = client();
      const { cookie } = await t.signUp();
      t.clock.advance(30 * DAY + 1);
      const expired = await t.get('/me', cookie);
      expect(expired.status).toBe(401);
      expect(expired.body).toEqual({ error: { code: 'session-expired', message: 'Your session has ended. Please sign in again.' } });
      expect(expired.setCookie).toMatch(/^vitals_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/);
      const none = await t.get('/me');
      expect(none.body).toMatchObject({ error: { code: 'unauthenticated' } });
      // A tenant route says the same.
      const tenant = await t.get('/api/tenants/00000000-0000-4000-8000-000000000001/anything', cookie);
      expect(tenant.status).toBe(401);
      expect(tenant.body).toMatchObject({ error: { code: 'session-expired' } });
    });

    it('slides: used in the second half of its life, it is extended and the cookie sent again', async () => {
      const t = client();
      const { cookie } = await t.signUp();
      t.clock.advance(10 * DAY);
      const early = await t.get('/me', cookie);
      expect(early.status).toBe(200);
      expect(early.setCookie).toBeUndefined();

      t.clock.advance(6 * DAY);
      const renewed = await t.get('/me', cookie);
      expect(renewed.status).toBe(200);
      expect(renewed.cookie).toBe(cookie);
      expect(renewed.setCookie).toContain('Max-Age=2592000');

      // 36 days after sign-in, 20 after the renewal: still valid.
      t.clock.advance(20 * DAY);
      expect((await t.get('/me', cookie)).status).toBe(200);
    });

    it('marks the cookie Secure when the app is served over https', async () => {
      const clock = testClock();
      const { app } = testApp(db, { clock, config: testConfig({ PUBLIC_ORIGIN: 'https://vitals.example.com' }) });
      const res = await app.request('/api/auth/signup', {
        method: 'POST',
        headers: { origin: 'https://vitals.example.com', 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${unique('s')}@example.com`, password: PASSWORD, name: 'S' }),
      });
      expect(res.status).toBe(201);
      expect(res.headers.getSetCookie()[0]).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    });

    it('ends the session at sign-out, and only that one', async () => {
      const t = client();
      const { email, cookie } = await t.signUp();
      const other = await t.logIn(email);
      const out = await t.post('/logout', undefined, { cookie });
      expect(out.status).toBe(200);
      expect(out.setCookie).toContain('Max-Age=0');
      expect((await t.get('/me', cookie)).body).toMatchObject({ error: { code: 'session-expired' } });
      expect((await t.get('/me', other)).status).toBe(200);
    });

    it('ends every session at a password change and signs this device in again', async () => {
      const t = client();
      const { email, cookie } = await t.signUp();
      const laptop = await t.logIn(email);
      const wrong = await t.post('/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' }, { cookie });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ error: { code: 'invalid-password' } });

      const changed = await t.post('/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, { cookie });
      expect(changed.status).toBe(200);
      expect(changed.cookie).toMatch(/^[a-z2-7]{32}$/);
      expect(changed.cookie).not.toBe(cookie);
      expect((await t.get('/me', cookie)).body).toMatchObject({ error: { code: 'session-expired' } });
      expect((await t.get('/me', laptop)).body).toMatchObject({ error: { code: 'session-expired' } });
      expect((await t.get('/me', changed.cookie)).status).toBe(200);
      expect((await t.post('/login', { email, password: PASSWORD })).status).toBe(401);
      expect((await t.post('/login', { email, password: 'a brand new passphrase' })).status).toBe(200);
    });

    it('ignores a malformed cookie', async () => {
      const t = client();
      const res = await t.get('/me', 'not-a-token');
      expect(res.body).toMatchObject({ error: { code: 'session-expired' } });
      expect(res.setCookie).toContain('Max-Age=0');
    });
  });

  describe('TOTP', () => {
    it('asks for the code after the password, and the pending session grants nothing', async () => {
      const t = client();
      const { email } = await t.signUpWithMfa();
      t.clock.advance(MINUTE);
      const login = await t.post('/login', { email, password: PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body).toEqual({ mfaRequired: true });
      expect(login.setCookie).toContain('Max-Age=600');
      const me = await t.get('/me', login.cookie);
      expect(me.status).toBe(401);
      expect(me.body).toMatchObject({ error: { code: 'mfa-required' } });
    });

    it('accepts the current, previous and next step once each, and nothing two steps away', async () => {
      const t = client();
      const { email, key } = await t.signUpWithMfa();
      const verify = async (code: string) => {
        const login = await t.post('/login', { email, password: PASSWORD });
        expect(login.body).toEqual({ mfaRequired: true });
        return { cookie: login.cookie!, res: await t.post('/mfa/verify', { code }, { cookie: login.cookie }) };
      };

      t.clock.advance(2 * 30_000);
      const previous = await verify(totpCode(key, t.clock.now(), -1));
      expect(previous.res.status).toBe(200);
      expect(previous.res.body).toMatchObject({ user: { email, mfaEnabled: true }, tenants: [] });
      expect(previous.res.setCookie).toContain('Max-Age=2592000');
      expect((await t.get('/me', previous.cookie)).status).toBe(200);

      const replay = await verify(totpCode(key, t.clock.now(), -1));
      expect(replay.res.status).toBe(401);
      expect(replay.res.body).toMatchObject({ error: { code: 'invalid-code' } });
      expect((await t.get('/me', replay.cookie)).body).toMatchObject({ error: { code: 'mfa-required' } });

      expect((await verify(totpCode(key, t.clock.now(), 0))).res.status).toBe(200);
      expect((await verify(totpCode(key, t.clock.now(), 1))).res.status).toBe(200);
      expect((await verify(totpCode(key, t.clock.now(), 2))).res.status).toBe(401);

      t.clock.advance(10 * 30_000);
      expect((await verify(totpCode(key, t.clock.now(), -2))).res.status).toBe(401);
      expect((await verify(totpCode(key, t.clock.now(), 0))).res.status).toBe(200);
    });

    it('takes a recovery code once', async () => {
      const t = client();
      const { email, recoveryCodes, body } = await t.signUpWithMfa();
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      const code = recoveryCodes[3]!;
      const first = await t.post('/login', { email, password: PASSWORD });
      expect((await t.post('/mfa/verify', { recoveryCode: code.toUpperCase() }, { cookie: first.cookie })).status).toBe(200);
      const second = await t.post('/login', { email, password: PASSWORD });
      const reused = await t.post('/mfa/verify', { recoveryCode: code }, { cookie: second.cookie });
      expect(reused.status).toBe(401);
      expect(reused.body).toMatchObject({ error: { code: 'invalid-code' } });
      // Only hashes are stored, one per code, and the used one is marked.
      const rows = await db.sql<{ code_hash: string; used: boolean }[]>`
        select code_hash, used_at is not null as used from recovery_codes where user_id = ${(body.user as { id: string }).id}`;
      expect(rows).toHaveLength(10);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.code_hash))).toBe(true);
      expect(rows.filter((r) => r.used)).toHaveLength(1);
    });

    it('locks the code check after 5 wrong codes for 15 minutes', async () => {
      const t = client();
      const { email, key } = await t.signUpWithMfa();
      t.clock.advance(MINUTE);
      const login = await t.post('/login', { email, password: PASSWORD });
      const wrong = totpCode(key, t.clock.now(), 5);
      for (let i = 0; i < 5; i++) {
        expect((await t.post('/mfa/verify', { code: wrong }, { cookie: login.cookie })).status).toBe(401);
      }
      const locked = await t.post('/mfa/verify', { code: totpCode(key, t.clock.now()) }, { cookie: login.cookie });
      expect(locked.status).toBe(429);
      expect(locked.retryAfter).toBe('900');
      expect(locked.body).toMatchObject({ error: { code: 'rate-limited' } });

      t.clock.advance(15 * MINUTE);
      const again = await t.post('/login', { email, password: PASSWORD });
      expect((await t.post('/mfa/verify', { code: totpCode(key, t.clock.now()) }, { cookie: again.cookie })).status).toBe(200);
    });

    it('sets up, enables and disables MFA, refusing wrong codes and passwords', async () => {
      const t = client();
      const { cookie } = await t.signUp();
      const setup = await t.post('/mfa/setup', undefined, { cookie });
      expect(setup.body).toEqual({ secret: expect.stringMatching(/^[A-Z2-7]{32}$/), uri: expect.stringMatching(/^otpauth:\/\/totp\/Vitals:.+issuer=Vitals/) });
      const key = decodeBase32IgnorePadding(setup.body.secret as string);
      // Not on until a code proves the app has the key.
      expect((await t.get('/me', cookie)).body).toMatchObject({ user: { mfaEnabled: false } });
      expect((await t.post('/mfa/enable', { code: totpCode(key, t.clock.now(), 3) }, { cookie })).body).toMatchObject({ error: { code: 'invalid-code' } });
      const enabled = await t.post('/mfa/enable', { code: totpCode(key, t.clock.now()) }, { cookie });
      expect(enabled.status).toBe(200);
      // This session proved the code, so it stays signed in.
      expect((await t.get('/me', cookie)).body).toMatchObject({ user: { mfaEnabled: true } });
      expect((await t.post('/mfa/setup', undefined, { cookie })).body).toMatchObject({ error: { code: 'mfa-already-enabled' } });

      t.clock.advance(30_000);
      const code = totpCode(key, t.clock.now());
      expect((await t.post('/mfa/disable', { password: 'not my password', code }, { cookie })).body).toMatchObject({ error: { code: 'invalid-password' } });
      const disabled = await t.post('/mfa/disable', { password: PASSWORD, code }, { cookie });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ user: { mfaEnabled: false } });
      expect((await t.get('/me', cookie)).body).toMatchObject({ user: { mfaEnabled: false } });
    });

    it('makes a workspace that requires MFA answer mfa-setup-required until the user has it', async () => {
      const t = client();
      const { cookie, body } = await t.signUp();
      const [tenant] = await db.sql<{ id: string }[]>`
        insert into tenants (slug, name, mfa_required) values (${unique('strict')}, 'Strict', true) returning id`;
      const tenantId = tenant!.id;
      await db.sql`insert into memberships (tenant_id, user_id, role) values (${tenantId}, ${(body.user as { id: string }).id}, 'owner')`;
      const path = `/api/tenants/${tenantId}/sync/nothing-here`;
      const refused = await t.get(path, cookie);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'mfa-setup-required' } });

      const setup = await t.post('/mfa/setup', undefined, { cookie });
      const key = decodeBase32IgnorePadding(setup.body.secret as string);
      await t.post('/mfa/enable', { code: totpCode(key, t.clock.now()) }, { cookie });
      expect((await t.get(path, cookie)).status).not.toBe(403);
    });
  });

  describe('email verification', () => {
    const INVALID_LINK = {
      code: 'invalid-token',
      message: 'This confirmation link is invalid, used or expired. Sign in and ask for a new one.',
    };

    /** The token of the newest confirmation link mailed to `email`. */
    async function verificationToken(email: string): Promise<string> {
      const rows = await db.sql<{ body: string; subject: string; tenant_id: string | null; kind: string }[]>`
        select body, subject, tenant_id, kind from outbox where to_email = ${email} order by id desc limit 1`;
      expect(rows[0]).toMatchObject({ tenant_id: null, kind: 'email-verification', subject: 'Confirm your email for Vitals' });
      const match = /http:\/\/localhost:8787\/verify-email\?token=([a-z2-7]{32})\n/.exec(rows[0]!.body);
      expect(match).not.toBeNull();
      return match![1]!;
    }
    const mailsTo = async (email: string): Promise<number> => {
      const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from outbox where to_email = ${email} and kind = 'email-verification'`;
      return row!.n;
    };

    it('mails a link at sign-up that confirms the address once, with no session needed or made', async () => {
      const t = client();
      const { email, cookie, body } = await t.signUp();
      const token = await verificationToken(email);
      const [mail] = await db.sql<{ body: string }[]>`select body from outbox where to_email = ${email}`;
      expect(mail!.body).toContain('within 48 hours');
      // Only the hash is kept.
      const [row] = await db.sql<{ id: string }[]>`select id from email_verifications where user_id = ${(body.user as { id: string }).id}`;
      expect(row!.id).toBe(hashToken(token));
      expect((await t.get('/me', cookie)).body).toMatchObject({ user: { emailVerified: false } });

      const verified = await t.post('/verify-email', { token });
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({ user: { ...(body.user as object), emailVerified: true }, tenants: [] });
      expect(verified.setCookie).toBeUndefined();
      expect((await t.get('/me', cookie)).body).toMatchObject({ user: { emailVerified: true } });

      const reused = await t.post('/verify-email', { token });
      expect(reused.status).toBe(400);
      expect(reused.body).toEqual({ error: INVALID_LINK });
      expect((await t.post('/verify-email', { token: 'not-a-token' })).body).toEqual({ error: INVALID_LINK });
    });

    it('refuses a link after 48 hours', async () => {
      const t = client();
      const { email, cookie } = await t.signUp();
      const token = await verificationToken(email);
      t.clock.advance(2 * DAY + MINUTE);
      const expired = await t.post('/verify-email', { token });
      expect(expired.status).toBe(400);
      expect(expired.body).toEqual({ error: INVALID_LINK });
      expect((await t.post('/login', { email, password: PASSWORD })).body).toMatchObject({ user: { emailVerified: false } });
      // What the message says to do: ask for a new link, which works.
      expect((await t.post('/verify-email/resend', undefined, { cookie })).status).toBe(202);
      expect((await t.post('/verify-email', { token: await verificationToken(email) })).status).toBe(200);
    });

    it('mails a new link on request, at most 5 an hour, and kills the others once one is used', async () => {
      const t = client();
      const { email, cookie } = await t.signUp();
      const first = await verificationToken(email);
      for (let i = 0; i < 5; i++) {
        const resent = await t.post('/verify-email/resend', undefined, { cookie });
        expect(resent.status).toBe(202);
        expect(resent.body).toEqual({ ok: true });
      }
      const limited = await t.post('/verify-email/resend', undefined, { cookie });
      expect(limited.status).toBe(429);
      expect(limited.retryAfter).toBe('3600');
      expect(limited.body).toMatchObject({ error: { code: 'rate-limited' } });
      expect(await mailsTo(email)).toBe(6);

      t.clock.advance(60 * MINUTE);
      expect((await t.post('/verify-email/resend', undefined, { cookie })).status).toBe(202);
      const newest = await verificationToken(email);
      expect((await t.post('/verify-email', { token: newest })).status).toBe(200);
      expect((await t.post('/verify-email', { token: first })).body).toEqual({ error: INVALID_LINK });

      const again = await t.post('/verify-email/resend', undefined, { cookie });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ error: { code: 'already-verified', message: 'Your email address is already confirmed.' } });
      expect((await t.post('/verify-email/resend')).body).toMatchObject({ error: { code: 'unauthenticated' } });
    });

    it('takes a password reset as confirming the address', async () => {
      const t = client();
      const { email } = await t.signUp();
      await t.post('/password-reset/request', { email });
      const [reset] = await db.sql<{ body: string }[]>`
        select body from outbox where to_email = ${email} and kind = 'password-reset'`;
      const token = /reset-password\?token=([a-z2-7]{32})/.exec(reset!.body)![1]!;
      expect((await t.post('/password-reset/confirm', { token, newPassword: 'the reset passphrase' })).status).toBe(200);
      const login = await t.post('/login', { email, password: 'the reset passphrase' });
      expect(login.body).toMatchObject({ user: { emailVerified: true } });
      const [row] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from email_verifications v join users u on u.id = v.user_id where u.email = ${email}`;
      expect(row!.n).toBe(0);
    });
  });

  describe('password reset', () => {
    async function resetToken(email: string): Promise<string> {
      const rows = await db.sql<{ body: string; tenant_id: string | null; kind: string }[]>`
        select body, tenant_id, kind from outbox where to_email = ${email} order by id desc limit 1`;
      expect(rows[0]).toMatchObject({ tenant_id: null, kind: 'password-reset' });
      const match = /http:\/\/localhost:8787\/reset-password\?token=([a-z2-7]{32})/.exec(rows[0]!.body);
      expect(match).not.toBeNull();
      return match![1]!;
    }

    it('answers 202 whether or not the email exists, and mails only real users', async () => {
      const t = client();
      const { email } = await t.signUp();
      const nobody = `${unique('nobody')}@example.com`;
      const known = await t.post('/password-reset/request', { email });
      const unknown = await t.post('/password-reset/request', { email: nobody });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(unknown.body).toEqual(known.body);
      const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from outbox where to_email = ${nobody}`;
      expect(row!.n).toBe(0);
      await resetToken(email);
    });

    it('sets the password once per link and ends every session', async () => {
      const t = client();
      const { email, cookie } = await t.signUp();
      await t.post('/password-reset/request', { email: email.toUpperCase() });
      const token = await resetToken(email);
      const confirmed = await t.post('/password-reset/confirm', { token, newPassword: 'the reset passphrase' });
      expect(confirmed.status).toBe(200);
      expect((await t.get('/me', cookie)).body).toMatchObject({ error: { code: 'session-expired' } });
      expect((await t.post('/login', { email, password: PASSWORD })).status).toBe(401);
      expect((await t.post('/login', { email, password: 'the reset passphrase' })).status).toBe(200);

      const reused = await t.post('/password-reset/confirm', { token, newPassword: 'yet another passphrase' });
      expect(reused.status).toBe(400);
      expect(reused.body).toMatchObject({ error: { code: 'invalid-token' } });
    });

    it('refuses an expired link', async () => {
      const t = client();
      const { email } = await t.signUp();
      await t.post('/password-reset/request', { email });
      const token = await resetToken(email);
      t.clock.advance(61 * MINUTE);
      const expired = await t.post('/password-reset/confirm', { token, newPassword: 'the reset passphrase' });
      expect(expired.status).toBe(400);
      expect(expired.body).toMatchObject({ error: { code: 'invalid-token' } });
      expect((await t.post('/login', { email, password: PASSWORD })).status).toBe(200);
    });

    it('lifts a sign-in lock on the email', async () => {
      const t = client();
      const { email } = await t.signUp();
      for (let i = 0; i < 5; i++) await t.post('/login', { email, password: 'wrong password' }, { ip: `192.0.2.${100 + i}` });
      expect((await t.post('/login', { email, password: PASSWORD })).status).toBe(429);
      await t.post('/password-reset/request', { email });
      await t.post('/password-reset/confirm', { token: await resetToken(email), newPassword: 'the reset passphrase' });
      expect((await t.post('/login', { email, password: 'the reset passphrase' })).status).toBe(200);
    });
  });
});
