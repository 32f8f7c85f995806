/**
 * `GET /api/tenants/:tenantId/audit?after=<id>|before=<id>&limit=<n>&format=json|csv`: the tenant's audit
 * trail, for owners and admins (`audit.read`). Without a cursor, the newest entries first (what a person
 * looks at); `before` pages further back; `after` reads forward from an id, oldest first, which is how an
 * export or a log shipper follows the trail without missing entries that arrive meanwhile.
 *
 * JSON: `{ entries, next }`, `next` being the cursor of the following page or `null` at the end.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { auditToCsv } from '../audit/export';
import { readAudit, type AuditCursor } from '../audit/read';
import type { AppEnv } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError, ERROR_CODES } from '../errors';
import { requirePermission } from '../middleware/tenant';

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 1000;
/** An export is read by a program, in bigger pages. */
export const AUDIT_CSV_PAGE_MAX = 10_000;

const id = v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be an entry id'), v.transform(Number));
const querySchema = v.pipe(
  v.object({
    after: v.optional(id),
    before: v.optional(id),
    limit: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^\d{1,5}$/, 'must be a whole number'),
        v.transform(Number),
        v.minValue(1, 'must be at least 1'),
      ),
    ),
    format: v.optional(v.picklist(['json', 'csv'], 'must be json or csv'), 'json'),
  }),
  v.check((q) => q.after === undefined || q.before === undefined, 'Use either after or before, not both'),
  v.check(
    (q) => q.limit === undefined || q.limit <= (q.format === 'csv' ? AUDIT_CSV_PAGE_MAX : AUDIT_PAGE_MAX),
    `limit must be at most ${AUDIT_PAGE_MAX} (${AUDIT_CSV_PAGE_MAX} for CSV)`,
  ),
);

export const auditRoutes = new Hono<AppEnv>().get('/', requirePermission('audit.read'), async (c) => {
  const parsed = v.safeParse(querySchema, c.req.query());
  if (!parsed.success) {
    const details = parsed.issues.map((issue) => ({
      path: v.getDotPath(issue) ?? '',
      message: issue.message,
    }));
    throw new ApiError(
      400,
      ERROR_CODES.invalidInput,
      `The audit query is invalid: ${details.map((d) => `${d.path || 'query'} ${d.message}`).join('; ')}.`,
      details,
    );
  }
  const { after, before, format } = parsed.output;
  const limit = parsed.output.limit ?? AUDIT_PAGE_DEFAULT;
  const cursor: AuditCursor = after !== undefined ? { after } : before !== undefined ? { before } : null;
  const { tenantId, userId } = c.get('member');
  const entries = await withScope(c.get('deps').db.sql, { tenantId, userId }, (tx) =>
    readAudit(tx, { tenantId, cursor, limit }),
  );

  if (format === 'csv') {
    const day = c.get('deps').now().toISOString().slice(0, 10);
    return c.body(auditToCsv(entries), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="vitals-audit-${day}.csv"`,
    });
  }
  const last = entries[entries.length - 1];
  const next =
    entries.length < limit || !last
      ? null
      : cursor !== null && 'after' in cursor
        ? { after: last.id }
        : { before: last.id };
  return c.json({ entries, next });
});
