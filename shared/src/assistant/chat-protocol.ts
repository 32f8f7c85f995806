/**
 * `POST /api/tenants/:tenantId/chat`: the device sends a question it could not answer itself (or any
 * question, when it has no data yet); the server answers over Server-Sent Events. Deterministic questions
 * are answered at once from the same query engine; analytical ones stream from the LLM, which reads
 * numbers only through the engine's tools and cites what it used.
 *
 * Events, in order: zero or more `delta` (text as the model writes it), then exactly one `done` (the full
 * answer) or one `error`.
 */
import * as v from 'valibot';
import type { AssistantAnswer } from './types';

export const CHAT_QUESTION_MAX = 2000;
export const CHAT_HISTORY_MAX = 20;

const monthText = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/));

export const turnContextSchema = v.strictObject({
  accountIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(80))), v.maxLength(100)),
  kpi: v.nullable(v.pipe(v.string(), v.maxLength(80))),
  playbookId: v.nullable(v.pipe(v.string(), v.maxLength(80))),
  segment: v.nullable(v.pipe(v.string(), v.maxLength(120))),
  ownerId: v.nullable(v.pipe(v.string(), v.maxLength(80))),
  period: v.nullable(v.strictObject({ from: monthText, to: monthText })),
  template: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16)))),
  settings: v.optional(
    v.nullable(
      v.strictObject({
        n: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
        statuses: v.optional(v.pipe(v.array(v.picklist(['green', 'yellow', 'red', 'unknown'])), v.maxLength(4))),
        direction: v.optional(v.pipe(v.string(), v.maxLength(20))),
        groupBy: v.optional(v.pipe(v.string(), v.maxLength(20))),
        days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3660))),
      }),
    ),
  ),
});

export const chatRequestSchema = v.strictObject({
  question: v.pipe(v.string(), v.trim(), v.minLength(1, 'Ask a question.'), v.maxLength(CHAT_QUESTION_MAX)),
  /** The previous turn's context, for follow-ups. */
  context: v.optional(v.nullable(turnContextSchema), null),
  /** Earlier turns of the conversation, oldest first, so the model sees what was said. */
  history: v.optional(
    v.pipe(
      v.array(v.strictObject({ role: v.picklist(['user', 'assistant']), text: v.pipe(v.string(), v.maxLength(8000)) })),
      v.maxLength(CHAT_HISTORY_MAX),
    ),
    [],
  ),
});
export type ChatRequest = v.InferOutput<typeof chatRequestSchema>;

export type ChatEvent =
  | { readonly event: 'delta'; readonly data: { readonly text: string } }
  | { readonly event: 'done'; readonly data: AssistantAnswer }
  | { readonly event: 'error'; readonly data: { readonly code: string; readonly message: string } };
