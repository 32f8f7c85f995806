/**
 * Sync failures speak the protocol's reason codes (shared/src/sync/protocol.ts), so a device can tell
 * "update the app" from "fix this document" from "you may not". They are ApiErrors like every other
 * failure; the sync routes render them in the protocol's shape, with `issues` for invalid documents.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  SYNC_REASONS,
  SYNC_REASON_MESSAGES,
  SYNC_REASON_STATUS,
  type SyncErrorBody,
  type SyncIssue,
  type SyncReason,
} from '@vitals/shared';
import type { AppEnv } from '../context';
import { ApiError } from '../errors';

const REASONS: ReadonlySet<string> = new Set(Object.values(SYNC_REASONS));

export function isSyncReason(code: string): code is SyncReason {
  return REASONS.has(code);
}

/** `message` when the server can say more precisely what was wrong (which rule refused the change). */
export function syncFailure(
  code: SyncReason,
  options: { message?: string; issues?: readonly SyncIssue[]; details?: SyncErrorBody['error']['details'] } = {},
): ApiError {
  const status = SYNC_REASON_STATUS[code] as ContentfulStatusCode;
  return new ApiError(status, code, options.message ?? SYNC_REASON_MESSAGES[code], options.issues ?? options.details);
}

/** The sync routes' error handler: protocol failures in the protocol's shape, anything else to the app's. */
export function renderSyncError(error: Error, c: Context<AppEnv>): Response {
  if (!(error instanceof ApiError) || !isSyncReason(error.code)) throw error;
  const { code, message, details } = error;
  const body: SyncErrorBody = {
    error: Array.isArray(details)
      ? { code, message, issues: details as readonly SyncIssue[] }
      : details
        ? { code, message, details: details as SyncErrorBody['error']['details'] }
        : { code, message },
  };
  return c.json(body, error.status);
}
