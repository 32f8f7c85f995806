import { For, type JSX } from 'solid-js';
import type { TrendData } from './TrendChart';

/** Every number behind a trend chart, for screen readers (visually hidden, read in table order). */
export function ChartTable(props: {
  data: TrendData;
  title: string;
  format: (value: number) => string;
}): JSX.Element {
  const cell = (value: number | null | undefined): string =>
    value === null || value === undefined ? '—' : props.format(value);
  const lastActual = (): number => {
    const values = props.data.actual;
    for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return i;
    return -1;
  };
  return (
    // Wrapped: a table will not shrink to the 1px of .visually-hidden and would widen the page.
    <div class="visually-hidden">
      <table>
        <caption>{props.title} by month, with forecast</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">{props.title}</th>
            <th scope="col">Forecast</th>
            <th scope="col">Likely range</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.data.months}>
            {(month, i) => {
              // The forecast line repeats the last actual value to join the lines; the table lists real forecasts only.
              const isForecast = (): boolean => i() > lastActual();
              const low = (): number | null => (isForecast() ? (props.data.low[i()] ?? null) : null);
              const high = (): number | null => (isForecast() ? (props.data.high[i()] ?? null) : null);
              return (
                <tr>
                  <th scope="row">{month}</th>
                  <td>{cell(props.data.actual[i()])}</td>
                  <td>{isForecast() ? cell(props.data.forecast[i()]) : '—'}</td>
                  <td>{low() !== null && high() !== null ? `${cell(low())} to ${cell(high())}` : '—'}</td>
                  <td>{props.data.anomaly[i()] ? 'Unusual for this account' : ''}</td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </div>
  );
}
