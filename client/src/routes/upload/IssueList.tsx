/**
 * Every problem the file has, located as Excel shows it (sheet, row, column letter), errors apart from
 * warnings. Errors block the import until the file is fixed or their rows are left out; many issues are
 * grouped by kind so a file with 400 "not a number" cells still reads at a glance.
 */
import type { ImportIssue, RowRef } from '@vitals/shared';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { describeRows, groupIssues, plural, rowsOf, type IssueGroup } from './model';

/** Up to this many issues of one severity are listed flat; more are grouped by kind. */
const FLAT_LIMIT = 8;
/** Rows drawn per list before "Show all": a file can have thousands of issues. */
const SHOWN_AT_FIRST = 50;

function IssueTable(props: { issues: readonly ImportIssue[]; caption: string }): JSX.Element {
  const [all, setAll] = createSignal(false);
  const shown = (): readonly ImportIssue[] => (all() ? props.issues : props.issues.slice(0, SHOWN_AT_FIRST));
  return (
    <>
      <div class="table-wrap">
        <table class="imp-table issue-table">
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Sheet</th>
              <th scope="col" class="num">
                Row
              </th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(issue) => (
                <tr data-testid={`issue-${issue.severity}`}>
                  <td class="cell-sheet" data-label="Sheet">
                    {issue.sheet}
                  </td>
                  <td class="num cell-row" data-label="Row">
                    {issue.row ?? '—'}
                  </td>
                  <td class="cell-col" data-label="Column">
                    {issue.column ?? '—'}
                  </td>
                  <td class="cell-message">{issue.message}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.issues.length > SHOWN_AT_FIRST && !all()}>
        <button type="button" class="link-button" onClick={() => setAll(true)}>
          Show all {plural(props.issues.length, 'problem')}
        </button>
      </Show>
    </>
  );
}

function ExcludeButton(props: {
  rows: readonly RowRef[];
  label: string;
  onExclude: (rows: readonly RowRef[]) => void;
}): JSX.Element {
  return (
    <Show when={props.rows.length > 0}>
      <button
        type="button"
        class="button secondary small"
        data-testid="exclude-rows"
        onClick={() => props.onExclude(props.rows)}
      >
        {props.label}
      </button>
    </Show>
  );
}

function Groups(props: {
  groups: readonly IssueGroup[];
  onExclude?: (rows: readonly RowRef[]) => void;
}): JSX.Element {
  return (
    <div class="issue-groups">
      <For each={props.groups}>
        {(group) => {
          const rows = (): RowRef[] => rowsOf(group.issues);
          return (
            <details class="issue-group" open={props.groups.length <= 2}>
              <summary>
                <span class="issue-group-title">{group.title}</span>
                <span class="issue-count">{group.issues.length.toLocaleString('en-US')}</span>
              </summary>
              <div class="issue-group-body">
                <Show when={props.onExclude}>
                  {(exclude) => (
                    <ExcludeButton
                      rows={rows()}
                      label={`Exclude these ${plural(rows().length, 'row')}`}
                      onExclude={exclude()}
                    />
                  )}
                </Show>
                <IssueTable
                  issues={group.issues}
                  caption={`${group.title}: sheet, row, column and problem`}
                />
              </div>
            </details>
          );
        }}
      </For>
    </div>
  );
}

export interface IssueListProps {
  readonly issues: readonly ImportIssue[];
  /** Rows already left out, to say so and offer them back. */
  readonly excluded: readonly RowRef[];
  readonly onExclude: (rows: readonly RowRef[]) => void;
  readonly onRestoreRows: () => void;
}

export function IssueList(props: IssueListProps): JSX.Element {
  const errors = (): ImportIssue[] => props.issues.filter((i) => i.severity === 'error');
  const warnings = (): ImportIssue[] => props.issues.filter((i) => i.severity === 'warning');
  const errorRows = (): RowRef[] => rowsOf(errors());
  // Errors about a whole sheet or the file (no row) cannot be excluded: only a fixed file helps.
  const wholeSheetErrors = (): number => errors().filter((i) => i.row === null).length;

  return (
    <section class="card import-issues" aria-labelledby="issues-title" data-testid="import-issues">
      <div class="card-head">
        <h2 id="issues-title">Problems in the file</h2>
        <p class="muted">Rows and columns as Excel shows them: the header row is row 1.</p>
      </div>

      <Show when={props.issues.length === 0}>
        <p class="issue-none">
          <span class="ok-mark" aria-hidden="true">
            ✓
          </span>
          No problems found: every value was read.
        </p>
      </Show>

      <Show when={errors().length > 0}>
        <div class="issue-block errors" data-testid="import-errors">
          <div class="issue-block-head">
            <h3>
              <span class="issue-shape" aria-hidden="true">
                ■
              </span>
              {plural(errors().length, 'error')} — nothing is imported until they are fixed or left out
            </h3>
            <p>
              Fix them in the spreadsheet and choose it again, or leave their rows out of this import.
              <Show when={wholeSheetErrors() > 0}>
                {' '}
                {wholeSheetErrors() === 1 ? 'One error is' : `${wholeSheetErrors()} errors are`} about a whole
                sheet or the file, so only a corrected file clears {wholeSheetErrors() === 1 ? 'it' : 'them'}.
              </Show>
            </p>
            <ExcludeButton
              rows={errorRows()}
              label={`Exclude the ${plural(errorRows().length, 'row')} with errors`}
              onExclude={props.onExclude}
            />
          </div>
          <Show
            when={errors().length > FLAT_LIMIT}
            fallback={<IssueTable issues={errors()} caption="Errors: sheet, row, column and problem" />}
          >
            <Groups groups={groupIssues(errors())} onExclude={props.onExclude} />
          </Show>
        </div>
      </Show>

      <Show when={warnings().length > 0}>
        <div class="issue-block warnings" data-testid="import-warnings">
          <div class="issue-block-head">
            <h3>
              <span class="issue-shape" aria-hidden="true">
                ▲
              </span>
              {plural(warnings().length, 'warning')} — the import can go ahead; check these are meant
            </h3>
          </div>
          <Show
            when={warnings().length > FLAT_LIMIT}
            fallback={<IssueTable issues={warnings()} caption="Warnings: sheet, row, column and problem" />}
          >
            <Groups groups={groupIssues(warnings())} />
          </Show>
        </div>
      </Show>

      <Show when={props.excluded.length > 0}>
        <p class="excluded-note" data-testid="excluded-rows">
          <span>Left out of this import: {describeRows(props.excluded)}.</span>
          <button type="button" class="link-button" onClick={() => props.onRestoreRows()}>
            Put {props.excluded.length === 1 ? 'it' : 'them'} back
          </button>
        </p>
      </Show>
    </section>
  );
}
