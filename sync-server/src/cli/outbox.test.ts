import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { enqueueEmail, type OutgoingEmail } from '../mail/outbox';
import { runVitals } from '../testing/run-cli';
import type { OutboxEntry } from '../mail/outbox';

const AT = new Date('2025-10-01T09:00:00Z');
const MINUTE = 60_000;

// `vitals outbox` as an operator runs it, a separate process on an embedded database written beforehand.
describe('vitals outbox', () => {
  let dir: string;
  let tenantId: string;
  const vitals = (...args: string[]) => runVitals(['outbox', ...args], { dataDir: dir });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vitals-cli-outbox-'));
    const db = await openEmbeddedDatabase(dir);
    try {
      await migrate(db.sql);
      const [tenant] = await db.sql<{ id: string }[]>`insert into tenants (slug, name) values ('globex', 'Globex') returning id`;
      tenantId = tenant!.id;
      const mails: OutgoingEmail[] = [
        { tenantId: null, to: 'ana@example.test', kind: 'email-verification', subject: 'Confirm your email for Vitals', body: 'Welcome.\n\nOpen http://localhost:8787/verify-email?token=abc\n' },
        { tenantId, to: 'bo@example.test', kind: 'invitation', subject: 'Hank invited you to Globex on Vitals', body: 'Join us.\n' },
        { tenantId: null, to: 'ana@example.test', kind: 'password-reset', subject: 'Reset your Vitals password', body: 'Reset \u001b[31mhere\n' },
      ];
      await db.sql.begin(async (tx) => {
        for (const [i, mail] of mails.entries()) await enqueueEmail(tx, mail, new Date(AT.getTime() + i * MINUTE));
      });
    } finally {
      await db.close();
    }
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints every tenant’s mail and tenant-less mail as JSON, newest first', async () => {
    const run = await vitals('--json');
    expect(run.code).toBe(0);
    const entries = JSON.parse(run.stdout) as OutboxEntry[];
    expect(entries.map((e) => [e.kind, e.to, e.tenantId])).toEqual([
      ['password-reset', 'ana@example.test', null],
      ['invitation', 'bo@example.test', tenantId],
      ['email-verification', 'ana@example.test', null],
    ]);
    expect(entries[2]).toEqual({
      id: expect.any(Number),
      tenantId: null,
      to: 'ana@example.test',
      kind: 'email-verification',
      subject: 'Confirm your email for Vitals',
      body: 'Welcome.\n\nOpen http://localhost:8787/verify-email?token=abc\n',
      createdAt: AT.toISOString(),
      sentAt: null,
    });
    expect(JSON.parse((await vitals('--json', '--limit', '1')).stdout)).toHaveLength(1);
  }, 60_000);

  it('filters by address and kind, and shows each message for people, body included', async () => {
    const run = await vitals('--to', 'ANA@example.test', '--kind', 'email-verification');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^#\d+ {2}Confirm your email for Vitals$/);
    expect(lines.slice(1, 6)).toEqual([
      '  To       ana@example.test',
      '  Kind     email-verification',
      `  Created  ${AT.toISOString()}`,
      '  Tenant   (none)',
      '  Sent     not sent',
    ]);
    expect(lines.slice(6)).toEqual(['', '    Welcome.', '', '    Open http://localhost:8787/verify-email?token=abc', '']);
    // Control characters from a body cannot recolour the operator's terminal.
    expect((await vitals('--kind', 'password-reset')).stdout).toContain('Reset \\u001b[31mhere');
    expect((await vitals('--to', 'nobody@example.test')).stdout).toBe('The outbox has no messages that match.\n');
  }, 60_000);

  it('refuses a bad limit and stray arguments as usage errors', async () => {
    expect(await vitals('--limit', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('--limit') });
    expect(await vitals('--limit', 'ten')).toMatchObject({ code: 2 });
    expect(await vitals('everything')).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: vitals outbox') });
    expect((await runVitals(['help'])).stdout).toContain('outbox [--to EMAIL]');
  }, 60_000);
});
