/**
 * One attempt at one delivery: check the destination again (its host may resolve elsewhere since it was
 * saved), sign the body, POST it without following redirects, and describe what happened in words for the
 * delivery log. Every way an attempt can go wrong is an outcome to record and retry, not an exception.
 */
import type { ClaimedDelivery } from './deliveries';
import { checkDestination, DestinationError, type DestinationPolicy } from './destination';
import { signWebhook } from './signature';

export interface AttemptOutcome {
  readonly succeeded: boolean;
  /** The HTTP status answered, `null` when there was no answer (refused, unreachable, timed out). */
  readonly status: number | null;
  readonly error: string | null;
}

export interface SendContext {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly destination: DestinationPolicy;
  /** The signature's timestamp. */
  readonly now: Date;
}

const USER_AGENT = 'Vitals-Webhooks/1';

function describeHttpStatus(response: Response): string {
  if (response.status >= 300 && response.status < 400) {
    // Following it would let an endpoint bounce the request to an address the guard never saw.
    return `The endpoint answered with a redirect (HTTP ${response.status}), which is not followed. Use the final URL.`;
  }
  return `The endpoint answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `No answer within ${timeoutMs / 1000} s.`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  if (code === 'ECONNREFUSED') return 'The connection was refused.';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The host could not be found.';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'The connection was closed before an answer.';
  if (code?.includes('CERT') || code?.startsWith('ERR_TLS')) return `The endpoint's TLS certificate was not accepted (${code}).`;
  const detail = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  return `The request failed: ${detail}.`;
}

export async function sendAttempt(delivery: ClaimedDelivery, context: SendContext): Promise<AttemptOutcome> {
  try {
    await checkDestination(delivery.url, context.destination);
  } catch (error) {
    if (error instanceof DestinationError) return { succeeded: false, status: null, error: `Not sent: ${error.message}` };
    throw error;
  }
  const body = JSON.stringify(delivery.payload);
  const headers = signWebhook({ secret: delivery.secret, messageId: delivery.messageId, timestamp: context.now, body });
  try {
    const response = await context.fetch(delivery.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': USER_AGENT },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(context.timeoutMs),
    });
    // The answer's body is not needed (and may be large): cancel it to free the connection. The outcome is
    // already known from the status, so a failure to cancel changes nothing worth recording.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { succeeded: true, status: response.status, error: null };
    return { succeeded: false, status: response.status, error: describeHttpStatus(response) };
  } catch (error) {
    return { succeeded: false, status: null, error: describeFailure(error, context.timeoutMs) };
  }
}
