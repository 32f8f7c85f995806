import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  COLLECTION_NAMES,
  PULL_LIMIT_MAX,
  PUSH_ROWS_MAX,
  STREAM_HEARTBEAT_MS,
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  SYNC_REASONS,
  SYNC_REASON_MESSAGES,
  SYNC_REASON_STATUS,
  checkProtocolVersion,
  encodeStreamMessage,
  isCollectionName,
  parseCheckpoint,
  parseStreamMessage,
  pullQuerySchema,
  pushBodySchema,
  serializeCheckpoint,
  syncError,
  syncRoutes,
} from './protocol';

/**
 * These pins are the contract with every installed device. Changing one breaks devices in the field: bump
 * SYNC_PROTOCOL_VERSION and update the pin in the same change, on purpose.
 */
describe('pinned protocol', () => {
  it('is version 1, announced in one header', () => {
    expect(SYNC_PROTOCOL_VERSION).toBe(1);
    expect(SYNC_PROTOCOL_HEADER).toBe('x-vitals-sync-protocol');
  });

  it('syncs exactly these collections', () => {
    expect(COLLECTION_NAMES).toEqual([
      'accounts',
      'measurements',
      'versions',
      'playbook_runs',
      'conversations',
      'alerts',
      'settings',
      'members',
    ]);
  });

  it('has these reason codes', () => {
    expect(SYNC_REASONS).toEqual({
      PROTOCOL_OUTDATED: 'protocol-outdated',
      SERVER_OUTDATED: 'server-outdated',
      SESSION_EXPIRED: 'session-expired',
      FORBIDDEN: 'forbidden',
      TENANT_MISMATCH: 'tenant-mismatch',
      UNKNOWN_COLLECTION: 'unknown-collection',
      INVALID_REQUEST: 'invalid-request',
      INVALID_DOCUMENT: 'invalid-document',
      CLOCK_SKEW: 'clock-skew',
      RATE_LIMITED: 'rate-limited',
      EPOCH_CHANGED: 'epoch-changed',
    });
  });

  it('answers each reason with this HTTP status', () => {
    expect(SYNC_REASON_STATUS).toEqual({
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
    });
  });

  it('limits batches', () => {
    expect(PULL_LIMIT_MAX).toBe(1000);
    expect(PUSH_ROWS_MAX).toBe(500);
    expect(STREAM_HEARTBEAT_MS).toBe(15_000);
  });

  it('serves these routes, tenant first so one device can hold several tenants', () => {
    expect(syncRoutes('t1', 'accounts')).toEqual({
      pull: '/api/tenants/t1/sync/accounts/pull',
      push: '/api/tenants/t1/sync/accounts/push',
      stream: '/api/tenants/t1/sync/stream',
    });
    expect(syncRoutes('a/b', 'members').pull).toBe('/api/tenants/a%2Fb/sync/members/pull');
  });
});

describe('reason messages', () => {
  it.each(Object.values(SYNC_REASONS))('%s has a sentence a person can act on', (code) => {
    expect(SYNC_REASON_MESSAGES[code]).toMatch(/^[A-Z].{20,}\.$/);
  });

  it('tells an outdated client to update', () => {
    expect(SYNC_REASON_MESSAGES['protocol-outdated']).toMatch(/please update/i);
  });

  it('builds the one error shape', () => {
    expect(syncError('rate-limited')).toEqual({
      error: { code: 'rate-limited', message: SYNC_REASON_MESSAGES['rate-limited'] },
    });
    expect(syncError('invalid-document', [{ path: 'name', message: 'Too long' }])).toEqual({
      error: {
        code: 'invalid-document',
        message: SYNC_REASON_MESSAGES['invalid-document'],
        issues: [{ path: 'name', message: 'Too long' }],
      },
    });
  });
});

describe('checkProtocolVersion', () => {
  it.each([
    ['1', null],
    [' 1 ', null],
    ['0', 'protocol-outdated'],
    [null, 'protocol-outdated'],
    [undefined, 'protocol-outdated'],
    ['', 'protocol-outdated'],
    ['one', 'protocol-outdated'],
    ['2', 'server-outdated'],
  ])('header %j → %s', (header, reason) => {
    expect(checkProtocolVersion(header)).toBe(reason);
  });
});

describe('collection names', () => {
  it.each([
    ['accounts', true],
    ['playbook_runs', true],
    ['users', false],
    ['__proto__', false],
    ['constructor', false],
    [42, false],
  ])('%j is a collection: %s', (name, expected) => {
    expect(isCollectionName(name)).toBe(expected);
  });
});

