import { describe, expect, it } from 'vitest';
import { retryAfterMs, verdictOf } from './send';

describe('what a push service answer means', () => {
  it.each([
    [201, 'sent'],
    [200, 'sent'],
    [404, 'gone'],
    [410, 'gone'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [null, 'retry'],
    [400, 'failed'],
    [401, 'failed'],
    [403, 'failed'],
    [413, 'failed'],
    [301, 'failed'],
  ] as const)('%s → %s', (status, verdict) => {
    expect(verdictOf(status)).toBe(verdict);
  });

  const NOW = Date.parse('2025-10-01T09:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 01 Oct 2025 09:00:30 GMT', 30_000],
    ['Wed, 01 Oct 2025 08:59:00 GMT', 0],
    ['soon', null],
    ['-5', null],
    [null, null],
  ])('Retry-After %s waits %s ms', (header, ms) => {
    expect(retryAfterMs(header, NOW)).toBe(ms);
  });
});
