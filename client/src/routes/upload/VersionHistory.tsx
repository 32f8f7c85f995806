/**
 * Every committed import, newest first: who, when, which file, its layout and counts, and where a restore came
 * from. Each entry is an anchor (`#version-<id>`) that source badges link to. A version that kept a copy of
 * its values can be restored, as a new version, after a confirmation that says what would change.
 */
import type { VersionDoc } from '@vitals/shared';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { Dialog } from '../../components/Dialog';
import type { TenantData } from '../../state/tenant-data';
import { formatWhen, LAYOUTS, plural, restoreImpact, unrestorableReason } from './model';

/** Versions listed before "Show older versions". */
const SHOWN_AT_FIRST = 10;

export interface VersionHistoryProps {
  readonly versions: readonly VersionDoc[];
  readonly loaded: boolean;
  readonly data: TenantData;
  /** Whether this person may restore (the `imports.commit` permission). */
  readonly canRestore: boolean;
  readonly highlighted: string | null;
  readonly onRestore: (version: VersionDoc) => Promise<void>;
}

function counts(v: VersionDoc): string {
  const c = v.counts;
  const parts = [
    plural(c.accounts, 'account'),
    plural(c.values, 'value'),
    `${c.changed.toLocaleString('en-US')} changed`,
  ];
  if (c.newAccounts > 0) parts.push(`${plural(c.newAccounts, 'new account')}`);
  return parts.join(' · ');
}

