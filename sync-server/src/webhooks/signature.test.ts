import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateMessageId, generateWebhookSecret, signWebhook } from './signature';

describe('Standard Webhooks signatures', () => {
  it('matches the published example of the Standard Webhooks / Svix documentation', () => {
    const headers = signWebhook({
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      messageId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: new Date(1614265330_000),
      body: '{"test": 2432232314}',
    });
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('is accepted by the official verifier, which refuses a changed body, another secret or an old timestamp', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: 'alert.raised', timestamp: new Date().toISOString(), data: { n: 1 } });
    const headers = signWebhook({ secret, messageId: generateMessageId(), timestamp: new Date(), body });

    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('"n":1', '"n":2'), { ...headers })).toThrow(/No matching signature/);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow(/No matching signature/);

    const old = signWebhook({ secret, messageId: generateMessageId(), timestamp: new Date(Date.now() - 10 * 60_000), body });
    expect(() => new Webhook(secret).verify(body, { ...old })).toThrow(/too old/);
  });

  it('makes secrets of 32 random bytes and message ids that differ every time', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
    expect(generateMessageId()).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(generateMessageId()).not.toBe(generateMessageId());
  });
});
