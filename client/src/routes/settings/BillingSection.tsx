/**
 * Settings → Plan and usage (owners and admins see it; only owners may buy): the plan in force and why, how
 * much of each limit the workspace uses, and the plans with the way up. Paying happens on Stripe's pages
 * (Checkout to subscribe, the Customer Portal for cards, invoices and steps down), so this screen only
 * starts them. Plan and usage live on the server: offline it says so and loads once the connection is back.
 */
import { can, PLANS, usageLines, type Plan } from '@vitals/shared';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { currentTenant, session } from '../../session/session';
import { fetchBilling, openPortal, startCheckout, type BillingView, type PaidPlanId } from './billing-api';
import {
  barPercent,
  billingErrorText,
  canOpenPortal,
  planAction,
  planLimitTexts,
  priceText,
  statusText,
  USAGE_STATE_TEXT,
  usageState,
  type BillingTask,
  type PlanAction,
} from './billing-model';
import { createServerData } from './server-settings';
import './billing.css';

export function BillingSection(): JSX.Element {
  const tenantId = (): string | null => session()?.tenantId ?? null;
  const billing = createServerData(tenantId, fetchBilling);
  const canManage = (): boolean => {
    const role = currentTenant()?.role;
    return role ? can(role, 'billing.manage') : false;
  };
  const [busy, setBusy] = createSignal<BillingTask | null>(null);
  const [actionError, setActionError] = createSignal<string | null>(null);

  /** Stripe's page takes over from here; the server learns the outcome from Stripe's webhook, not from us. */
  const goToStripe = async (task: Exclude<BillingTask, 'load'>, open: (id: string) => Promise<{ url: string }>) => {
    const id = tenantId();
    if (!id || busy()) return;
    setBusy(task);
    setActionError(null);
    try {
      const { url } = await open(id);
      window.location.assign(url);
    } catch (error) {
      setActionError(billingErrorText(error, task));
      setBusy(null);
    }
  };
  const checkout = (plan: PaidPlanId): void => void goToStripe('checkout', (id) => startCheckout(id, plan));
  const portal = (): void => void goToStripe('portal', openPortal);

  return (
    <section class="card settings-card" id="billing" aria-labelledby="billing-title" data-testid="billing" tabindex="-1">
      <h2 id="billing-title">Plan and usage</h2>
      <Show
        when={!billing.error()}
        fallback={
          <div class="warning-note" role="status" data-testid="billing-offline">
            <p>{billingErrorText(billing.error(), 'load')}</p>
            <button class="button secondary small" type="button" onClick={() => billing.reload()}>
              Try again
            </button>
          </div>
        }
      >
        <Show when={billing.value()} fallback={<p class="muted">Loading the plan and usage…</p>}>
          {(view) => (
            <>
              <CurrentPlan view={view()} />
              <UsageLines view={view()} />
              <Show when={view().billingEnabled}>
                <h3 class="billing-heading">Plans</h3>
                <ul class="plan-cards">
                  <For each={view().plans}>
                    {(plan) => (
                      <PlanCard
                        plan={plan}
                        view={view()}
                        canManage={canManage()}
                        busy={busy() !== null}
                        onCheckout={checkout}
                      />
                    )}
                  </For>
                </ul>
                <Show
                  when={canManage()}
                  fallback={<p class="muted">Only the workspace owner can change the plan or billing.</p>}
                >
                  <Show when={canOpenPortal(view().status)}>
                    <div class="button-row">
                      <button
                        class="button secondary"
                        type="button"
                        data-testid="manage-billing"
                        disabled={busy() !== null}
                        onClick={portal}
                      >
                        {busy() === 'portal' ? 'Opening Stripe…' : 'Manage billing'}
                      </button>
                    </div>
                    <p class="muted billing-hint">Payment methods, invoices, and changing or cancelling the plan.</p>
                  </Show>
                </Show>
                <Show when={actionError()}>
                  {(message) => (
                    <p class="error" role="alert">
                      {message()}
                    </p>
                  )}
                </Show>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}

function CurrentPlan(props: { view: BillingView }): JSX.Element {
  const plan = (): Plan => PLANS[props.view.plan];
  return (
    <div class="billing-current" data-testid="billing-plan" data-plan={props.view.plan} data-status={props.view.status}>
      <p class="billing-plan-name">
        <strong>{plan().name} plan</strong>
        <span class="muted"> · {priceText(plan().priceCents)}</span>
      </p>
      <Show
        when={props.view.billingEnabled}
        fallback={
          <p class="billing-off">
            Billing is off on this server: every workspace is on the {plan().name} plan.
          </p>
        }
      >
        <p class={props.view.status === 'past_due' ? 'error' : 'muted'}>{statusText(props.view, new Date())}</p>
      </Show>
    </div>
  );
}

function UsageLines(props: { view: BillingView }): JSX.Element {
  return (
    <>
      <h3 class="billing-heading">Usage</h3>
      <ul class="usage-lines">
        <For each={props.view.usage ? usageLines(props.view.plan, props.view.usage) : []}>
          {(line) => (
            <li class="usage-line" data-testid="usage-line" data-kind={line.kind} data-state={usageState(line)}>
              <div class="usage-head">
                <span class="usage-label">{line.label}</span>
                <span class="usage-text">{line.text}</span>
              </div>
              <Show when={line.limit !== null}>
                <div class="usage-bar" aria-hidden="true">
                  <span style={{ width: `${barPercent(line)}%` }} />
                </div>
              </Show>
              <Show when={USAGE_STATE_TEXT[usageState(line)]}>
                {(word) => <p class="usage-state">{word()}</p>}
              </Show>
              <Show when={line.kind === 'ai-questions'}>
                <p class="muted usage-note">Questions answered on this device are not counted.</p>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </>
  );
}

function PlanCard(props: {
  plan: Plan;
  view: BillingView;
  canManage: boolean;
  busy: boolean;
  onCheckout: (plan: PaidPlanId) => void;
}): JSX.Element {
  const action = (): PlanAction => planAction(props.plan, props.view);
  const checkout = (): Extract<PlanAction, { kind: 'checkout' }> | null => {
    const a = action();
    return a.kind === 'checkout' ? a : null;
  };
  const portalHint = (): string | null => {
    const a = action();
    return a.kind === 'portal' ? a.hint : null;
  };
  return (
    <li class="plan-card" classList={{ current: props.plan.id === props.view.plan }} data-plan={props.plan.id}>
      <h4>{props.plan.name}</h4>
      <p class="plan-price">{priceText(props.plan.priceCents)}</p>
      <ul class="plan-limits">
        <For each={planLimitTexts(props.plan)}>{(text) => <li>{text}</li>}</For>
      </ul>
      <Show when={props.plan.id === props.view.plan}>
        <p class="plan-current">Current plan</p>
      </Show>
      <Show when={props.canManage ? checkout() : null}>
        {(offer) => (
          <button
            class="button"
            type="button"
            data-testid={`upgrade-${offer().plan}`}
            disabled={props.busy}
            onClick={() => props.onCheckout(offer().plan)}
          >
            {offer().label}
          </button>
        )}
      </Show>
      <Show when={props.canManage ? portalHint() : null}>
        {(hint) => <p class="muted plan-hint">{hint()}</p>}
      </Show>
    </li>
  );
}
