/**
 * `vitals outbox [--to EMAIL] [--kind KIND] [--limit N] [--json]`: the mail the server wrote to its outbox
 * instead of sending (mail/outbox.ts), newest first — every tenant's and the mail of no tenant (email
 * confirmations, password resets). With no SMTP server this is how an operator reaches a link for someone
 * who signed up or forgot a password. It reads as the connecting database user, as `vitals backup` does:
 * the operator's tool, not the app's (whose admins see only their tenant's invitations, team/outbox.ts).
 */
import { parseArgs } from 'node:util';
import { listOutbox, type OutboxEntry, type OutboxFilter } from '../../mail/outbox';
import { CliError, EXIT } from '../errors';
import { paint, printable, type Style } from '../style';
import { withDatabase } from './database';

export const OUTBOX_USAGE = 'Usage: vitals outbox [--to EMAIL] [--kind KIND] [--limit N] [--json]';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

/** Each message as a labelled block, labels aligned, the body indented below; control characters escaped. */
export function renderOutbox(entries: readonly OutboxEntry[], style: Style): string {
  if (entries.length === 0) return 'The outbox has no messages that match.\n';
  const blocks = entries.map((entry) => {
    const fields: [string, string][] = [
      ['To', printable(entry.to)],
      ['Kind', printable(entry.kind)],
      ['Created', entry.createdAt],
      ['Tenant', entry.tenantId ?? '(none)'],
      ['Sent', entry.sentAt ?? 'not sent'],
    ];
    const width = Math.max(...fields.map(([label]) => label.length));
    const body = entry.body
      .replace(/\n+$/, '')
      .split('\n')
      .map((line) => (line ? `    ${printable(line)}` : ''));
    return [
      paint(style, 'bold', `#${entry.id}  ${printable(entry.subject)}`),
      ...fields.map(([label, value]) => `  ${paint(style, 'grey', label.padEnd(width))}  ${value}`),
      '',
      ...body,
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIMIT;
  const limit = Number(text);
  if (!/^\d+$/.test(text) || limit < 1 || limit > MAX_LIMIT) {
    throw new CliError(`--limit must be a whole number from 1 to ${MAX_LIMIT}.`, EXIT.usage);
  }
  return limit;
}

export async function outboxCommand(args: string[], style: Style, write: (text: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      kind: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new CliError(OUTBOX_USAGE, EXIT.usage);
  const query: OutboxFilter = {
    // Addresses are stored lowercase (mail goes to users' normalised emails).
    to: values.to?.trim().toLowerCase(),
    kind: values.kind?.trim(),
    limit: parseLimit(values.limit),
  };
  const entries = await withDatabase((db) => listOutbox(db.sql, query));
  write(values.json ? `${JSON.stringify(entries, null, 2)}\n` : renderOutbox(entries, style));
}
