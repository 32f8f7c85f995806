/**
 * Why a push to the server failed, sorted into what the sync state shows differently. A plan-limit refusal
 * (402 `plan-limit`, sync-server/src/billing/limits.ts) is not a fault to retry away: the writes stay on the
 * device until the workspace has room, so it gets its own sentence and the way up instead of "retrying".
 */
import { isLimitExceeded, type LimitExceeded } from '@vitals/shared';
import { HttpError } from '../api/http';
import { limitErrorText } from '../billing/limits';

/** The server's code for a write refused by the workspace's plan. */
export const PLAN_LIMIT_CODE = 'plan-limit';

export interface PlanLimitRefusal {
  readonly kind: 'plan-limit';
  /** The sentence to show: the limit's own (`limitErrorText`), else the server's message. */
  readonly message: string;
  /** The refusal's details when they arrived intact (the plan, the limit, the plan to upgrade to). */
  readonly details: LimitExceeded | null;
}

export type SyncProblem =
  | { readonly kind: 'offline' }
  | PlanLimitRefusal
  | { readonly kind: 'error'; readonly message: string };

const FALLBACK_LIMIT_MESSAGE = 'This workspace has reached a limit of its plan.';

/** RxDB wraps a failed handler in an RxError whose `parameters.errors` are the originals as plain JSON. */
function wrappedErrors(error: unknown): readonly { code?: unknown; message?: unknown }[] {
  const parameters = (error as { rxdb?: unknown; parameters?: { errors?: unknown } } | null)?.parameters;
  const errors = parameters?.errors;
  return (error as { rxdb?: unknown } | null)?.rxdb === true && Array.isArray(errors)
    ? (errors as { code?: unknown; message?: unknown }[])
    : [];
}

function limitRefusal(message: unknown, details: unknown): PlanLimitRefusal {
  const checked = isLimitExceeded(details) ? details : null;
  const text = limitErrorText(details) ?? (typeof message === 'string' && message ? message : FALLBACK_LIMIT_MESSAGE);
  return { kind: 'plan-limit', message: text, details: checked };
}

/**
 * The problem behind a failed push (or pull): an `HttpError` from the HTTP module, or RxDB's wrapper around one
 * (which keeps the code and message but drops the details).
 */
export function syncProblem(error: unknown): SyncProblem {
  if (error instanceof HttpError) {
    if (error.offline) return { kind: 'offline' };
    if (error.code === PLAN_LIMIT_CODE) return limitRefusal(error.message, error.details);
    return { kind: 'error', message: error.message };
  }
  const inner = wrappedErrors(error);
  const limit = inner.find((e) => e.code === PLAN_LIMIT_CODE);
  if (limit) return limitRefusal(limit.message, null);
  if (inner.length > 0 && inner.every((e) => e.code === 'offline')) return { kind: 'offline' };
  const first = inner.find((e) => typeof e.message === 'string');
  if (first) return { kind: 'error', message: first.message as string };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}
