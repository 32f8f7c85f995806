/**
 * What committing would do, from the same resolution the commit writes (previewImport): the accounts it
 * creates, every value that changes (old → new), how many are already stored, and account details that change.
 */
import {
  ROLE_NAMES,
  type Catalog,
  type ImportPreview,
  type MemberDoc,
  type ValueChange,
} from '@vitals/shared';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { formatKpiValue, formatMonth } from '../../format';
import { plural } from './model';

const SHOWN_AT_FIRST = 50;
const MORE = 200;

const FIELD_NAMES = { segment: 'Segment', ownerId: 'CSM', renewalDate: 'Renewal date' } as const;

function ChangedValues(props: { changes: readonly ValueChange[]; catalog: Catalog }): JSX.Element {
  const [limit, setLimit] = createSignal(SHOWN_AT_FIRST);
  const shown = createMemo(() => props.changes.slice(0, limit()));
  const format = (change: ValueChange, value: number | null): string =>
    value === null ? '—' : formatKpiValue(props.catalog.byId[change.kpi], value);
  return (
    <>
      <div class="table-wrap">
        <table class="imp-table change-table" data-testid="changed-values">
          <caption class="visually-hidden">
            Changed values: account, KPI, month, stored value and imported value
          </caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">KPI</th>
              <th scope="col">Month</th>
              <th scope="col" class="num">
                Now
              </th>
              <th scope="col" class="num">
                Imported
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(change) => (
                <tr data-testid="changed-value">
                  <td class="cell-account">
                    {change.account}
                    <Show when={change.accountId === null}>
                      <span class="new-tag">new</span>
                    </Show>
                  </td>
                  <td class="cell-kpi" data-label="KPI">
                    {props.catalog.byId[change.kpi].name}
                  </td>
                  <td class="cell-month" data-label="Month">
                    {formatMonth(change.month)}
                  </td>
                  <td class="num cell-before" data-label="Now">
                    <span class="visually-hidden">from </span>
                    {format(change, change.before)}
                  </td>
                  <td class="num cell-after" data-label="Imported">
                    <span class="arrow" aria-hidden="true">
                      →{' '}
                    </span>
                    <span class="visually-hidden">to </span>
                    <strong>{format(change, change.after)}</strong>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.changes.length > limit()}>
        <p class="more-line">
          <span class="muted">
            Showing {shown().length.toLocaleString('en-US')} of {props.changes.length.toLocaleString('en-US')}
            .
          </span>
          <button type="button" class="link-button" onClick={() => setLimit(limit() + MORE)}>
            Show {Math.min(MORE, props.changes.length - limit()).toLocaleString('en-US')} more
          </button>
        </p>
      </Show>
    </>
  );
}

export function PreviewSection(props: {
  preview: ImportPreview;
  catalog: Catalog;
  members: readonly MemberDoc[];
}): JSX.Element {
  const p = (): ImportPreview => props.preview;
  const memberName = (id: string | null): string => {
    if (id === null) return 'none';
    const m = props.members.find((x) => x.id === id);
    return m ? `${m.name} (${ROLE_NAMES[m.role]})` : 'a former member';
  };
  const attribute = (field: keyof typeof FIELD_NAMES, value: string | null): string =>
    field === 'ownerId' ? memberName(value) : (value ?? 'none') || 'none';

  return (
    <section class="card import-preview" aria-labelledby="preview-title" data-testid="import-preview">
      <div class="card-head">
        <h2 id="preview-title">What this import changes</h2>
        <p class="muted">Compared with the data on this device now.</p>
      </div>

      <dl class="preview-stats">
        <div>
          <dt>Values changed</dt>
          <dd data-testid="preview-changed">{p().changed.length.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>New accounts</dt>
          <dd data-testid="preview-new-accounts">{p().newAccounts.length.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd data-testid="preview-unchanged">{p().unchanged.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Accounts in the file</dt>
          <dd>{p().accounts.toLocaleString('en-US')}</dd>
        </div>
      </dl>

      <Show when={p().newAccounts.length > 0}>
        <div class="preview-block" data-testid="new-accounts">
          <h3>{plural(p().newAccounts.length, 'new account')}</h3>
          <p class="muted">Not in this workspace yet: unknown accounts are created on confirmation.</p>
          <ul class="chip-list">
            <For each={p().newAccounts}>{(name) => <li class="chip">{name}</li>}</For>
          </ul>
        </div>
      </Show>

      <div class="preview-block">
        <h3>{plural(p().changed.length, 'changed value')}</h3>
        <Show
          when={p().changed.length > 0}
          fallback={
            <p class="muted">Every value in this file is already stored; committing would change no value.</p>
          }
        >
          <ChangedValues changes={p().changed} catalog={props.catalog} />
        </Show>
        <Show when={p().unchanged > 0}>
          <p class="muted unchanged-note">
            {plural(p().unchanged, 'value is', 'values are')} the same as stored and will not be written
            again.
          </p>
        </Show>
      </div>

      <Show when={p().accountChanges.length > 0}>
        <div class="preview-block">
          <h3>{plural(p().accountChanges.length, 'account detail')} from the Accounts sheet</h3>
          <ul class="attr-list">
            <For each={p().accountChanges}>
              {(c) => (
                <li>
                  <strong>{c.account}</strong> · {FIELD_NAMES[c.field]}: {attribute(c.field, c.before)}{' '}
                  <span aria-hidden="true">→</span>
                  <span class="visually-hidden">to</span> <strong>{attribute(c.field, c.after)}</strong>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>

      <Show when={p().unknownOwners.length > 0}>
        <div class="preview-block">
          <h3>{plural(p().unknownOwners.length, 'CSM')} not found</h3>
          <p class="muted">These accounts keep their current CSM: no team member has this email or name.</p>
          <ul class="attr-list">
            <For each={p().unknownOwners}>
              {(o) => (
                <li>
                  <strong>{o.account}</strong> · “{o.owner}” ({o.sheet} row {o.row})
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </section>
  );
}
