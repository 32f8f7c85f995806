/**
 * The sync protocol between a device's RxDB replication and the sync server, shared so both sides speak the
 * same words. `protocol.test.ts` pins every constant here: changing one is a deliberate protocol change.
 *
 *   GET  /api/tenants/:tenantId/sync/:collection/pull?checkpoint=<json>&limit=<n> → PullResponse
 *   POST /api/tenants/:tenantId/sync/:collection/push  PushRow[]                  → the conflicting master documents
 *   GET  /api/tenants/:tenantId/sync/stream (server-sent events)                  → StreamMessage
 */
import * as v from 'valibot';
import { DEFAULT_MAX_DRIFT_MS } from './hlc';

export const SYNC_PROTOCOL_VERSION = 1;

/** Every sync request carries the client's protocol version, so the server can say "please update". */
export const SYNC_PROTOCOL_HEADER = 'x-vitals-sync-protocol';

/** At most 10: RxDB's open-core build refuses a 14th open collection per process (DESIGN.md). */
export const COLLECTION_NAMES = [
  'accounts',
  'measurements',
  'versions',
  'playbook_runs',
  'conversations',
  'alerts',
  'settings',
  'members',
] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && (COLLECTION_NAMES as readonly string[]).includes(value);
}

export const PULL_LIMIT_MAX = 1000;
/** A push is one request body; 500 measurement documents are about 1 MB of JSON. */
export const PUSH_ROWS_MAX = 500;
/** The stream sends a heartbeat this often, so a device can tell a quiet stream from a dead one (2 missed = dead). */
export const STREAM_HEARTBEAT_MS = 15_000;

export function syncRoutes(
  tenantId: string,
  collection: CollectionName,
): { pull: string; push: string; stream: string } {
  const base = `/api/tenants/${encodeURIComponent(tenantId)}/sync`;
  return { pull: `${base}/${collection}/pull`, push: `${base}/${collection}/push`, stream: `${base}/stream` };
}

// ---------------------------------------------------------------------------------------------- checkpoints

/**
 * Where a device is in a collection's change feed: the server-assigned sequence of the last document it
 * received (device clocks cannot order writes from different devices), plus that document's id, and the
 * server's sync epoch. Restoring a backup starts a new epoch: sequence numbers go back to the backup's, so a
 * checkpoint of an earlier epoch means nothing any more and its pull is refused with `epoch-changed`.
 * (A checkpoint without an epoch, from before epochs, is taken as of the current one.)
 */
export interface Checkpoint {
  readonly id: string;
  readonly seq: number;
  readonly epoch?: string;
}

const DOCUMENT_ID_MAX_LENGTH = 128;
const EPOCH_MAX_LENGTH = 64;

export const checkpointSchema = v.strictObject({
  id: v.pipe(v.string(), v.maxLength(DOCUMENT_ID_MAX_LENGTH)),
  seq: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  epoch: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(EPOCH_MAX_LENGTH))),
});

export function serializeCheckpoint(checkpoint: Checkpoint): string {
  const { id, seq, epoch } = checkpoint;
  return JSON.stringify(epoch === undefined ? { id, seq } : { id, seq, epoch });
}

/** Returns the checkpoint, or `null` when the text is not one (never throws: it comes from a query string). */
export function parseCheckpoint(text: string): Checkpoint | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const result = v.safeParse(checkpointSchema, json);
  return result.success ? result.output : null;
}

// ---------------------------------------------------------------------------------------------------- pull

/** The pull query as it arrives (strings); `checkpoint` is absent on a device's first pull. */
export const pullQuerySchema = v.object({
  checkpoint: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(DOCUMENT_ID_MAX_LENGTH + EPOCH_MAX_LENGTH + 64),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const checkpoint = parseCheckpoint(dataset.value);
        if (checkpoint) return checkpoint;
        addIssue({ message: 'Expected a checkpoint: JSON {"id": string, "seq": integer ≥ 0, "epoch"?: string}' });
        return NEVER;
      }),
    ),
  ),
  limit: v.pipe(
    v.string(),
    v.regex(/^\d{1,4}$/, 'Expected a whole number'),
    v.transform(Number),
    v.minValue(1),
    v.maxValue(PULL_LIMIT_MAX),
  ),
});
export type PullQuery = v.InferOutput<typeof pullQuerySchema>;

