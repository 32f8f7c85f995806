/**
 * Tenant settings documents (`playbooks`, `alert-rules`, …) on the device: read reactively, and saved the one way
 * every area saves — written locally first (offline too), stamped with this device's clock so it merges with
 * edits made elsewhere, validated against the collection schema (the server would refuse anything else), and
 * pending until the server confirms it. Who may save which document is the server's decision.
 */
import { editFields, mergeSettings, validateSettings, type SettingsDoc } from '@vitals/shared';
import type { RxDocument } from 'rxdb';
import { map } from 'rxjs';
import { from, type Accessor } from 'solid-js';
import { nextHlc, observeHlc } from './clock';
import type { VitalsDatabase } from './database';
import { syncStatus } from './sync-status';

/** The live document, `null` while there is none (the area's defaults apply). */
export function watchSettingsDocument(db: VitalsDatabase, id: string): Accessor<SettingsDoc | null | undefined> {
  return from(
    db.settings.findOne(id).$.pipe(map((d) => (d && !d.deleted ? (d.toJSON() as unknown as SettingsDoc) : null))),
  );
}

/** RxDB hands modifiers its storage fields (`_attachments`, …); the document schema allows none of them. */
function plain(data: Record<string, unknown>): SettingsDoc {
  const { _attachments: _a, _meta: _m, _rev: _r, ...doc } = data;
  return doc as unknown as SettingsDoc;
}

/**
 * Saves one area's settings, already validated by that area's own rules. `what` names them in the error a
 * person reads if the document still fails the collection schema ("The alert rules could not be saved: …").
 */
export async function saveSettingsDocument(
  db: VitalsDatabase,
  id: string,
  data: SettingsDoc['data'],
  options: { readonly what: string; readonly now?: () => Date },
): Promise<void> {
  const checked = (doc: SettingsDoc): SettingsDoc => {
    const result = validateSettings(doc);
    if (!result.ok) throw new Error(`${options.what} could not be saved: ${result.issues.map((i) => i.message).join('; ')}`);
    return result.value;
  };
  const updatedAt = (options.now ?? (() => new Date()))().toISOString();
  const existing = await db.settings.findOne(id).exec();
  if (existing) {
    // incrementalModify re-runs the modifier on the newest state if replication wrote in between.
    await (existing as unknown as RxDocument<Record<string, unknown>>).incrementalModify((current) => {
      const doc = plain(current);
      if (doc.clocks.data) observeHlc(doc.clocks.data);
      // `updatedAt` has no clock: merging keeps the later timestamp, which this is.
      return checked({ ...editFields(mergeSettings, doc, { data }, nextHlc()), updatedAt }) as never;
    });
  } else {
    await db.settings.insert(checked({ id, data, updatedAt, clocks: { data: nextHlc() }, history: [], _deleted: false }) as never);
  }
  syncStatus.wrote('settings', id);
}
