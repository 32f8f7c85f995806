/**
 * Reading a push body: the row envelope first (a malformed request is `invalid-request`), then every new
 * document against its collection's schema (an invalid document is `invalid-document`, with every issue and
 * its path, so the device can show what to fix). Schemas are strict: a document naming a tenant, or any
 * other field the schema does not know, is invalid; the tenant only ever comes from the path.
 */
import * as v from 'valibot';
import { COLLECTIONS, PUSH_ROWS_MAX, type CollectionName, type SyncIssue } from '@vitals/shared';
import { withoutSeq, type StoredDocument } from './documents';
import { syncFailure } from './errors';

export interface PushDocumentRow {
  /** What the device last saw from the server, `null` for a document it believes new. */
  readonly assumed: Readonly<Record<string, unknown>> | null;
  /** Validated, without `seq`. */
  readonly next: StoredDocument;
}

const objectSchema = v.custom<Record<string, unknown>>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
  'Expected a document (a JSON object)',
);

const envelopeSchema = v.pipe(
  v.array(v.strictObject({ assumedMasterState: v.optional(objectSchema), newDocumentState: objectSchema })),
  v.maxLength(PUSH_ROWS_MAX, `A push may hold at most ${PUSH_ROWS_MAX} documents`),
);

export function parsePushBody(collection: CollectionName, body: unknown): PushDocumentRow[] {
  const envelope = v.safeParse(envelopeSchema, body);
  if (!envelope.success) {
    throw syncFailure('invalid-request', {
      issues: envelope.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message })),
    });
  }
  const validate = COLLECTIONS[collection].validate;
  const issues: SyncIssue[] = [];
  const rows: PushDocumentRow[] = [];
  const ids = new Set<string>();
  envelope.output.forEach((row, index) => {
    // `seq` is the server's: whatever a device sends in it is ignored, never validated or stored.
    const result = validate(withoutSeq(row.newDocumentState));
    if (!result.ok) {
      for (const issue of result.issues) {
        issues.push({
          path: [index, 'newDocumentState', issue.path].filter((p) => p !== '').join('.'),
          message: issue.message,
        });
      }
      return;
    }
    const next = result.value as StoredDocument;
    const assumed = row.assumedMasterState ? withoutSeq(row.assumedMasterState) : null;
    // Both are protocol errors, not document errors: the device's replication code is wrong, not the data.
    if (assumed !== null && assumed.id !== next.id) {
      throw syncFailure('invalid-request', {
        issues: [
          {
            path: `${index}.assumedMasterState.id`,
            message: 'The assumed master state must be the same document',
          },
        ],
      });
    }
    if (ids.has(next.id)) {
      throw syncFailure('invalid-request', {
        issues: [
          { path: `${index}.newDocumentState.id`, message: 'Each document may appear only once in a push' },
        ],
      });
    }
    ids.add(next.id);
    rows.push({ assumed, next });
  });
  if (issues.length > 0) throw syncFailure('invalid-document', { issues });
  return rows;
}
