/**
 * Local writes of playbook runs and of the tenant's playbook thresholds. Like KPI edits (writes.ts), each
 * goes into the device database first (the screen updates at once, offline too), is stamped with this
 * device's clock so it merges with changes made elsewhere, and counts as pending until the server confirms
 * it. The rules — which changes are legal, and what they do — are shared/'s (`createRun`, `changeRun`); a
 * refused change throws a RunRefusedError carrying the message to show.
 */
import {
  PLAYBOOK_SETTINGS_ID,
  changeRun,
  createRun,
  newestRunStamp,
  validatePlaybookRun,
  type NewRunInput,
  type PlaybookRunDoc,
  type RunChange,
  type RunRefusal,
  type RunStamp,
  type SettingsDoc,
} from '@vitals/shared';
import type { RxDocument } from 'rxdb';
import { nextHlc, observeHlc } from './clock';
import type { VitalsDatabase } from './database';
import { saveSettingsDocument } from './settings';
import { syncStatus } from './sync-status';

/** A change the playbook rules do not allow; `message` is written for the person who tried it. */
export class RunRefusedError extends Error {
  constructor(readonly refusal: RunRefusal) {
    super(refusal.message);
    this.name = 'RunRefusedError';
  }
}

function stampFor(userId: string): RunStamp {
  return { hlc: nextHlc(), at: new Date().toISOString(), userId };
}

/** RxDB hands modifiers its storage fields (`_attachments`, …); the document schema allows none of them. */
function plain<T>(data: Record<string, unknown>): T {
  const { _attachments: _a, _meta: _m, _rev: _r, ...doc } = data;
  return doc as unknown as T;
}

/** A document that fails its schema here would be refused by the server: never store it. */
function checked(run: PlaybookRunDoc): PlaybookRunDoc {
  const result = validatePlaybookRun(run);
  if (!result.ok)
    throw new Error(
      `The run could not be saved: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return result.value;
}

export type NewRun = Omit<NewRunInput, 'id' | 'runs' | 'stamp'> & { readonly userId: string };

/** Creates a run (started, or planned), refusing a second open run of the playbook on the account. */
export async function startNewRun(db: VitalsDatabase, input: NewRun): Promise<PlaybookRunDoc> {
  // The device's own copy of the account's runs, newest state: the rule is checked against what is stored.
  const stored = await db.playbook_runs.find({ selector: { accountId: input.account.id } }).exec();
  const runs = stored.map((doc) => plain<PlaybookRunDoc>(doc.toJSON(true) as Record<string, unknown>));
  const result = createRun({ ...input, id: crypto.randomUUID(), runs, stamp: stampFor(input.userId) });
  if (!result.ok) throw new RunRefusedError(result.error);
  const inserted = await db.playbook_runs.insert(checked(result.run) as never);
  syncStatus.wrote('playbook_runs', result.run.id);
  return inserted.toJSON(true) as unknown as PlaybookRunDoc;
}

/** Applies one change to a stored run; throws RunRefusedError when the rules refuse it. */
export async function changeStoredRun(
  db: VitalsDatabase,
  runId: string,
  change: RunChange,
  userId: string,
): Promise<PlaybookRunDoc> {
  const doc = await db.playbook_runs.findOne(runId).exec();
  if (!doc)
    throw new RunRefusedError({ code: 'run-deleted', message: 'This run is not on this device any more.' });
  // incrementalModify re-runs the modifier on the newest state if replication wrote in between, so the
  // rules are checked against that state, not the one the screen showed.
  const written = await (doc as unknown as RxDocument<Record<string, unknown>>).incrementalModify(
    (current) => {
      const run = plain<PlaybookRunDoc>(current);
      const newest = newestRunStamp(run);
      if (newest) observeHlc(newest);
      const result = changeRun(run, change, stampFor(userId));
      if (!result.ok) throw new RunRefusedError(result.error);
      return checked(result.run) as never;
    },
  );
  syncStatus.wrote('playbook_runs', runId);
  return written.toJSON(true) as unknown as PlaybookRunDoc;
}

/** Saves the tenant's playbook thresholds (`overridesFromForm(...).data`); owners and admins only, server-checked. */
export function savePlaybookSettings(db: VitalsDatabase, data: SettingsDoc['data']): Promise<void> {
  return saveSettingsDocument(db, PLAYBOOK_SETTINGS_ID, data, { what: 'The thresholds' });
}
