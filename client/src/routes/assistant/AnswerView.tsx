/**
 * One answer: its sentence, the table behind it (rows open their account), its chart, and what it cites.
 * Long tables show their first rows with a button for the rest, so "which accounts are red?" over 2,000
 * accounts stays quick to read and to render.
 */
import { A } from '@solidjs/router';
import type { AnswerColumn, AnswerRow, AssistantAnswer, Citation, HealthStatus } from '@vitals/shared';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { statusShape } from '../../components/StatusBadge';
import { formatMonth } from '../../format';
// Small; uPlot itself loads only when a chart is drawn (load-uplot.ts).
import { AnswerChart } from './AnswerChart';

const ROWS_SHOWN = 10;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A cell as people read it: numbers grouped, months as "Sep 2025", nothing as a dash. */
export function cellText(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return value.toLocaleString();
  return MONTH.test(value) ? formatMonth(value) : value;
}

/** Text long enough to wrap instead of widening the table. */
const LONG_TEXT = 48;

const STATUSES: ReadonlySet<string> = new Set<HealthStatus>(['green', 'yellow', 'red', 'unknown']);

/** A status word (a status column, "from" and "to" of a change) keeps its word and gains its colour and shape. */
function Cell(props: { value: string | number | null | undefined }): JSX.Element {
  const value = props.value;
  if (typeof value === 'string' && STATUSES.has(value)) {
    return (
      <span class={`status ${value}`}>
        <span class="shape" aria-hidden="true">
          {statusShape(value as HealthStatus)}
        </span>
        {value}
      </span>
    );
  }
  return <>{cellText(value)}</>;
}

function AnswerTable(props: {
  columns: readonly AnswerColumn[];
  rows: readonly AnswerRow[];
  caption: string;
}): JSX.Element {
  const [all, setAll] = createSignal(false);
  const shown = (): readonly AnswerRow[] => (all() ? props.rows : props.rows.slice(0, ROWS_SHOWN));
  // The row's name (the account column when there is one, else the first) is its header cell and its link.
  const first = (): string | undefined =>
    (props.columns.find((c) => c.key === 'account') ?? props.columns[0])?.key;
  return (
    <div class="answer-table">
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <For each={props.columns}>
                {(c) => (
                  <th scope="col" class={c.numeric ? 'num' : undefined}>
                    {MONTH.test(c.label) ? formatMonth(c.label) : c.label}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(row) => (
                <tr data-testid="answer-row">
                  <For each={props.columns}>
                    {(c) => {
                      if (c.key === first() && row.accountId) {
                        return (
                          <th scope="row">
                            <A href={`/accounts/${encodeURIComponent(row.accountId)}`}>
                              {cellText(row.cells[c.key])}
                            </A>
                          </th>
                        );
                      }
                      return c.key === first() ? (
                        <th scope="row">
                          <Cell value={row.cells[c.key]} />
                        </th>
                      ) : (
                        <td
                          class={c.numeric ? 'num' : undefined}
                          classList={{ long: String(row.cells[c.key] ?? '').length > LONG_TEXT }}
                        >
                          <Cell value={row.cells[c.key]} />
                        </td>
                      );
                    }}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.rows.length > ROWS_SHOWN}>
        <button class="link-button" type="button" aria-expanded={all()} onClick={() => setAll(!all())}>
          {all() ? `Show the first ${ROWS_SHOWN} only` : `Show all ${props.rows.length} rows`}
        </button>
      </Show>
    </div>
  );
}

/** Where a citation leads: an account, the account a playbook run belongs to, an import version. */
function citationHref(citation: Citation, runAccount: (runId: string) => string | null): string | null {
  switch (citation.kind) {
    case 'account':
      return `/accounts/${encodeURIComponent(citation.ref)}`;
    case 'playbook_run': {
      const accountId = runAccount(citation.ref);
      return accountId ? `/accounts/${encodeURIComponent(accountId)}` : null;
    }
    case 'version':
      return `/import#version-${encodeURIComponent(citation.ref)}`;
    case 'month':
      return null;
  }
}

function citationLabel(citation: Citation): string {
  return citation.kind === 'month' && MONTH.test(citation.ref) ? formatMonth(citation.ref) : citation.label;
}

const KIND_WORD: Record<Citation['kind'], string> = {
  account: 'Account',
  month: 'Month',
  playbook_run: 'Playbook run',
  version: 'Upload',
};

export function Citations(props: {
  citations: readonly Citation[];
  runAccount: (runId: string) => string | null;
}): JSX.Element {
  return (
    <Show when={props.citations.length > 0}>
      <div class="citations">
        <span class="citations-label">Sources</span>
        <ul>
          <For each={props.citations}>
            {(c) => {
              const href = citationHref(c, props.runAccount);
              return (
                <li>
                  <Show
                    when={href}
                    fallback={
                      <span class="citation" title={KIND_WORD[c.kind]}>
                        {citationLabel(c)}
                      </span>
                    }
                  >
                    <A class="citation" href={href!} title={KIND_WORD[c.kind]} data-testid="citation">
                      {citationLabel(c)}
                    </A>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </div>
    </Show>
  );
}

/** The table and chart of an answer (its sentence and sources are shown by the reply itself). */
export function AnswerDetails(props: { answer: AssistantAnswer }): JSX.Element {
  return (
    <>
      <Show when={props.answer.rows.length > 0 && props.answer.columns.length > 0}>
        <AnswerTable columns={props.answer.columns} rows={props.answer.rows} caption={props.answer.answer} />
      </Show>
      <Show
        when={props.answer.chart && props.answer.chart.x.length > 0 && props.answer.chart.series.length > 0}
      >
        <AnswerChart chart={props.answer.chart!} />
      </Show>
    </>
  );
}