describe('checkpoints', () => {
  it('round-trips', () => {
    const text = serializeCheckpoint({ id: 'acc-1', seq: 42 });
    expect(parseCheckpoint(text)).toEqual({ id: 'acc-1', seq: 42 });
  });

  it('round-trips with the sync epoch', () => {
    const checkpoint = { id: 'acc-1', seq: 42, epoch: '5b0e3c1e-8d4f-4a57-9a61-0c3f2f1d9e77' };
    expect(parseCheckpoint(serializeCheckpoint(checkpoint))).toEqual(checkpoint);
  });

  it.each([
    ['not JSON', '{id:'],
    ['a number', '42'],
    ['null', 'null'],
    ['negative seq', '{"id":"a","seq":-1}'],
    ['fractional seq', '{"id":"a","seq":1.5}'],
    ['missing id', '{"seq":1}'],
    ['extra keys', '{"id":"a","seq":1,"updatedAt":0}'],
    ['an empty epoch', '{"id":"a","seq":1,"epoch":""}'],
    ['an epoch that is not text', '{"id":"a","seq":1,"epoch":7}'],
    ['device time instead of seq', '{"id":"a","updatedAt":1700000000000}'],
  ])('rejects %s', (_label, text) => {
    expect(parseCheckpoint(text)).toBeNull();
  });
});

describe('pull query', () => {
  it.each([
    [{ limit: '100' }, { limit: 100 }],
    [
      { limit: '1000', checkpoint: '{"id":"a","seq":7}' },
      { limit: 1000, checkpoint: { id: 'a', seq: 7 } },
    ],
    [{ limit: '1', ignored: 'x' }, { limit: 1 }],
  ])('accepts %j', (query, expected) => {
    expect(v.parse(pullQuerySchema, query)).toEqual(expected);
  });

  it.each([
    ['no limit', {}, 'limit'],
    ['limit 0', { limit: '0' }, 'limit'],
    ['limit above the maximum', { limit: '1001' }, 'limit'],
    ['limit not a number', { limit: 'ten' }, 'limit'],
    ['negative limit', { limit: '-5' }, 'limit'],
    ['checkpoint not JSON', { limit: '10', checkpoint: 'seq=5' }, 'checkpoint'],
    ['checkpoint without seq', { limit: '10', checkpoint: '{"id":"a"}' }, 'checkpoint'],
  ])('rejects %s', (_label, query, path) => {
    const result = v.safeParse(pullQuerySchema, query);
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toContain(path);
  });
});

describe('push body', () => {
  const doc = v.strictObject({ id: v.string(), name: v.string(), _deleted: v.boolean() });
  const schema = pushBodySchema(doc);
  const a = { id: 'a', name: 'A', _deleted: false };

  it('accepts rows with and without an assumed master state', () => {
    const body = [
      { newDocumentState: a },
      { assumedMasterState: { ...a, id: 'b' }, newDocumentState: { ...a, id: 'b', name: 'B' } },
    ];
    expect(v.parse(schema, body)).toEqual(body);
    expect(v.parse(schema, [])).toEqual([]);
  });

  it.each([
    ['not an array', { newDocumentState: a }, ''],
    ['an invalid document', [{ newDocumentState: { ...a, name: 7 } }], '0.newDocumentState.name'],
    ['an unknown row key', [{ newDocumentState: a, forceWrite: true }], '0.forceWrite'],
    ['the same document twice', [{ newDocumentState: a }, { newDocumentState: a }], ''],
    [
      'a row whose assumed state is another document',
      [{ assumedMasterState: { ...a, id: 'b' }, newDocumentState: a }],
      '0.assumedMasterState.id',
    ],
    [
      'too many rows',
      Array.from({ length: PUSH_ROWS_MAX + 1 }, (_, i) => ({ newDocumentState: { ...a, id: `d${i}` } })),
      '',
    ],
  ])('rejects %s', (_label, body, path) => {
    const result = v.safeParse(schema, body);
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => v.getDotPath(issue) ?? '')).toContain(path);
  });
});

describe('stream messages', () => {
  it.each([
    [
      {
        type: 'CHANGES',
        collection: 'accounts',
        documents: [{ id: 'a', _deleted: false }],
        checkpoint: { id: 'a', seq: 3 },
      },
    ],
    [{ type: 'RESYNC' }],
    [{ type: 'HEARTBEAT' }],
  ] as const)('round-trips %j as a server-sent event', (message) => {
    const frame = encodeStreamMessage(message);
    expect(frame).toMatch(new RegExp(`^event: ${message.type}\ndata: .+\n\n$`));
    const data = frame.split('\n')[1]?.slice('data: '.length) ?? '';
    expect(parseStreamMessage(data)).toEqual(message);
  });

  it.each([
    ['not JSON', 'RESYNC'],
    ['unknown type', '{"type":"PING"}'],
    [
      'unknown collection',
      '{"type":"CHANGES","collection":"users","documents":[],"checkpoint":{"id":"a","seq":1}}',
    ],
    ['changes without checkpoint', '{"type":"CHANGES","collection":"accounts","documents":[]}'],
  ])('ignores %s', (_label, data) => {
    expect(parseStreamMessage(data)).toBeNull();
  });
});
