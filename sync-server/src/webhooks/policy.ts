/**
 * What one attempt's outcome means for its delivery and its endpoint: the retry schedule and the rule that
 * disables an endpoint after repeated failures. Pure, so the schedule is tested without a network or clock.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The Standard Webhooks / Svix schedule: the first attempt at once, then these delays after each failure.
 * Eight attempts over about 28 hours, so an endpoint down for a night still gets its events.
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

/** Failed attempts in a row (across deliveries) after which an endpoint is disabled. */
export const DEFAULT_DISABLE_AFTER_FAILURES = 15;

export interface RetryPolicy {
  readonly retryDelaysMs: readonly number[];
  readonly disableAfterFailures: number;
}

export interface AttemptFacts {
  readonly succeeded: boolean;
  /** Attempts made before this one. */
  readonly previousAttempts: number;
  /** The endpoint's failures in a row before this attempt. */
  readonly consecutiveFailures: number;
  /** False when someone disabled the endpoint while this attempt was in flight. */
  readonly endpointEnabled: boolean;
  readonly now: Date;
}

export interface AttemptConsequence {
  readonly delivery: { readonly status: 'succeeded' | 'pending' | 'failed'; readonly nextAttemptAt: Date | null };
  readonly endpoint: { readonly consecutiveFailures: number; readonly disable: boolean };
}

export function attemptConsequence(facts: AttemptFacts, policy: RetryPolicy): AttemptConsequence {
  if (facts.succeeded) {
    return { delivery: { status: 'succeeded', nextAttemptAt: null }, endpoint: { consecutiveFailures: 0, disable: false } };
  }
  const consecutiveFailures = facts.consecutiveFailures + 1;
  const disable = facts.endpointEnabled && consecutiveFailures >= policy.disableAfterFailures;
  const delay = policy.retryDelaysMs[facts.previousAttempts];
  const retry = delay !== undefined && facts.endpointEnabled && !disable;
  return {
    delivery: retry ? { status: 'pending', nextAttemptAt: new Date(facts.now.getTime() + delay) } : { status: 'failed', nextAttemptAt: null },
    endpoint: { consecutiveFailures, disable },
  };
}

/** Why an endpoint was disabled, in words for its settings page. */
export function disabledReason(failures: number, last: { readonly status: number | null; readonly error: string | null }): string {
  const lastOutcome = last.status !== null ? `HTTP ${last.status}` : (last.error?.replace(/\.$/, '') ?? 'no answer');
  return `Disabled after ${failures} failed attempts in a row (last: ${lastOutcome}). Fix the endpoint and enable it again.`;
}
