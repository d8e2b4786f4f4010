import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureHeader, verifySignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ id: 'evt_1', type: 'integration.failure' });
  const t = 1_741_608_000;

  it('verifies a signature made over the timestamp and the body', () => {
    expect(verifySignature(secret, signatureHeader(secret, t, body), body, t + 10)).toBe(true);
  });

  it('refuses another body, another secret, an old timestamp and a malformed header', () => {
    const header = signatureHeader(secret, t, body);
    expect(verifySignature(secret, header, body.replace('failure', 'warning'), t)).toBe(false);
    expect(verifySignature(newWebhookSecret(), header, body, t)).toBe(false);
    expect(verifySignature(secret, header, body, t + 301)).toBe(false);
    expect(verifySignature(secret, 'v1=abc', body, t)).toBe(false);
  });

  it('makes a fresh secret each time', () => {
    expect(newWebhookSecret()).not.toBe(newWebhookSecret());
    expect(newWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  });
});
