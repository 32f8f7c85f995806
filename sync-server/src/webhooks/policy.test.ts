import { describe, expect, it } from 'vitest';
import { attemptConsequence, DEFAULT_DISABLE_AFTER_FAILURES, DEFAULT_RETRY_DELAYS_MS, disabledReason } from './policy';

const NOW = new Date('2025-10-01T09:00:00Z');
const policy = { retryDelaysMs: DEFAULT_RETRY_DELAYS_MS, disableAfterFailures: DEFAULT_DISABLE_AFTER_FAILURES };
const failed = { succeeded: false, consecutiveFailures: 0, endpointEnabled: true, now: NOW };

describe('attemptConsequence', () => {
  it('retries on the Standard Webhooks schedule, then gives up after the eighth attempt', () => {
    const waits = DEFAULT_RETRY_DELAYS_MS.map((_, previousAttempts) => {
      const { delivery } = attemptConsequence({ ...failed, previousAttempts }, policy);
      expect(delivery.status).toBe('pending');
      return (delivery.nextAttemptAt!.getTime() - NOW.getTime()) / 1000;
    });
    expect(waits).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(attemptConsequence({ ...failed, previousAttempts: 7 }, policy).delivery).toEqual({ status: 'failed', nextAttemptAt: null });
  });

  it('counts failures in a row and disables the endpoint at the threshold, failing the delivery', () => {
    expect(attemptConsequence({ ...failed, previousAttempts: 0, consecutiveFailures: 13 }, policy)).toEqual({
      delivery: { status: 'pending', nextAttemptAt: new Date(NOW.getTime() + 5000) },
      endpoint: { consecutiveFailures: 14, disable: false },
    });
    expect(attemptConsequence({ ...failed, previousAttempts: 0, consecutiveFailures: 14 }, policy)).toEqual({
      delivery: { status: 'failed', nextAttemptAt: null },
      endpoint: { consecutiveFailures: 15, disable: true },
    });
  });

  it('resets the failures on success', () => {
    expect(attemptConsequence({ ...failed, succeeded: true, previousAttempts: 3, consecutiveFailures: 9 }, policy)).toEqual({
      delivery: { status: 'succeeded', nextAttemptAt: null },
      endpoint: { consecutiveFailures: 0, disable: false },
    });
  });

  it('does not retry for an endpoint someone disabled meanwhile, nor disable it again', () => {
    expect(attemptConsequence({ ...failed, previousAttempts: 0, consecutiveFailures: 20, endpointEnabled: false }, policy)).toEqual({
      delivery: { status: 'failed', nextAttemptAt: null },
      endpoint: { consecutiveFailures: 21, disable: false },
    });
  });
});

describe('disabledReason', () => {
  it('names the count and the last answer, or what went wrong when there was none', () => {
    expect(disabledReason(15, { status: 500, error: 'The endpoint answered HTTP 500.' })).toBe(
      'Disabled after 15 failed attempts in a row (last: HTTP 500). Fix the endpoint and enable it again.',
    );
    expect(disabledReason(15, { status: null, error: 'The connection was refused.' })).toBe(
      'Disabled after 15 failed attempts in a row (last: The connection was refused). Fix the endpoint and enable it again.',
    );
  });
});
