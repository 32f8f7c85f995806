/**
 * Outgoing email, written to the outbox table instead of sent: Vitals needs no SMTP server. A sender
 * (or an operator reading the table) picks rows up and marks them sent. Mail that belongs to no tenant
 * (password resets, email confirmations) has tenant_id NULL and is visible only from a scope without a tenant.
 */
import type { TransactionSql } from '../db/connect';

export type EmailKind = 'password-reset' | 'invitation' | 'email-verification';

export interface OutgoingEmail {
  readonly tenantId: string | null;
  readonly to: string;
  readonly kind: EmailKind;
  readonly subject: string;
  readonly body: string;
}

export async function enqueueEmail(tx: TransactionSql, email: OutgoingEmail, now: Date): Promise<{ id: string }> {
  const [row] = await tx<{ id: string }[]>`
    insert into outbox (tenant_id, to_email, kind, subject, body, created_at)
    values (${email.tenantId}, ${email.to}, ${email.kind}, ${email.subject}, ${email.body}, ${now})
    returning id`;
  if (!row) throw new Error('The outbox insert returned no row.');
  return { id: row.id };
}
