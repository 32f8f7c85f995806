import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { hashToken } from '../auth/tokens';
import type { FeedEvent } from '../sync/change-feed';
import { testApp, testClock } from '../testing/app';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { syncClient } from '../testing/sync-client';
import { caller } from '../testing/caller';
import { createTestTenant, type TestTenant } from '../testing/tenants';

type Roles = 'owner' | 'admin' | 'manager' | 'csm' | 'viewer';

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'correct horse battery';
const INVALID_TOKEN = {
  code: 'invalid-token',
  message: 'This invitation link is invalid, used, withdrawn or expired. Ask for a new invitation.',
};


interface InvitationJson {
  id: string;
  email: string;
  role: string;
  invitedBy: { id: string; name: string; email: string } | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

let seq = 0;
const newEmail = (prefix: string): string =>
  `${prefix}-${++seq}-${Math.random().toString(36).slice(2, 8)}@example.com`;


describe.each(databaseKinds())('invitations on %s PostgreSQL', (kind) => {
  let db: Database;
  let harness: ReturnType<typeof testApp>;
  let call: ReturnType<typeof caller>;
  let a: TestTenant<Roles>;
  let b: TestTenant<'owner'>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    harness = testApp(db);
    call = caller(harness.app);
    const now = harness.clock.now();
    a = await createTestTenant(db, {
      name: 'Acme Health',
      roles: { owner: 'owner', admin: 'admin', manager: 'manager', csm: 'csm', viewer: 'viewer' },
      now,
    });
    b = await createTestTenant(db, { name: 'Beta Labs', roles: { owner: 'owner' }, now });
  });
  afterAll(() => db.close());

  const invite = (tenant: { id: string }, cookie: string, body: unknown) =>
    call('POST', `/api/tenants/${tenant.id}/invitations`, { cookie, body });
  const accept = (body: unknown, cookie?: string) =>
    call('POST', '/api/auth/invitations/accept', { body, cookie });

  /** The token of the newest invitation link mailed to `email`, read from the outbox as its owner sees it. */
  async function tokenFromOutbox(tenant: { id: string }, cookie: string, email: string): Promise<string> {
    const outbox = await call('GET', `/api/tenants/${tenant.id}/outbox`, { cookie });
    expect(outbox.status).toBe(200);
    const message = (outbox.body.messages as { to: string; body: string }[]).find((m) => m.to === email);
    const match = message?.body.match(/http:\/\/localhost:8787\/accept-invitation\?token=([a-z2-7]{32})\n/);
    expect(match, `an invitation link for ${email} in the outbox`).toBeTruthy();
    return match![1]!;
  }

  /** Invites as A's owner and returns the invitation and its token. */
  async function invited(email: string, role: Roles = 'csm') {
    const res = await invite(a, a.users.owner.cookie, { email, role });
    expect(res.status).toBe(201);
    return {
      invitation: res.body.invitation as InvitationJson,
      token: await tokenFromOutbox(a, a.users.owner.cookie, email),
    };
  }

  it('lets an owner invite a csm, who accepts with a password and is signed in as a csm member', async () => {
    const email = newEmail('nina');
    const res = await invite(a, a.users.owner.cookie, { email: ` ${email.toUpperCase()} `, role: 'csm' });
    expect(res.status).toBe(201);
    const invitation = res.body.invitation as InvitationJson;
    expect(invitation).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email,
      role: 'csm',
      invitedBy: { id: a.users.owner.id, name: a.users.owner.name, email: a.users.owner.email },
      createdAt: harness.clock.now().toISOString(),
      expiresAt: new Date(harness.clock.now().getTime() + 7 * DAY).toISOString(),
      acceptedAt: null,
      revokedAt: null,
    });

