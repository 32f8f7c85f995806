/**
 * The assistant's server call (`POST /api/tenants/:tenantId/chat`, shared/src/assistant/chat-protocol.ts):
 * the question goes up, the answer comes back as events — text as the model writes it, then the full
 * answer or the server's error.
 */
import type { AssistantAnswer, ChatRequest } from '@vitals/shared';
import { HttpError } from './http';
import { postEventStream, type SseMessage } from './sse';

export function chatPath(tenantId: string): string {
  return `/api/tenants/${encodeURIComponent(tenantId)}/chat`;
}

const INCOMPLETE = 'The answer was cut off before it was complete. Please try again.';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `done` event's answer, checked enough that the screen can render it without tripping. */
export function parseAnswer(value: unknown): AssistantAnswer | null {
  if (!isObject(value)) return null;
  const ok =
    (value.kind === 'deterministic' || value.kind === 'analytical') &&
    typeof value.answer === 'string' &&
    Array.isArray(value.columns) &&
    Array.isArray(value.rows) &&
    Array.isArray(value.citations) &&
    (value.chart === null || isObject(value.chart)) &&
    isObject(value.context);
  return ok ? (value as unknown as AssistantAnswer) : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Asks the server; `onText` receives the answer's text so far each time more arrives. Resolves with the
 * full answer, rejects with an `HttpError`: `offline` (no connection, or it dropped), the route's error
 * (status and code of the HTTP answer, or of the stream's `error` event, status 200), or `incomplete`.
 */
export async function askServer(
  tenantId: string,
  body: ChatRequest,
  onText: (textSoFar: string) => void,
  signal?: AbortSignal,
): Promise<AssistantAnswer> {
  let text = '';
  // An object, not two `let`s: TypeScript does not see assignments made inside the listener.
  const outcome: { answer: AssistantAnswer | null; failure: HttpError | null } = {
    answer: null,
    failure: null,
  };
  const listener = (message: SseMessage): void => {
    if (outcome.answer || outcome.failure) return;
    const data = parseJson(message.data);
    if (message.event === 'delta' && isObject(data) && typeof data.text === 'string') {
      text += data.text;
      onText(text);
    } else if (message.event === 'done') {
      outcome.answer = parseAnswer(data);
      if (!outcome.answer) outcome.failure = new HttpError(200, 'bad-response', INCOMPLETE);
    } else if (message.event === 'error') {
      const code = isObject(data) && typeof data.code === 'string' ? data.code : 'chat-failed';
      const said =
        isObject(data) && typeof data.message === 'string' ? data.message : 'The assistant could not answer.';
      outcome.failure = new HttpError(200, code, said);
    }
  };
  await postEventStream(chatPath(tenantId), body, listener, { signal });
  if (outcome.failure) throw outcome.failure;
  if (!outcome.answer) throw new HttpError(200, 'incomplete', INCOMPLETE);
  return outcome.answer;
}
