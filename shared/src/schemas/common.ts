/**
 * The building blocks of every document schema: ids, texts, timestamps, months, clocks. Bounds are generous for
 * people and tight for attackers: every string has a maximum length, every number a range.
 */
import * as v from 'valibot';
import { HLC_MAX_LENGTH, HLC_PATTERN, type Hlc } from '../sync/hlc';
import { isIsoDate } from '../time/months';
import type { IsoDate, Month } from '../units';
import { withJsonSchema } from './rx-schema';

export const ID_MAX_LENGTH = 64;
/** uuids, nanoids and slugs; no spaces, slashes or colons, so ids are safe in paths and composite keys. */
export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

export const idSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(ID_MAX_LENGTH),
  v.regex(ID_PATTERN, 'Invalid id'),
);
export const userIdSchema = idSchema;

/** Lowercase identifiers of things defined in code or configuration: step ids, rule ids, alert kinds. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const slugSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(64),
  v.regex(SLUG_PATTERN, 'Invalid identifier'),
);

/** Free text of at most `max` characters; `required` texts must have a visible character. */
export function textSchema(max: number, options: { required?: boolean } = {}) {
  return options.required
    ? v.pipe(v.string(), v.maxLength(max), v.regex(/\S/, 'Must not be empty'))
    : v.pipe(v.string(), v.maxLength(max));
}

/** `Date.prototype.toISOString()` output (UTC), so timestamps compare as strings. */
const TIMESTAMP_PATTERN =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{3})?Z$/;
export const timestampSchema = v.pipe(
  v.string(),
  v.maxLength(24),
  v.regex(TIMESTAMP_PATTERN, 'Expected an ISO timestamp in UTC (YYYY-MM-DDTHH:mm:ss.sssZ)'),
  // Only once the shape is right, so a malformed value gets one issue, not two.
  v.check((text) => !TIMESTAMP_PATTERN.test(text) || isIsoDate(text.slice(0, 10)), 'No such calendar day'),
);

/**
 * The rule of `isMonth` (time/months.ts) as a pattern, so the storage schema carries it too;
 * `common.test.ts` checks the two agree.
 */
const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const monthSchema = v.pipe(
  v.string(),
  v.maxLength(7),
  v.regex(MONTH_PATTERN, 'Expected a month (YYYY-MM)'),
  v.transform((text) => text as Month),
);

const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const isoDateSchema = v.pipe(
  v.string(),
  v.maxLength(10),
  v.regex(DATE_PATTERN, 'Expected a date (YYYY-MM-DD)'),
  v.check((text) => !DATE_PATTERN.test(text) || isIsoDate(text), 'No such calendar day'),
  v.transform((text) => text as IsoDate),
);

export const hlcSchema = v.pipe(
  v.string(),
  v.maxLength(HLC_MAX_LENGTH),
  v.regex(HLC_PATTERN, 'Expected a hybrid logical clock timestamp'),
  v.transform((text) => text as Hlc),
);

/** Assigned by the server on every write; the pull checkpoint follows it. Devices never set it. */
export const seqSchema = v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0)));

export const nonNegativeIntegerSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/**
 * Per-field clocks: `clocks[field]` is the timestamp of the edit that set the field, so concurrent edits of
 * different fields both survive a merge. `_deleted` holds the timestamp of the delete.
 */
export function clocksSchema<const TField extends string>(fields: readonly TField[]) {
  const entries = Object.fromEntries([...fields, '_deleted'].map((field) => [field, v.optional(hlcSchema)]));
  return v.strictObject(
    entries as Record<TField | '_deleted', v.OptionalSchema<typeof hlcSchema, undefined>>,
  );
}

// ----------------------------------------------------------------------------------------------- JSON data

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** Keys that reach an object's prototype when assigned: never accepted, at any depth. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const JSON_MAX_DEPTH = 12;
const JSON_MAX_NODES = 20_000;

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Plain JSON (what survives `JSON.stringify` unchanged), bounded in depth and size, without forbidden keys. */
export function isSafeJson(value: unknown): value is JsonValue {
  let nodes = 0;
  const visit = (node: unknown, depth: number): boolean => {
    if (++nodes > JSON_MAX_NODES || depth > JSON_MAX_DEPTH) return false;
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return true;
    if (typeof node === 'number') return Number.isFinite(node);
    if (typeof node !== 'object') return false;
    if (Array.isArray(node)) return node.every((item) => visit(item, depth + 1));
    if (!isPlainObject(node)) return false;
    return Object.keys(node).every(
      (key) => !FORBIDDEN_KEYS.has(key) && visit((node as Record<string, unknown>)[key], depth + 1),
    );
  };
  return visit(value, 0);
}

export function isSafeJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && isSafeJson(value);
}

const JSON_MESSAGE = `Expected plain JSON (at most ${JSON_MAX_DEPTH} levels, no ${[...FORBIDDEN_KEYS].join('/')} keys)`;

export const jsonValueSchema = withJsonSchema(v.custom<JsonValue>(isSafeJson, JSON_MESSAGE), {});
export const jsonObjectSchema = withJsonSchema(v.custom<JsonObject>(isSafeJsonObject, JSON_MESSAGE), {
  type: 'object',
});
