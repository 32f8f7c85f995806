/**
 * Outgoing email, written to the outbox table instead of sent: Vitals needs no SMTP server. A sender
 * (or an operator reading the table) picks rows up and marks them sent. Mail that belongs to no tenant
 * (password resets, email confirmations) has tenant_id NULL and is visible only from a scope without a tenant.
 */
import type { Sql, TransactionSql } from '../db/connect';

export type EmailKind = 'password-reset' | 'invitation' | 'email-verification';

export interface OutgoingEmail {
  readonly tenantId: string | null;
  readonly to: string;
  readonly kind: EmailKind;
  readonly subject: string;
  readonly body: string;
}

export async function enqueueEmail(
  tx: TransactionSql,
  email: OutgoingEmail,
  now: Date,
): Promise<{ id: string }> {
  const [row] = await tx<{ id: string }[]>`
    insert into outbox (tenant_id, to_email, kind, subject, body, created_at)
    values (${email.tenantId}, ${email.to}, ${email.kind}, ${email.subject}, ${email.body}, ${now})
    returning id`;
  if (!row) throw new Error('The outbox insert returned no row.');
  return { id: row.id };
}

/** One stored message, as the outbox's readers (admins' page, `vitals outbox`) present it. */
export interface OutboxEntry {
  readonly id: number;
  /** `null` for mail that belongs to no tenant. */
  readonly tenantId: string | null;
  readonly to: string;
  readonly kind: string;
  readonly subject: string;
  readonly body: string;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

export interface OutboxFilter {
  readonly tenantId?: string;
  readonly to?: string;
  readonly kind?: string;
  readonly limit: number;
}

interface OutboxRow {
  id: string;
  tenant_id: string | null;
  to_email: string;
  kind: string;
  subject: string;
  body: string;
  created_at: Date;
  sent_at: Date | null;
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    // bigserial arrives as a string from postgres.js; outbox ids stay far below 2^53.
    id: Number(row.id),
    tenantId: row.tenant_id,
    to: row.to_email,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

/** The newest messages first, as far as the caller's scope (row-level security) lets it see. */
export async function listOutbox(sql: Sql | TransactionSql, filter: OutboxFilter): Promise<OutboxEntry[]> {
  const rows = await sql<OutboxRow[]>`
    select id, tenant_id, to_email, kind, subject, body, created_at, sent_at from outbox
    where true
      ${filter.tenantId === undefined ? sql`` : sql`and tenant_id = ${filter.tenantId}`}
      ${filter.to === undefined ? sql`` : sql`and to_email = ${filter.to}`}
      ${filter.kind === undefined ? sql`` : sql`and kind = ${filter.kind}`}
    order by id desc
    limit ${filter.limit}`;
  return rows.map(toEntry);
}
