/**
 * While the app is open, an alert that reaches this device for the signed-in person is announced to screen
 * readers and shown as a small notice linking to its account. Alerts already here at start-up are not
 * news (the badge counts them); the notice stays until dismissed, followed or acknowledged, since a timed
 * one could vanish before it was read.
 */
import { A } from '@solidjs/router';
import { createEffect, createMemo, createSignal, on, onMount, Show, type JSX } from 'solid-js';
import { SeverityBadge } from './AlertItem';
import type { AlertsData } from './alerts-data';
import { accountPath, arrivalAnnouncement, isOpen, makeArrivalTracker, mostPressing } from './inbox-model';

export function NewAlertNotice(props: { alerts: AlertsData }): JSX.Element {
  const [noticeId, setNoticeId] = createSignal<string | null>(null);
  const [announcement, setAnnouncement] = createSignal('');
  const arrivals = makeArrivalTracker();
  const [seeded, setSeeded] = createSignal(false);

  // What the device holds once it has caught up with the server is not news; read from the database itself,
  // since the reactive views trail its writes by a frame or more.
  onMount(() => {
    const { db, sync } = props.alerts.data;
    sync
      .awaitInitialSync()
      .then(() => db.alerts.find().exec())
      .then((docs) => {
        arrivals.seed(docs.map((d) => d.primary));
        setSeeded(true);
      })
      .catch((failure: unknown) => console.error('Reading the alerts on this device failed', failure));
  });

  // The live document: an acknowledgement (here or on another device) ends the notice.
  const notice = createMemo(() => {
    const id = noticeId();
    const alert = id ? props.alerts.mine().find((a) => a.id === id) : undefined;
    return alert && isOpen(alert) ? alert : null;
  });
  createEffect(
    on([props.alerts.mine, seeded], ([inbox, ready]) => {
      if (!ready) return;
      const arrived = arrivals.take(inbox);
      const newcomer = mostPressing(arrived);
      if (!newcomer) return;
      // Alerts raised together reach the device over a few sync pages: a later, milder one is announced
      // but does not push a more severe one off the screen.
      const current = notice();
      setNoticeId(mostPressing(current ? [newcomer, current] : [newcomer])!.id);
      setAnnouncement(
        arrivalAnnouncement(newcomer, props.alerts.accountName(newcomer.accountId), arrived.length - 1),
      );
    }),
  );
  const dismiss = (): void => {
    setNoticeId(null);
  };

  return (
    <>
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="alert-announcement">
        {announcement()}
      </p>
      <Show when={notice()}>
        {(alert) => (
          <section
            class="alert-toast"
            aria-labelledby="alert-toast-heading"
            data-testid="alert-toast"
            data-alert-id={alert().id}
            data-severity={alert().severity}
          >
            <div class="alert-toast-head">
              <h2 id="alert-toast-heading" class="alert-toast-heading">
                New alert
              </h2>
              <SeverityBadge severity={alert().severity} />
              <button
                type="button"
                class="icon-button alert-toast-close"
                aria-label="Dismiss the new-alert notice"
                onClick={dismiss}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </div>
            <p class="alert-toast-title">{alert().title}</p>
            <A class="alert-toast-link" href={accountPath(alert().accountId)} onClick={dismiss}>
              Open {props.alerts.accountName(alert().accountId)} <span aria-hidden="true">→</span>
            </A>
          </section>
        )}
      </Show>
    </>
  );
}