/**
 * `checkpoint` is where the next pull continues; an empty batch returns the incoming checkpoint (null on a
 * first pull of an empty collection), so a device never moves backwards.
 */
export interface PullResponse<Doc> {
  readonly documents: readonly Doc[];
  readonly checkpoint: Checkpoint | null;
}

export function pullResponseSchema<TSchema extends v.GenericSchema>(documentSchema: TSchema) {
  return v.strictObject({ documents: v.array(documentSchema), checkpoint: v.nullable(checkpointSchema) });
}

// ---------------------------------------------------------------------------------------------------- push

/**
 * One written document. `assumedMasterState` is what the device last saw from the server (absent for a new
 * document); when it differs from the server's current state the row is a conflict and the server answers
 * with its current state instead of writing.
 */
export interface PushRow<Doc> {
  readonly assumedMasterState?: Doc;
  readonly newDocumentState: Doc;
}

/** The conflicting master documents, `[]` when every row was written. */
export type PushResponse<Doc> = readonly Doc[];

type Identified = { readonly id: string };

/** The push body for a collection, validating every document with that collection's schema. */
export function pushBodySchema<TDoc extends Identified>(
  documentSchema: v.GenericSchema<unknown, TDoc>,
): v.GenericSchema<unknown, PushRow<TDoc>[]> {
  const doc = documentSchema as v.GenericSchema<unknown, Identified>;
  const row = v.pipe(
    v.strictObject({ assumedMasterState: v.optional(doc), newDocumentState: doc }),
    v.forward(
      v.check(
        (input) =>
          input.assumedMasterState === undefined || input.assumedMasterState.id === input.newDocumentState.id,
        'The assumed master state must be the same document',
      ),
      ['assumedMasterState', 'id'],
    ),
  );
  const body = v.pipe(
    v.array(row),
    v.maxLength(PUSH_ROWS_MAX),
    // Two rows for one document would make the result depend on the order the server happens to apply them.
    v.check(
      (rows) => new Set(rows.map((r) => r.newDocumentState.id)).size === rows.length,
      'Each document may appear only once in a push',
    ),
  );
  // Typed by hand: valibot cannot infer through the generic document schema.
  return body as unknown as v.GenericSchema<unknown, PushRow<TDoc>[]>;
}

// -------------------------------------------------------------------------------------------------- stream

/** The fields every synced document has, whatever its collection. */
export const documentEnvelopeSchema = v.looseObject({
  id: v.pipe(v.string(), v.maxLength(DOCUMENT_ID_MAX_LENGTH)),
  _deleted: v.boolean(),
});

/**
 * Server-sent events on the tenant's stream. `RESYNC` (RxDB's own word) follows a reconnect: changes may have
 * been missed, so every collection pulls from its checkpoint.
 */
export type StreamMessage<Doc = v.InferOutput<typeof documentEnvelopeSchema>> =
  | {
      readonly type: 'CHANGES';
      readonly collection: CollectionName;
      readonly documents: readonly Doc[];
      readonly checkpoint: Checkpoint;
    }
  | { readonly type: 'RESYNC' }
  | { readonly type: 'HEARTBEAT' };

export const streamMessageSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('CHANGES'),
    collection: v.picklist(COLLECTION_NAMES),
    documents: v.array(documentEnvelopeSchema),
    checkpoint: checkpointSchema,
  }),
  v.strictObject({ type: v.literal('RESYNC') }),
  v.strictObject({ type: v.literal('HEARTBEAT') }),
]);

/** One server-sent event frame; the event name repeats the type so devtools show it. */
export function encodeStreamMessage<Doc>(message: StreamMessage<Doc>): string {
  return `event: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`;
}

/** Returns the message, or `null` for anything this protocol version does not know (ignored, not fatal). */
export function parseStreamMessage(data: string): StreamMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const result = v.safeParse(streamMessageSchema, json);
  return result.success ? result.output : null;
}

// ---------------------------------------------------------------------------------------------- reason codes

