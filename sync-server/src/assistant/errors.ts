/**
 * What can go wrong while answering, as codes a device can act on and sentences a person can read. They
 * reach the device as the chat stream's `error` event; the cause is logged, never sent.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

export const ASSISTANT_ERROR_CODES = {
  /** The model stayed silent longer than OPENAI_TIMEOUT_MS. */
  modelTimeout: 'model-timeout',
  /** No connection to the model's endpoint. */
  modelUnreachable: 'model-unreachable',
  /** The endpoint refused the server's key: an admin must fix the configuration. */
  modelAuth: 'model-auth',
  modelRateLimited: 'model-rate-limited',
  /** The configured model name does not exist at the endpoint. */
  modelNotFound: 'model-not-found',
  /** Any other failure of the model's endpoint (5xx, a malformed answer). */
  modelFailed: 'model-failed',
  /** The model ended without writing an answer. */
  modelNoAnswer: 'model-no-answer',
  /** A bug: logged with its stack. */
  internal: 'internal',
} as const;
export type AssistantErrorCode = (typeof ASSISTANT_ERROR_CODES)[keyof typeof ASSISTANT_ERROR_CODES];

export class AssistantError extends Error {
  constructor(
    readonly code: AssistantErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AssistantError';
  }
}

/** Thrown into the model's request when the device goes away: nothing to answer, nobody to tell. */
export class ClientGone extends Error {
  override name = 'ClientGone';
}

/** Thrown into the model's request when it stays silent too long. */
export class ModelSilent extends Error {
  override name = 'ModelSilent';
}

const TRY_AGAIN = 'Try again in a moment.';

/**
 * An error from the OpenAI client (or from our own abort of it) as an AssistantError. `what` names the
 * service in the message: "language model" or "embedding model".
 */
export function modelFailure(
  error: unknown,
  options: { what: string; timeoutMs: number; reason?: unknown },
): AssistantError {
  const { what, timeoutMs, reason } = options;
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  if (error instanceof AssistantError) return error;
  if (reason instanceof ModelSilent || error instanceof APIConnectionTimeoutError) {
    return new AssistantError(
      'model-timeout',
      `The ${what} did not answer within ${seconds} seconds. ${TRY_AGAIN}`,
      { cause: error },
    );
  }
  if (error instanceof APIUserAbortError) {
    return new AssistantError('model-failed', `The request to the ${what} was cancelled.`, { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new AssistantError('model-unreachable', `The server could not reach the ${what}. ${TRY_AGAIN}`, {
      cause: error,
    });
  }
  if (error instanceof APIError) return fromStatus(error, what);
  return new AssistantError('model-failed', `The ${what} failed while answering. ${TRY_AGAIN}`, {
    cause: error,
  });
}

function fromStatus(error: APIError, what: string): AssistantError {
  const status = error.status;
  if (status === 401 || status === 403) {
    return new AssistantError(
      'model-auth',
      `The ${what} refused this server's API key. An admin should check OPENAI_API_KEY.`,
      { cause: error },
    );
  }
  if (status === 404) {
    return new AssistantError(
      'model-not-found',
      `The ${what} was not found at the configured endpoint. An admin should check the model name and OPENAI_BASE_URL.`,
      { cause: error },
    );
  }
  if (status === 429) {
    return new AssistantError(
      'model-rate-limited',
      `The ${what} is busy (rate limited). Try again in a minute.`,
      { cause: error },
    );
  }
  const code = status === undefined ? '' : ` (HTTP ${status})`;
  return new AssistantError('model-failed', `The ${what} failed${code}. ${TRY_AGAIN}`, { cause: error });
}
