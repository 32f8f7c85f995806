/**
 * The tenant's outbox as its admins see it. With no SMTP server, this page is how invitations reach people:
 * an admin copies the link and passes it on. Two things it must never show: mail of other tenants or of no
 * tenant (password resets, which would let an admin take over a member's account) — row-level security and
 * the WHERE both keep those out — and invitation links to a role the reader could not have invited to (an
 * admin reading an owner's invitation link could make themselves an owner through it).
 */
import { canAssignRole, isRole, ROLE_NAMES, type Role } from '@vitals/shared';
import { hashToken } from '../auth/tokens';
import type { TransactionSql } from '../db/connect';
import { listOutbox, type OutboxEntry } from '../mail/outbox';
import { INVITATION_LINK_TOKEN } from './invitation-email';

/** The newest messages; an outbox is read by people, who want what was just sent. */
export const OUTBOX_PAGE = 100;

/**
 * Said beside the messages, since DESIGN.md asks the app to say plainly which services run in their default
 * mode. Config has no SMTP_URL yet, so nothing is ever sent; once it has, this follows it.
 */
export const OUTBOX_NOTE =
  'Email is not configured on this server (no SMTP_URL), so these messages were not sent: they are kept here instead. Copy an invitation link and pass it on to the person yourself.';

/** A message as the admins' page shows it: their own tenant's, so without the tenant. */
export type OutboxMessage = Omit<OutboxEntry, 'tenantId'>;

/** The transaction must be scoped to `tenantId`. */
export async function readOutbox(
  tx: TransactionSql,
  tenantId: string,
  reader: Role,
): Promise<OutboxMessage[]> {
  const entries = await listOutbox(tx, { tenantId, limit: OUTBOX_PAGE });
  const messages = entries.map(({ tenantId: _tenant, ...message }): OutboxMessage => message);
  const hidden = await rolesOfLinks(tx, tenantId, messages, reader);
  return hidden.size === 0 ? messages : messages.map((m) => ({ ...m, body: hideLinks(m.body, hidden) }));
}

/** Tokens in the messages whose invitation's role the reader may not assign, with that role. */
async function rolesOfLinks(
  tx: TransactionSql,
  tenantId: string,
  messages: readonly OutboxMessage[],
  reader: Role,
): Promise<Map<string, Role>> {
  const byHash = new Map<string, string>();
  for (const m of messages)
    for (const [, token] of m.body.matchAll(INVITATION_LINK_TOKEN)) byHash.set(hashToken(token!), token!);
  if (byHash.size === 0) return new Map();
  const rows = await tx<{ token_hash: string; role: string }[]>`
    select token_hash, role from invitations where tenant_id = ${tenantId} and token_hash in ${tx([...byHash.keys()])}`;
  const hidden = new Map<string, Role>();
  for (const row of rows) {
    const token = byHash.get(row.token_hash);
    if (token && isRole(row.role) && !canAssignRole(reader, row.role)) hidden.set(token, row.role);
  }
  return hidden;
}

function hideLinks(body: string, hidden: ReadonlyMap<string, Role>): string {
  return body.replace(INVITATION_LINK_TOKEN, (link, token: string) => {
    const role = hidden.get(token);
    return role
      ? `/accept-invitation (link hidden: only an owner may pass on an invitation to the ${ROLE_NAMES[role]} role)`
      : link;
  });
}
