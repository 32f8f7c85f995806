/**
 * A new endpoint's signing secret, shown this once (the server keeps it only to sign with), with a copy
 * button and how a receiver checks a request with it (Standard Webhooks).
 */
import { onMount, type JSX } from 'solid-js';
import { CopyButton } from '../../components/CopyButton';

export function WebhookSecret(props: { url: string; secret: string; onDone: () => void }): JSX.Element {
  let heading: HTMLHeadingElement | undefined;
  // Straight to it: a screen-reader user must not miss a secret they can never see again.
  onMount(() => heading?.focus());
  return (
    <div class="wh-secret" data-testid="webhook-secret-panel">
      <h4 ref={heading} tabindex="-1">
        Signing secret for {props.url}
      </h4>
      <p>
        <strong>Copy it now: it is shown only this once.</strong> Store it where your endpoint can read it,
        such as its secret manager. Lost it? Delete the endpoint and add it again.
      </p>
      <code class="secret" data-testid="webhook-secret">
        {props.secret}
      </code>
      <CopyButton text={props.secret} label="Copy secret" class="button secondary small" />
      <details class="wh-verify">
        <summary>How your endpoint checks that a webhook came from Vitals</summary>
        <p>
          Each request follows the Standard Webhooks specification and carries three headers:{' '}
          <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code>. The
          easiest check is a Standard Webhooks library (<code>standardwebhooks</code> on npm, PyPI and
          others): give it this secret, the headers and the raw body. By hand:
        </p>
        <ol>
          <li>
            Take the secret after <code>whsec_</code> and base64-decode it: that is the key.
          </li>
          <li>
            Compute HMAC-SHA256 of <code>webhook-id.webhook-timestamp.body</code>, using the body exactly as
            received, and base64-encode it.
          </li>
          <li>
            Compare it, in constant time, with each signature after <code>v1,</code> in{' '}
            <code>webhook-signature</code> (space-separated).
          </li>
          <li>
            Refuse a <code>webhook-timestamp</code> more than five minutes from your clock, and use{' '}
            <code>webhook-id</code> to skip a retry you already handled.
          </li>
        </ol>
      </details>
      <div class="button-row">
        <button class="button" type="button" onClick={() => props.onDone()}>
          I have stored the secret
        </button>
      </div>
    </div>
  );
}
