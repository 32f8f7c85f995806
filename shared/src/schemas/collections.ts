/** Every synced collection, by name: what the device database opens and the sync server serves. */
import type * as v from 'valibot';
import type { CollectionName } from '../sync/protocol';
import { accounts } from './accounts';
import { alerts } from './alerts';
import type { CollectionDefinition } from './collection';
import { conversations } from './conversations';
import { measurements } from './measurements';
import { members } from './members';
import { playbookRuns } from './playbook-runs';
import { settings } from './settings';
import { versions } from './versions';

export const COLLECTIONS = {
  accounts,
  measurements,
  versions,
  playbook_runs: playbookRuns,
  conversations,
  alerts,
  settings,
  members,
} as const satisfies Record<CollectionName, CollectionDefinition<v.GenericSchema>>;

export type Collections = typeof COLLECTIONS;