    const outbox = await call('GET', `/api/tenants/${a.id}/outbox`, { cookie: a.users.owner.cookie });
    const [message] = outbox.body.messages as { to: string; kind: string; subject: string; body: string }[];
    expect(message).toMatchObject({
      to: email,
      kind: 'invitation',
      subject: `${a.users.owner.name} invited you to Acme Health on Vitals`,
    });
    expect(message!.body).toContain(
      `${a.users.owner.name} (${a.users.owner.email}) invited you to join the workspace Acme Health on Vitals as CSM.`,
    );
    expect(message!.body).toContain('within 7 days');
    const token = await tokenFromOutbox(a, a.users.owner.cookie, email);
    // Only the hash is kept, and the API never shows either.
    const [row] = await db.sql<
      { token_hash: string }[]
    >`select token_hash from invitations where id = ${invitation.id}`;
    expect(row!.token_hash).toBe(hashToken(token));
    expect(res.text).not.toContain(token);
    const list = await call('GET', `/api/tenants/${a.id}/invitations`, { cookie: a.users.owner.cookie });
    expect(list.body.invitations).toContainEqual(invitation);
    expect(list.text).not.toContain(token);
    expect(list.text).not.toContain(row!.token_hash);

    const accepted = await accept({ token, name: ' Nina Field ', password: PASSWORD });
    expect(accepted.status).toBe(200);
    // The link came by email, so the new account's address is confirmed.
    expect(accepted.body).toEqual({
      user: { id: expect.any(String), email, name: 'Nina Field', mfaEnabled: false, emailVerified: true },
      tenants: [{ id: a.id, slug: expect.any(String), name: 'Acme Health', role: 'csm' }],
      tenantId: a.id,
    });
    expect(accepted.cookie).toMatch(/^vitals_session=[a-z2-7]{32}$/);
    const me = await call('GET', '/api/auth/me', { cookie: accepted.cookie });
    expect(me.body).toEqual({ user: accepted.body.user, tenants: accepted.body.tenants });
    // A csm now: a member (not 404), without team.manage (403).
    expect((await call('GET', `/api/tenants/${a.id}/invitations`, { cookie: accepted.cookie })).status).toBe(
      403,
    );
    // The password they chose is theirs.
    expect((await call('POST', '/api/auth/login', { body: { email, password: PASSWORD } })).status).toBe(200);

    const after = await call('GET', `/api/tenants/${a.id}/invitations`, { cookie: a.users.owner.cookie });
    expect((after.body.invitations as InvitationJson[]).map((i) => i.id)).not.toContain(invitation.id);
    expect((await accept({ token, name: 'Someone Else', password: PASSWORD })).body).toEqual({
      error: INVALID_TOKEN,
    });

