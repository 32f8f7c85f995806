/**
 * What a spreadsheet may look like, shown while no file is chosen: the three layouts Vitals recognises without
 * any configuration (DOMAIN.md "Spreadsheet import"), each as a small example.
 */
import { For, type JSX } from 'solid-js';

interface Example {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly tab?: string;
  readonly rows: readonly (readonly string[])[];
}

const EXAMPLES: readonly Example[] = [
  {
    id: 'wide',
    title: 'Wide',
    note: 'A row per account and KPI, a column per month.',
    rows: [
      ['Account', 'KPI', 'Mar 2025', 'Apr 2025'],
      ['Atlas', 'NPS', '38', '41'],
      ['Atlas', 'CSAT', '90%', '92%'],
    ],
  },
  {
    id: 'long',
    title: 'Long',
    note: 'One value per row, as most exports write it.',
    rows: [
      ['Account', 'KPI', 'Month', 'Value'],
      ['Atlas', 'NPS', '2025-03', '38'],
      ['Atlas', 'ARR', '2025-03', '$720,000'],
    ],
  },
  {
    id: 'per-month',
    title: 'One sheet per month',
    note: 'Each tab a month, accounts down, KPIs across.',
    tab: 'Mar 2025',
    rows: [
      ['Account', 'NPS', 'CSAT', 'Escalations'],
      ['Atlas', '38', '90%', '1'],
      ['Brightwave', '12', '81%', '3'],
    ],
  },
];

export function LayoutGuide(): JSX.Element {
  return (
    <section class="card layout-guide" aria-labelledby="guide-title">
      <div class="card-head">
        <h2 id="guide-title">Layouts Vitals reads</h2>
        <p class="muted">
          No mapping to set up. Headers match loosely (“Customer” or “Client” for Account, “Net Promoter
          Score” for NPS), and values such as 85%, $1,200,000, 1.2M or 12 days are understood.
        </p>
      </div>
      <div class="guide-grid">
        <For each={EXAMPLES}>
          {(example) => (
            <figure class="guide-example">
              <figcaption>
                <strong>{example.title}</strong>
                <span class="muted">{example.note}</span>
              </figcaption>
              <div class="guide-sheet">
                <table>
                  <caption class="visually-hidden">
                    Example of the {example.title.toLowerCase()} layout
                  </caption>
                  <thead>
                    <tr>
                      <For each={example.rows[0]}>{(cell) => <th scope="col">{cell}</th>}</For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={example.rows.slice(1)}>
                      {(row) => (
                        <tr>
                          <For each={row}>{(cell) => <td>{cell}</td>}</For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              {example.tab ? (
                <span class="guide-tab">
                  <span class="visually-hidden">Sheet tab: </span>
                  {example.tab}
                </span>
              ) : null}
            </figure>
          )}
        </For>
      </div>
      <ul class="guide-notes">
        <li>An optional Accounts sheet sets each account’s segment, CSM (email or name) and renewal date.</li>
        <li>Problems are listed with their sheet, row and column; nothing changes until you commit.</li>
        <li>
          Accounts Vitals does not know yet are created when you commit, and every commit can be undone from
          Versions.
        </li>
      </ul>
    </section>
  );
}
