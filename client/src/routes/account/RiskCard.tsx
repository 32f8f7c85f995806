/** Churn risk as a percentage, a level in words, and its top three factors in sentences. */
import { For, Show, type JSX } from 'solid-js';
import { formatMonth } from '../../format';
import type { AccountView } from './account-view';
import { accountRisk, factorWords, type RiskLevel, type RiskView } from './risk-model';

const LEVEL: Record<RiskLevel, { word: string; tone: 'green' | 'yellow' | 'red'; shape: string }> = {
  low: { word: 'Low', tone: 'green', shape: '●' },
  moderate: { word: 'Moderate', tone: 'yellow', shape: '▲' },
  high: { word: 'High', tone: 'red', shape: '■' },
};
const EFFECT_SHAPE = { raises: '▲', lowers: '▼', neutral: '•' } as const;

export function RiskCard(props: { view: AccountView }): JSX.Element {
  const risk = (): RiskView | null => {
    const h = props.view.health();
    const month = props.view.latest();
    const a = props.view.account();
    return h && month && a ? accountRisk(h, props.view.values(), a.renewalDate, month) : null;
  };
  return (
    <section class="card acct-risk" aria-labelledby="acct-risk-title">
      <h2 id="acct-risk-title" class="acct-section-title">
        Churn risk
      </h2>
      <Show when={risk()} fallback={<p class="muted">Not enough data this month to estimate churn risk.</p>}>
        {(r) => {
          const percent = (): number => Math.round(r().risk.risk * 100);
          const level = (): (typeof LEVEL)[RiskLevel] => LEVEL[r().level];
          return (
            <>
              <div class="acct-risk-head">
                <span class="acct-risk-value" data-testid="churn-risk">
                  {percent()}%
                </span>
                <span class={`status ${level().tone}`}>
                  <span class="shape" aria-hidden="true">
                    {level().shape}
                  </span>
                  {level().word} risk
                </span>
              </div>
              <div class="acct-risk-meter" aria-hidden="true">
                <span
                  class={`acct-risk-fill ${level().tone}`}
                  style={{ width: `${Math.max(2, percent())}%` }}
                />
              </div>
              <h3 class="acct-why-title">Top factors</h3>
              <ol class="acct-factors">
                <For each={r().risk.top}>
                  {(c) => {
                    const words = factorWords(c);
                    return (
                      <li class={`acct-factor ${words.effect}`}>
                        <span class="acct-factor-shape" aria-hidden="true">
                          {EFFECT_SHAPE[words.effect]}
                        </span>
                        <span>
                          {words.text} <span class="acct-factor-impact">— {words.impact}</span>
                        </span>
                      </li>
                    );
                  }}
                </For>
              </ol>
              <p class="muted acct-footnote">
                A logistic model over score, trend, renewal, NPS, escalations and overdue payments.
                <Show when={r().daysToRenewal !== null}>
                  {' '}
                  Days to renewal count from the end of {formatMonth(props.view.latest()!)}.
                </Show>
              </p>
            </>
          );
        }}
      </Show>
    </section>
  );
}
