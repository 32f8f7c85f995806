/**
 * The query engine's input (AssistantData) from the tenant's data on this device. Nothing is copied: the
 * engine reads the same arrays the other screens show, and the object is rebuilt only when one of them (or
 * the day) changes, so its identity is stable between questions and the engine can keep what it derives
 * from it (indexes over 2,000 accounts) for the next question.
 */
import { isoDate, type AssistantData, type IsoDate, type PlaybookId, type PlaybookRules } from '@vitals/shared';
import { createEffect, createMemo, createRoot, createSignal, onCleanup, type Accessor } from 'solid-js';
import type { TenantData } from '../../state/tenant-data';
import { createPlaybookRules } from '../playbooks/playbooks-data';

/** Today on this device's clock, in its own time zone ("renewals in the next 30 days" count from here). */
export function localToday(now: Date = new Date()): IsoDate {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return isoDate(`${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`);
}

/** Plain, for code outside a component (the offline queue): one object per call. */
export function assistantDataOf(
  data: TenantData,
  today: IsoDate = localToday(),
  playbookRules?: Readonly<Record<PlaybookId, PlaybookRules>>,
): AssistantData {
  return {
    accounts: data.accounts(),
    series: data.series(),
    catalog: data.catalog,
    members: data.members(),
    runs: data.runs(),
    today,
    ...(playbookRules ? { playbookRules } : {}),
  };
}

/** Reactive and memoised, for the screen; `today` moves on at midnight while the screen stays open. */
export function createAssistantData(data: TenantData): Accessor<AssistantData> {
  const [today, setToday] = createSignal(localToday());
  const timer = setInterval(() => setToday(localToday()), 60_000);
  onCleanup(() => clearInterval(timer));
  // The tenant's thresholds, so "which playbook should X run?" agrees with the playbooks screen.
  const rules = createPlaybookRules(data);
  return createMemo(() => assistantDataOf(data, today(), rules.rules()));
}

/**
 * Whether this device can answer from its own data: the database read in full (at start-up the dashboard shows
 * the latest months before the rest is read; an answer from those would be wrong) and not empty.
 */
export function canAnswerHere(data: TenantData): boolean {
  return data.ready() && data.accounts().length > 0 && data.latest() !== null;
}

/** Resolves once the device database has been read in full (at once when it has). */
export function whenRead(data: TenantData): Promise<void> {
  if (data.ready()) return Promise.resolve();
  return new Promise((resolve) =>
    createRoot((dispose) =>
      createEffect(() => {
        if (!data.ready()) return;
        dispose();
        resolve();
      }),
    ),
  );
}
