import { describe, expect, it } from 'vitest';
import { auditAction } from './append';

const live = { _deleted: false };
const tombstone = { _deleted: true };

describe('auditAction', () => {
  it.each([
    ['a new document', null, live, 'create'],
    ['a new tombstone', null, tombstone, 'create'],
    ['an edit', live, live, 'update'],
    ['a delete', live, tombstone, 'delete'],
    ['a document brought back from its tombstone', tombstone, live, 'create'],
    ['a tombstone edited', tombstone, tombstone, 'update'],
  ] as const)('calls %s a %s', (_name, before, after, action) => {
    expect(auditAction(before, after)).toBe(action);
  });
});
