/**
 * Who fills each RACI role on this run: a colleague from the workspace, or a name typed in (the customer's
 * sponsor, a partner), and the matrix of who is responsible, accountable, consulted and informed per step.
 */
import {
  ASSIGNEE_NAME_MAX,
  RACI_ROLES,
  RACI_ROLE_NAMES,
  type Assignee,
  type RaciRoleId,
} from '@vitals/shared';
import { createSignal, For, Index, Show, type JSX } from 'solid-js';
import type { RunView } from './run-view';

const OTHER = 'name';

function selectValue(assignee: Assignee | undefined): string {
  if (!assignee) return '';
  return assignee.kind === 'user' ? `user:${assignee.userId}` : OTHER;
}

function RoleRow(props: { view: RunView; role: RaciRoleId; editable: boolean }): JSX.Element {
  const assignee = (): Assignee | undefined => props.view.run()?.raci[props.role];
  const [typing, setTyping] = createSignal(false);
  const [name, setName] = createSignal('');
  const id = `raci-${props.role}`;
  const roleName = RACI_ROLE_NAMES[props.role];
  const choice = (): string => (typing() ? OTHER : selectValue(assignee()));
  const typedName = (): string | null => {
    const a = assignee();
    return a?.kind === 'name' ? a.name : null;
  };

  const assign = (next: Assignee | null, words: string): void => {
    void props.view.apply({ type: 'assign', role: props.role, assignee: next }, words).then((saved) => {
      if (saved) setTyping(false);
    });
  };
  const onSelect = (value: string, select: HTMLSelectElement): void => {
    if (value === OTHER) {
      setName(typedName() ?? '');
      setTyping(true);
      queueMicrotask(() => document.getElementById(`${id}-name`)?.focus());
      return;
    }
    setTyping(false);
    if (value === '') assign(null, `${roleName} unassigned.`);
    else {
      const userId = value.slice('user:'.length);
      const member = props.view.members().find((m) => m.id === userId);
      assign({ kind: 'user', userId }, `${roleName}: ${member?.name ?? 'assigned'}.`);
    }
    select.value = choice();
  };

  return (
    <div class="pb-raci-row">
      <label for={id} class="pb-raci-role">
        {roleName}
      </label>
      <Show
        when={props.editable}
        fallback={
          <span data-testid={`raci-value-${props.role}`}>
            {props.view.report()?.roles.find((r) => r.role === props.role)?.assignee ?? 'Not assigned'}
          </span>
        }
      >
        <div class="pb-raci-controls">
          <select
            id={id}
            value={choice()}
            data-testid={`raci-select-${props.role}`}
            onChange={(e) => onSelect(e.currentTarget.value, e.currentTarget)}
          >
            <option value="">Not assigned</option>
            <For each={props.view.members()}>{(m) => <option value={`user:${m.id}`}>{m.name}</option>}</For>
            <option value={OTHER}>{typedName() ?? 'Someone else…'}</option>
          </select>
          <Show when={typing()}>
            <form
              class="pb-raci-name"
              onSubmit={(e) => {
                e.preventDefault();
                assign({ kind: 'name', name: name() }, `${roleName}: ${name().trim()}.`);
              }}
            >
              <label for={`${id}-name`} class="visually-hidden">
                Name of the {roleName}
              </label>
              <input
                id={`${id}-name`}
                type="text"
                maxLength={ASSIGNEE_NAME_MAX}
                placeholder="Name, e.g. Dana (VP Ops)"
                value={name()}
                onInput={(e) => setName(e.currentTarget.value)}
              />
              <button type="submit" class="button secondary">
                Save
              </button>
            </form>
          </Show>
        </div>
      </Show>
    </div>
  );
}

function Matrix(props: { view: RunView }): JSX.Element {
  return (
    <details class="pb-matrix">
      <summary>RACI matrix by step</summary>
      {/* Focusable: on a phone the table scrolls sideways, and keyboards must reach that too. */}
      <div class="table-wrap" tabindex="0" role="region" aria-label="RACI matrix by step">
        <table>
          <caption class="visually-hidden">
            Who is responsible (R), accountable (A), consulted (C) and informed (I) on each step
          </caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <For each={RACI_ROLES}>
                {(role) => (
                  <th scope="col" class="pb-matrix-cell">
                    {RACI_ROLE_NAMES[role]}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={props.view.report()?.matrix ?? []}>
              {(row) => (
                <tr>
                  <th scope="row">{row.title}</th>
                  <Index each={row.cells}>
                    {(cell) => (
                      <td class="pb-matrix-cell">{cell() || <span class="visually-hidden">none</span>}</td>
                    )}
                  </Index>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class="muted pb-matrix-key">R responsible · A accountable · C consulted · I informed</p>
    </details>
  );
}

export function RaciEditor(props: { view: RunView }): JSX.Element {
  const open = (): boolean => {
    const state = props.view.run()?.state;
    return state === 'planned' || state === 'active';
  };
  const editable = (): boolean => props.view.canEdit() && open();
  return (
    <section class="card pb-raci" aria-labelledby="pb-raci-title">
      <h2 id="pb-raci-title" class="pb-heading">
        RACI
      </h2>
      <div class="pb-raci-list">
        <For each={RACI_ROLES}>
          {(role) => <RoleRow view={props.view} role={role} editable={editable()} />}
        </For>
      </div>
      <Matrix view={props.view} />
    </section>
  );
}
