import type * as v from 'valibot';
import type { CollectionName } from '../sync/protocol';
import { toRxSchema, type RxSchemaJson } from './rx-schema';
import { makeValidator, type DocumentValidator } from './validate';

/**
 * Turns a document stored under schema version N-1 into version N (RxDB's migration strategy for key N);
 * `null` drops the document. Pure and synchronous, so the server can run the same step on its copies.
 */
export type MigrationStrategy = (oldDocument: Record<string, unknown>) => Record<string, unknown> | null;

/**
 * Keyed by the version each step migrates *to*: 1, 2, …, schemaVersion. RxDB runs every step in order, so a
 * device many versions behind still upgrades. Version 0 has none.
 */
export type MigrationStrategies = Readonly<Record<number, MigrationStrategy>>;

export interface CollectionDefinition<TSchema extends v.GenericSchema> {
  readonly name: CollectionName;
  /** The single source of truth; everything below derives from it. */
  readonly schema: TSchema;
  readonly schemaVersion: number;
  readonly rxSchema: RxSchemaJson;
  readonly validate: DocumentValidator<v.InferOutput<TSchema>>;
  readonly migrationStrategies: MigrationStrategies;
}

export interface CollectionOptions<TSchema extends v.GenericSchema> {
  readonly name: CollectionName;
  readonly schema: TSchema;
  readonly schemaVersion: number;
  readonly indexes: readonly (string | readonly string[])[];
  readonly migrationStrategies: MigrationStrategies;
}

export function defineCollection<TSchema extends v.GenericSchema>(
  options: CollectionOptions<TSchema>,
): CollectionDefinition<TSchema> {
  return {
    name: options.name,
    schema: options.schema,
    schemaVersion: options.schemaVersion,
    rxSchema: toRxSchema(options.schema, {
      title: options.name,
      version: options.schemaVersion,
      indexes: options.indexes,
    }),
    validate: makeValidator(options.schema),
    migrationStrategies: options.migrationStrategies,
  };
}
