/**
 * `conversations`: a user's assistant chats, synced across that user's devices only. Messages carry their own
 * clock: a question asked offline on the phone and one asked on the desktop both stay, and an answer arriving
 * later updates its message without overwriting the rest.
 */
import * as v from 'valibot';
import {
  clocksSchema,
  hlcSchema,
  idSchema,
  seqSchema,
  textSchema,
  timestampSchema,
  userIdSchema,
} from './common';
import { defineCollection, type MigrationStrategies } from './collection';

export const CONVERSATION_MESSAGES_MAX = 200;
export const QUERY_TEMPLATE_COUNT = 16;

const citationSchema = v.strictObject({
  kind: v.picklist(['account', 'month', 'playbook_run', 'version']),
  /** The cited document's id; for a month, the month itself. */
  ref: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  label: textSchema(200),
});

export const messageSchema = v.strictObject({
  id: idSchema,
  role: v.picklist(['user', 'assistant']),
  text: textSchema(8000),
  /** How the question was answered: on the device from a template, or by the server's model; null before classifying. */
  kind: v.nullable(v.picklist(['deterministic', 'analytical'])),
  template: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(QUERY_TEMPLATE_COUNT))),
  /** `queued`: asked offline, answered when the connection returns (and the user is told so). */
  status: v.picklist(['answered', 'queued', 'error']),
  createdAt: timestampSchema,
  citations: v.optional(v.pipe(v.array(citationSchema), v.maxLength(50))),
  hlc: hlcSchema,
});
export type ConversationMessage = v.InferOutput<typeof messageSchema>;

export const conversationSchema = v.strictObject({
  id: idSchema,
  userId: userIdSchema,
  title: textSchema(200),
  messages: v.pipe(
    v.array(messageSchema),
    v.maxLength(CONVERSATION_MESSAGES_MAX),
    v.check(
      (messages) => new Set(messages.map((m) => m.id)).size === messages.length,
      'Each message may appear only once',
    ),
  ),
  updatedAt: timestampSchema,
  clocks: clocksSchema(['title']),
  seq: seqSchema,
  _deleted: v.boolean(),
});
export type ConversationDoc = v.InferOutput<typeof conversationSchema>;

export const CONVERSATIONS_SCHEMA_VERSION = 0;
export const conversationsMigrationStrategies: MigrationStrategies = {};

export const conversations = defineCollection({
  name: 'conversations',
  schema: conversationSchema,
  schemaVersion: CONVERSATIONS_SCHEMA_VERSION,
  // The chat list is most recent first.
  indexes: ['updatedAt'],
  migrationStrategies: conversationsMigrationStrategies,
});
export const validateConversation = conversations.validate;
export const conversationsRxSchema = conversations.rxSchema;