    // Both writes are in the audit trail: who, the address and the role, and never the token.
    const audit = await call('GET', `/api/tenants/${a.id}/audit`, { cookie: a.users.owner.cookie });
    const entries = (
      audit.body.entries as {
        userId: string;
        action: string;
        collection: string;
        documentId: string;
        after: unknown;
      }[]
    ).slice(0, 2);
    const userId = (accepted.body.user as { id: string }).id;
    expect(entries).toEqual([
      expect.objectContaining({
        userId,
        action: 'create',
        collection: 'memberships',
        documentId: userId,
        after: expect.objectContaining({ email, role: 'csm', newAccount: true }),
      }),
      expect.objectContaining({
        userId: a.users.owner.id,
        action: 'create',
        collection: 'invitations',
        documentId: invitation.id,
        after: expect.objectContaining({ email, role: 'csm' }),
      }),
    ]);
    expect(audit.text).not.toContain(token);
    expect(audit.text).not.toContain(row!.token_hash);
  });

  it('makes an existing account sign in as the invited address to accept', async () => {
    const guest = await createTestTenant(db, {
      name: 'Guest Co',
      roles: { owner: 'owner' },
      now: harness.clock.now(),
    });
    const { email, cookie, id } = guest.users.owner;
    const { token } = await invited(email, 'viewer');
    const signInRequired = expect.objectContaining({
      code: 'sign-in-required',
      message: expect.stringContaining(`Sign in as ${email}`),
    });

    // Holding the link is not enough to join, or to set that account's password.
    const anonymous = await accept({ token, name: 'Mallory', password: PASSWORD });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ error: signInRequired });
    expect(anonymous.cookie).toBeUndefined();
    const someoneElse = await accept({ token }, a.users.csm.cookie);
    expect(someoneElse.status).toBe(401);
    expect(someoneElse.body).toEqual({ error: signInRequired });
    const [user] = await db.sql<
      { password_hash: string }[]
    >`select password_hash from users where id = ${id}`;
    expect(user!.password_hash).toBe('!');

    // An account that never confirmed its address has now: the invitation came to it by email.
    await db.sql`update users set email_verified_at = null where id = ${id}`;
    const joined = await accept({ token }, cookie);
    expect(joined.status).toBe(200);
    expect(joined.cookie).toBeUndefined();
    expect(joined.body.user).toMatchObject({ id, email, emailVerified: true });
    expect(joined.body.tenantId).toBe(a.id);
    expect((await call('GET', '/api/auth/me', { cookie })).body.user).toMatchObject({ emailVerified: true });
    expect((joined.body.tenants as { id: string; role: string }[]).map((t) => [t.id, t.role]).sort()).toEqual(
      [
        [a.id, 'viewer'],
        [guest.id, 'owner'],
      ].sort(),
    );
    const [member] = await db.sql<
      { role: string }[]
    >`select role from memberships where tenant_id = ${a.id} and user_id = ${id}`;
    expect(member?.role).toBe('viewer');
  });

  it("puts whoever joins on the team's devices: a members document, pulled by others, streams told", async () => {
    const events: FeedEvent[] = [];
    const unsubscribe = harness.deps.feed.subscribe(a.id, (event) => events.push(event));
    const devices = syncClient(harness.app, a.id, a.users.csm.cookie);
    const { checkpoint } = await devices.pullAll('members');
    try {
      const email = newEmail('dana');
      const { token } = await invited(email, 'manager');
      const accepted = await accept({ token, name: 'Dana Reed', password: PASSWORD });
      expect(accepted.status).toBe(200);
      const newcomer = (accepted.body.user as { id: string }).id;

      const guest = await createTestTenant(db, {
        name: 'Joiner Co',
        roles: { owner: 'owner' },
        now: harness.clock.now(),
      });
      const existing = await invited(guest.users.owner.email, 'viewer');
      expect((await accept({ token: existing.token }, guest.users.owner.cookie)).status).toBe(200);

      const pulled = await devices.pullAll('members', { checkpoint });
      expect(pulled.documents).toEqual([
        {
          id: newcomer,
          name: 'Dana Reed',
          email,
          role: 'manager',
          managerId: null,
          _deleted: false,
          seq: expect.any(Number),
        },
        {
          id: guest.users.owner.id,
          name: guest.users.owner.name,
          email: guest.users.owner.email,
          role: 'viewer',
          managerId: null,
          _deleted: false,
          seq: expect.any(Number),
        },
      ]);
      // Each join told the tenant's open streams, at the document it wrote.
      expect(events).toEqual(
        pulled.documents.map((d) => ({
          type: 'change',
          change: { tenantId: a.id, collection: 'members', checkpoint: { id: d.id, seq: d.seq } },
        })),
      );
      // And the newcomer's own device sees themself among the team.
      const own = await syncClient(harness.app, a.id, accepted.cookie!).pullAll('members');
      expect(own.documents.map((d) => d.id)).toContain(newcomer);
    } finally {
      unsubscribe();
    }
  });

  describe('preview by token', () => {
    const NOT_FOUND = {
      code: 'invitation-not-found',
      message: 'This invitation link is invalid, used, withdrawn or expired. Ask for a new invitation.',
    };
    const preview = (token: string) => call('GET', `/api/auth/invitations/${token}`);

    it('shows the workspace, inviter, address and role, and whether the address has an account', async () => {
      const email = newEmail('quinn');
      const { invitation, token } = await invited(email, 'manager');
      const res = await preview(token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        invitation: {
          tenantName: 'Acme Health',
          inviterName: a.users.owner.name,
          email,
          role: 'manager',
          expiresAt: invitation.expiresAt,
          accountExists: false,
        },
      });
      // Looking changes nothing: the link still accepts.
      expect((await accept({ token, name: 'Quinn', password: PASSWORD })).status).toBe(200);
      expect(await preview(token)).toMatchObject({ status: 404, body: { error: NOT_FOUND } });

      const { token: forMember } = await invited(b.users.owner.email, 'viewer');
      expect((await preview(forMember)).body).toMatchObject({ invitation: { email: b.users.owner.email, accountExists: true } });
    });

    it('answers an unknown, malformed or withdrawn link with one 404', async () => {
      expect(await preview('a'.repeat(32))).toMatchObject({ status: 404, body: { error: NOT_FOUND } });
      expect(await preview('not-a-token')).toMatchObject({ status: 404, body: { error: NOT_FOUND } });
      const { invitation, token } = await invited(newEmail('rae'));
      expect((await preview(token)).status).toBe(200);
      const path = `/api/tenants/${a.id}/invitations/${invitation.id}`;
      expect((await call('DELETE', path, { cookie: a.users.owner.cookie })).status).toBe(200);
      expect(await preview(token)).toMatchObject({ status: 404, body: { error: NOT_FOUND } });
    });
  });

  it('asks a new person for a name and a password, by sign-up’s rules, without using the link up', async () => {
    const email = newEmail('pat');
    const { token } = await invited(email);
    const bare = await accept({ token });
    expect(bare.status).toBe(400);
    expect(bare.body).toEqual({
      error: {
        code: 'invalid-input',
        message: 'Enter your name.',
        details: {
          issues: [
            { path: 'name', message: 'Enter your name.' },
            { path: 'password', message: 'Choose a password for your new account.' },
          ],
        },
      },
    });
    const short = await accept({ token, name: 'Pat', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({
      error: { code: 'invalid-input', message: 'Use at least 10 characters for your password.' },
    });
    expect((await accept({ token, name: 'Pat', password: PASSWORD })).status).toBe(200);
  });

  it.each<[Roles, Roles, number]>([
    ['owner', 'owner', 201],
    ['admin', 'admin', 201],
    ['admin', 'viewer', 201],
    ['admin', 'owner', 403],
    ['manager', 'csm', 403],
    ['csm', 'csm', 403],
    ['viewer', 'viewer', 403],
  ])('answers a %s inviting a new %s with %i', async (inviter, role, status) => {
    const email = newEmail(`by-${inviter}`);
    const res = await invite(a, a.users[inviter].cookie, { email, role });
    expect(res.status).toBe(status);
    if (status === 403) {
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
      const [row] = await db.sql`select 1 from invitations where email = ${email}`;
      expect(row).toBeUndefined();
      const [mail] = await db.sql`select 1 from outbox where to_email = ${email}`;
      expect(mail).toBeUndefined();
    }
  });

  it('refuses to invite a member (409) and a malformed invitation (400)', async () => {
    const member = await invite(a, a.users.owner.cookie, {
      email: a.users.csm.email.toUpperCase(),
      role: 'viewer',
    });
    expect(member.status).toBe(409);
    expect(member.body).toEqual({
      error: {
        code: 'already-member',
        message: `${a.users.csm.email} is already a member of this workspace.`,
      },
    });
    const badEmail = await invite(a, a.users.owner.cookie, { email: 'not an email', role: 'csm' });
    expect(badEmail.body).toMatchObject({
      error: { code: 'invalid-input', message: 'Enter a valid email address, such as ana@example.com.' },
    });
    const badRole = await invite(a, a.users.owner.cookie, { email: newEmail('x'), role: 'superuser' });
    expect(badRole.body).toMatchObject({
      error: { code: 'invalid-input', message: 'Choose a role: owner, admin, manager, csm, viewer.' },
    });
  });

  it('replaces the token (and role) when a pending address is invited again', async () => {
    const email = newEmail('twice');
    const first = await invited(email, 'viewer');
    const second = await invited(email, 'manager');
    expect(second.invitation).toMatchObject({ id: first.invitation.id, role: 'manager' });
    expect(second.token).not.toBe(first.token);
    const list = await call('GET', `/api/tenants/${a.id}/invitations`, { cookie: a.users.admin.cookie });
    expect((list.body.invitations as InvitationJson[]).filter((i) => i.email === email)).toEqual([
      second.invitation,
    ]);

    expect((await accept({ token: first.token, name: 'Tw', password: PASSWORD })).body).toEqual({
      error: INVALID_TOKEN,
    });
    const joined = await accept({ token: second.token, name: 'Tw', password: PASSWORD });
    expect(joined.body.tenants).toEqual([expect.objectContaining({ id: a.id, role: 'manager' })]);
  });

  it('refuses an expired link, and no longer lists it', async () => {
    const clock = testClock(harness.clock.now());
    const own = testApp(db, { clock });
    const ownCall = caller(own.app);
    const email = newEmail('late');
    const res = await ownCall('POST', `/api/tenants/${a.id}/invitations`, {
      cookie: a.users.owner.cookie,
      body: { email, role: 'csm' },
    });
    expect(res.status).toBe(201);
    const token = await tokenFromOutbox(a, a.users.owner.cookie, email);

    clock.advance(7 * DAY + 1000);
    const late = await ownCall('POST', '/api/auth/invitations/accept', {
      body: { token, name: 'Late', password: PASSWORD },
    });
    expect(late.status).toBe(400);
    expect(late.body).toEqual({ error: INVALID_TOKEN });
    const list = await ownCall('GET', `/api/tenants/${a.id}/invitations`, { cookie: a.users.owner.cookie });
    expect((list.body.invitations as InvitationJson[]).map((i) => i.email)).not.toContain(email);
  });

  it('withdraws an invitation: its link stops working and the withdrawal is audited', async () => {
    const email = newEmail('withdrawn');
    const { invitation, token } = await invited(email);
    const path = `/api/tenants/${a.id}/invitations/${invitation.id}`;
    expect((await call('DELETE', path, { cookie: a.users.csm.cookie })).status).toBe(403);

    const revoked = await call('DELETE', path, { cookie: a.users.admin.cookie });
    expect(revoked.status).toBe(200);
    expect(revoked.body.invitation).toEqual({ ...invitation, revokedAt: harness.clock.now().toISOString() });
    expect((await accept({ token, name: 'W', password: PASSWORD })).body).toEqual({ error: INVALID_TOKEN });
    const list = await call('GET', `/api/tenants/${a.id}/invitations`, { cookie: a.users.owner.cookie });
    expect((list.body.invitations as InvitationJson[]).map((i) => i.id)).not.toContain(invitation.id);
    // Withdrawing again is answered the same way.
    expect((await call('DELETE', path, { cookie: a.users.admin.cookie })).body).toEqual(revoked.body);

    const audit = await call('GET', `/api/tenants/${a.id}/audit?limit=1`, { cookie: a.users.owner.cookie });
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        userId: a.users.admin.id,
        action: 'delete',
        collection: 'invitations',
        documentId: invitation.id,
        before: expect.objectContaining({ email, role: 'csm' }),
      }),
    ]);
  });

  it('lets only an owner withdraw an invitation to the owner role, and not one already accepted', async () => {
    const ownerInvite = await invited(newEmail('co-owner'), 'owner');
    const path = `/api/tenants/${a.id}/invitations/${ownerInvite.invitation.id}`;
    expect((await call('DELETE', path, { cookie: a.users.admin.cookie })).status).toBe(403);
    expect((await call('DELETE', path, { cookie: a.users.owner.cookie })).status).toBe(200);

    const done = await invited(newEmail('done'));
    expect((await accept({ token: done.token, name: 'D', password: PASSWORD })).status).toBe(200);
    const late = await call('DELETE', `/api/tenants/${a.id}/invitations/${done.invitation.id}`, {
      cookie: a.users.owner.cookie,
    });
    expect(late.status).toBe(409);
    expect(
      (
        await call('DELETE', `/api/tenants/${a.id}/invitations/00000000-0000-4000-8000-000000000000`, {
          cookie: a.users.owner.cookie,
        })
      ).status,
    ).toBe(404);
    expect(
      (await call('DELETE', `/api/tenants/${a.id}/invitations/not-an-id`, { cookie: a.users.owner.cookie }))
        .status,
    ).toBe(404);
  });

  it.each([
    ['garbage', 'not a token'],
    ['an empty token', ''],
    ['a well-formed token nobody was sent', 'a'.repeat(32)],
  ])('answers %s with the one invalid-token answer', async (_name, token) => {
    const res = await accept({ token, name: 'X', password: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: INVALID_TOKEN });
  });

  describe('tenant isolation', () => {
    let bInvitation: InvitationJson;
    let bToken: string;

    beforeAll(async () => {
      const email = newEmail('beta');
      const res = await invite(b, b.users.owner.cookie, { email, role: 'admin' });
      expect(res.status).toBe(201);
      bInvitation = res.body.invitation as InvitationJson;
      bToken = await tokenFromOutbox(b, b.users.owner.cookie, email);
    });

    it.each([
      ['list', 'GET', 'invitations'],
      ['invite into', 'POST', 'invitations'],
      ['withdraw', 'DELETE', 'invitations/:id'],
      ['read the outbox of', 'GET', 'outbox'],
    ])("does not let a member of A %s B's workspace (404)", async (_what, method, path) => {
      const res = await call(method, `/api/tenants/${b.id}/${path.replace(':id', bInvitation.id)}`, {
        cookie: a.users.owner.cookie,
        body: method === 'POST' ? { email: newEmail('sneak'), role: 'owner' } : undefined,
      });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not-found', message: 'That workspace was not found.' } });
    });

    it("does not let A withdraw B's invitation through A's path", async () => {
      const res = await call('DELETE', `/api/tenants/${a.id}/invitations/${bInvitation.id}`, {
        cookie: a.users.owner.cookie,
      });
      expect(res.status).toBe(404);
      const list = await call('GET', `/api/tenants/${b.id}/invitations`, { cookie: b.users.owner.cookie });
      expect(list.body.invitations).toContainEqual(bInvitation);
    });

    it("joins B, never A, with B's token, even when a member of A accepts it", async () => {
      const res = await accept({ token: bToken, name: 'Bea', password: PASSWORD }, a.users.viewer.cookie);
      expect(res.status).toBe(200);
      expect(res.body.tenants).toEqual([expect.objectContaining({ id: b.id, role: 'admin' })]);
      const userId = (res.body.user as { id: string }).id;
      expect(await db.sql`select tenant_id from memberships where user_id = ${userId}`).toEqual([
        { tenant_id: b.id },
      ]);
      expect((await call('GET', `/api/tenants/${a.id}/invitations`, { cookie: res.cookie })).status).toBe(
        404,
      );
    });

    it("keeps B's invitations from the request role, unless it holds that one token", async () => {
      const [other] = await db.sql<
        { token_hash: string }[]
      >`select token_hash from invitations where id = ${bInvitation.id}`;
      const seen = (scope: { tenantId?: string }, tokenHash?: string) =>
        withScope(db.sql, scope, async (tx) => {
          if (tokenHash) await tx`select set_config('app.invitation_token_hash', ${tokenHash}, true)`;
          return (await tx<{ tenant_id: string }[]>`select tenant_id from invitations`).map(
            (r) => r.tenant_id,
          );
        });
      expect(new Set(await seen({ tenantId: a.id }))).toEqual(new Set([a.id]));
      expect(await seen({})).toEqual([]);
      expect(await seen({}, other!.token_hash)).toEqual([b.id]);
      // Holding a token lets one read its row, not change it.
      const changed = await withScope(db.sql, {}, async (tx) => {
        await tx`select set_config('app.invitation_token_hash', ${other!.token_hash}, true)`;
        return (await tx`update invitations set role = 'owner' where token_hash = ${other!.token_hash}`)
          .count;
      });
      expect(changed).toBe(0);
    });
  });
});