export function VersionHistory(props: VersionHistoryProps): JSX.Element {
  const [all, setAll] = createSignal(false);
  const [confirming, setConfirming] = createSignal<VersionDoc | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  const byId = createMemo(() => new Map(props.versions.map((v) => [v.id, v])));
  const memberName = createMemo(() => new Map(props.data.members().map((m) => [m.id, m.name])));
  // Members arrive a moment after the versions on a first start: say nothing rather than "a former member".
  const who = (userId: string): string =>
    memberName().size === 0 ? '' : ` by ${memberName().get(userId) ?? 'a former member'}`;
  const shown = (): readonly VersionDoc[] => {
    if (all()) return props.versions;
    const first = props.versions.slice(0, SHOWN_AT_FIRST);
    // A linked version further down the list is shown too.
    const linked = props.highlighted ? byId().get(props.highlighted) : undefined;
    return linked && !first.includes(linked) ? [...first, linked] : first;
  };
  const impact = createMemo(() => {
    const v = confirming();
    return v ? restoreImpact(v, props.data.accounts(), props.data.measurements()) : null;
  });

  const nothingToRestore = (): boolean => impact()?.change === 0;

  const restore = async (): Promise<void> => {
    const v = confirming();
    if (!v || busy()) return;
    setBusy(true);
    setFailure(null);
    try {
      await props.onRestore(v);
      setConfirming(null);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card version-history" aria-labelledby="versions-title" data-testid="version-history">
      <div class="card-head">
        <h2 id="versions-title">Versions</h2>
        <p class="muted">
          Every commit is a version, newest first. Restoring one writes its values back as a new version.
        </p>
      </div>
      <Show
        when={props.versions.length > 0}
        fallback={
          <p class="muted versions-empty">
            {props.loaded
              ? 'No imports yet. Each spreadsheet you commit appears here as a version you can go back to.'
              : 'Loading versions…'}
          </p>
        }
      >
        <ol class="version-list">
          <For each={shown()}>
            {(v, index) => {
              const source = (): VersionDoc | undefined =>
                v.restoredFrom ? byId().get(v.restoredFrom) : undefined;
              const reason = (): string | null => unrestorableReason(v);
              return (
                <li
                  id={`version-${v.id}`}
                  class="version"
                  classList={{ highlighted: props.highlighted === v.id }}
                  tabindex="-1"
                  data-testid="version"
                  aria-labelledby={`version-${v.id}-title`}
                >
                  <div class="version-head">
                    <h3 id={`version-${v.id}-title`} class="version-file">
                      {v.fileName}
                    </h3>
                    <Show when={index() === 0}>
                      <span class="latest-tag">Latest</span>
                    </Show>
                  </div>
                  <p class="version-meta">
                    {v.restoredFrom ? 'Restored' : 'Imported'}
                    {who(v.createdBy)} · <time datetime={v.createdAt}>{formatWhen(v.createdAt)}</time>
                  </p>
                  <p class="version-counts">
                    {LAYOUTS[v.layout].name} layout · {counts(v)}
                  </p>
                  <Show when={v.restoredFrom}>
                    <p class="version-restored" data-testid="restored-from">
                      Restored from{' '}
                      <Show when={source()} fallback="an earlier version">
                        {(s) => (
                          <a href={`#version-${s().id}`}>
                            {s().fileName} of {formatWhen(s().createdAt)}
                          </a>
                        )}
                      </Show>
                    </p>
                  </Show>
                  <Show when={v.note}>
                    <p class="version-note">{v.note}</p>
                  </Show>
                  <div class="version-actions">
                    <Show when={!reason()} fallback={<p class="muted version-unrestorable">{reason()}</p>}>
                      <Show
                        when={props.canRestore}
                        fallback={
                          <p class="muted version-unrestorable">
                            Owners, admins and CS managers can restore versions.
                          </p>
                        }
                      >
                        <button
                          type="button"
                          class="button secondary small"
                          data-testid="restore-version"
                          onClick={() => {
                            setFailure(null);
                            setConfirming(v);
                          }}
                        >
                          Restore
                          <span class="visually-hidden">
                            {' '}
                            {v.fileName} of {formatWhen(v.createdAt)}
                          </span>
                        </button>
                      </Show>
                    </Show>
                  </div>
                </li>
              );
            }}
          </For>
        </ol>
        <Show when={!all() && props.versions.length > SHOWN_AT_FIRST}>
          <button type="button" class="link-button" onClick={() => setAll(true)}>
            Show {plural(props.versions.length - SHOWN_AT_FIRST, 'older version')}
          </button>
        </Show>
      </Show>

      <Dialog
        open={confirming() !== null}
        title="Restore this version?"
        subtitle={
          confirming() ? `${confirming()!.fileName} of ${formatWhen(confirming()!.createdAt)}` : undefined
        }
        onClose={() => {
          if (!busy()) setConfirming(null);
        }}
      >
        <div class="restore-body" data-testid="restore-dialog">
          <p>
            The values this version imported are written back as a new version. Values it did not hold,
            accounts created since and account details stay as they are, and you can go back again from the
            list.
          </p>
          <Show when={impact()}>
            {(i) => (
              <ul class="restore-impact">
                <li>
                  <strong>{plural(i().change, 'value')}</strong> {i().change === 1 ? 'changes' : 'change'}{' '}
                  back
                </li>
                <li>{plural(i().same, 'value is', 'values are')} already as this version had them</li>
                <Show when={i().skipped > 0}>
                  <li>{plural(i().skipped, 'value')} of accounts deleted since are skipped</li>
                </Show>
              </ul>
            )}
          </Show>
          <Show when={nothingToRestore()}>
            <p class="restore-nothing" id="restore-nothing">
              The data on this device already matches this version, so restoring it would change nothing.
            </p>
          </Show>
          <Show when={failure()}>
            <p class="error" role="alert">
              {failure()}
            </p>
          </Show>
          <div class="dialog-actions">
            <button
              type="button"
              class="button"
              data-testid="confirm-restore"
              aria-busy={busy()}
              aria-describedby={nothingToRestore() ? 'restore-nothing' : undefined}
              disabled={busy() || nothingToRestore()}
              onClick={() => void restore()}
            >
              {busy() ? 'Restoring…' : 'Restore version'}
            </button>
            <button
              type="button"
              class="button secondary"
              disabled={busy()}
              onClick={() => setConfirming(null)}
            >
              Cancel
            </button>
          </div>
        </div>
      </Dialog>
    </section>
  );
}
