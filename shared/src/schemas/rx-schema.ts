/**
 * Derives the device database's (RxDB) JSON schema from a collection's valibot schema, so the valibot schema
 * stays the single source of truth. RxDB's extra rules, checked by `collections.test.ts`:
 * - primary key `id`, a string with `maxLength`;
 * - every indexed field required and bounded (strings `maxLength`, numbers `minimum`/`maximum`/`multipleOf`);
 * - no `$ref`, no nested `default`, field names `^[a-zA-Z][a-zA-Z0-9_]*$` (RxDB's dev-mode `checkSchema`).
 */
import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';

/** What RxDB's `RxJsonSchema` needs; the client casts it to `RxJsonSchema<Doc>` (shared/ may not import rxdb). */
export interface RxSchemaJson {
  readonly title: string;
  readonly version: number;
  readonly primaryKey: 'id';
  readonly type: 'object';
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly required: readonly string[];
  readonly indexes: readonly (string | readonly string[])[];
  readonly additionalProperties: false;
}

const overrides = new WeakMap<object, JsonSchema>();

/** Gives a schema that JSON Schema cannot express (a `v.custom`) the JSON Schema the storage should use. */
export function withJsonSchema<TSchema extends v.GenericSchema>(schema: TSchema, json: JsonSchema): TSchema {
  overrides.set(schema, json);
  return schema;
}

/**
 * Checks that compare fields, brand transforms and `finite` have no JSON Schema equivalent. They still run
 * wherever documents are validated with valibot (server on every push, device before every write); the
 * storage schema is the coarser net.
 */
const VALIBOT_ONLY_ACTIONS = ['check', 'raw_check', 'transform', 'finite'];

export function toStorageJsonSchema(schema: v.GenericSchema): JsonSchema {
  const json = toJsonSchema(schema, {
    errorMode: 'throw',
    ignoreActions: VALIBOT_ONLY_ACTIONS,
    overrideSchema: ({ valibotSchema }) => overrides.get(valibotSchema),
  });
  delete json.$schema;
  if (json.$defs) throw new Error('RxDB schemas cannot contain $ref/$defs: avoid lazy or shared definitions');
  return json;
}

export interface RxSchemaOptions {
  readonly title: string;
  readonly version: number;
  readonly indexes: readonly (string | readonly string[])[];
}

export function toRxSchema(schema: v.GenericSchema, options: RxSchemaOptions): RxSchemaJson {
  const json = toStorageJsonSchema(schema);
  if (json.type !== 'object' || !json.properties)
    throw new Error(`${options.title}: a document schema must be an object`);
  // RxDB owns `_deleted` (it adds the field itself); the replication wire format carries it.
  const { _deleted: _owned, ...properties } = json.properties;
  const required = (json.required ?? []).filter((name) => name !== '_deleted');
  return {
    title: options.title,
    version: options.version,
    primaryKey: 'id',
    type: 'object',
    properties: properties as Record<string, JsonSchema>,
    required,
    indexes: options.indexes,
    additionalProperties: false,
  };
}
