/**
 * `members`: the tenant's people, for names and the per-CSM grouping. Server-authoritative: devices read them
 * and never push them (the server refuses with `forbidden`), so they need no clocks.
 */
import * as v from 'valibot';
import { ROLES } from '../auth/roles';
import { idSchema, seqSchema, textSchema, userIdSchema } from './common';
import { defineCollection, type MigrationStrategies } from './collection';

export const memberSchema = v.strictObject({
  /** The user's id. */
  id: idSchema,
  name: textSchema(200, { required: true }),
  email: v.pipe(v.string(), v.maxLength(254), v.regex(/^[^\s@]+@[^\s@]+$/, 'Expected an email address')),
  /** The role matrix (auth/roles.ts) says what each may do. */
  role: v.picklist(ROLES),
  managerId: v.nullable(userIdSchema),
  seq: seqSchema,
  _deleted: v.boolean(),
});
export type MemberDoc = v.InferOutput<typeof memberSchema>;

export const MEMBERS_SCHEMA_VERSION = 0;
export const membersMigrationStrategies: MigrationStrategies = {};

export const members = defineCollection({
  name: 'members',
  schema: memberSchema,
  schemaVersion: MEMBERS_SCHEMA_VERSION,
  indexes: ['name'],
  migrationStrategies: membersMigrationStrategies,
});
export const validateMember = members.validate;
export const membersRxSchema = members.rxSchema;