export const SYNC_REASONS = {
  PROTOCOL_OUTDATED: 'protocol-outdated',
  /** A device newer than the server it reached: a rolling deploy is under way. */
  SERVER_OUTDATED: 'server-outdated',
  SESSION_EXPIRED: 'session-expired',
  /** The user's role may not read or write this (checked per route and per pushed document). */
  FORBIDDEN: 'forbidden',
  /** The session's user is not a member of the tenant in the path, or a document names another tenant. */
  TENANT_MISMATCH: 'tenant-mismatch',
  UNKNOWN_COLLECTION: 'unknown-collection',
  INVALID_REQUEST: 'invalid-request',
  INVALID_DOCUMENT: 'invalid-document',
  /** A pushed timestamp is further ahead of the server's clock than the hybrid clock's drift limit. */
  CLOCK_SKEW: 'clock-skew',
  RATE_LIMITED: 'rate-limited',
  /**
   * The pull's checkpoint is of an earlier sync epoch: the server was restored from a backup. The device
   * starts its replication over (the answer's `details.epoch` names the current epoch): it pulls everything
   * and sends again what it holds, so writes the backup missed reach the server again.
   */
  EPOCH_CHANGED: 'epoch-changed',
} as const;
export type SyncReason = (typeof SYNC_REASONS)[keyof typeof SYNC_REASONS];

const DRIFT_MINUTES = DEFAULT_MAX_DRIFT_MS / 60_000;

/** What a person reads; the one place these sentences live. Every one says what happens to their changes. */
export const SYNC_REASON_MESSAGES: Readonly<Record<SyncReason, string>> = {
  'protocol-outdated':
    'A new version of Vitals is available: please update (reload the app) to keep syncing. Your changes are kept on this device.',
  'server-outdated':
    'The server is being updated. Your changes are kept on this device and will sync in a few minutes.',
  'session-expired':
    'Your session has expired. Sign in again to sync; changes made meanwhile are kept on this device.',
  forbidden: 'Your role does not allow this change, so it was not synced. Ask an admin if you need access.',
  'tenant-mismatch': 'This data belongs to a different organisation than the one you are signed in to.',
  'unknown-collection':
    'This version of the app asked for data the server does not know. Please update the app.',
  'invalid-request': 'The sync request was malformed. Reload the app; your changes are kept on this device.',
  'invalid-document':
    'A change could not be synced because it is invalid. It is kept on this device for you to fix.',
  'clock-skew': `This device's clock is more than ${DRIFT_MINUTES} minutes off. Set the date and time automatically, then sync again.`,
  'rate-limited': 'Too many sync requests at once. Vitals will retry shortly; nothing is lost.',
  'epoch-changed':
    'The server was restored from a backup. Vitals is syncing everything again and sends the changes on this device back to it.',
};

export const SYNC_REASON_STATUS: Readonly<Record<SyncReason, number>> = {
  'protocol-outdated': 426,
  'server-outdated': 503,
  'session-expired': 401,
  forbidden: 403,
  'tenant-mismatch': 403,
  'unknown-collection': 404,
  'invalid-request': 400,
  'invalid-document': 422,
  'clock-skew': 422,
  'rate-limited': 429,
  'epoch-changed': 409,
};

export interface SyncIssue {
  readonly path: string;
  readonly message: string;
}

/** The server's one error shape, `{ error: { code, message } }`. */
export interface SyncErrorBody {
  readonly error: {
    readonly code: SyncReason;
    readonly message: string;
    readonly issues?: readonly SyncIssue[];
    /** `epoch-changed`: the current epoch. */
    readonly details?: { readonly epoch: string };
  };
}

export function syncError(code: SyncReason, issues?: readonly SyncIssue[]): SyncErrorBody {
  const message = SYNC_REASON_MESSAGES[code];
  return { error: issues ? { code, message, issues } : { code, message } };
}

/** `null` when the client's version header matches ours, otherwise why it does not. */
export function checkProtocolVersion(header: string | null | undefined): SyncReason | null {
  const text = (header ?? '').trim();
  const version = /^\d+$/.test(text) ? Number(text) : 0;
  if (version === SYNC_PROTOCOL_VERSION) return null;
  return version > SYNC_PROTOCOL_VERSION ? 'server-outdated' : 'protocol-outdated';
}
