import { describe, expect, it } from 'vitest';
import { freshdeskProfile } from './freshdesk-profile.js';

const now = new Date('2025-03-10T12:00:00Z');
const classify = (status: number, body: unknown) => freshdeskProfile('acme').classifyError({ status, body, headers: new Headers(), detail: { status } });

describe('Freshdesk profile', () => {
  it('counts the budget in requests of the kind just made: credits left ÷ credits it cost', () => {
    const headers = new Headers({ 'x-ratelimit-total': '200', 'x-ratelimit-remaining': '29', 'x-ratelimit-used-currentrequest': '3' });
    expect(freshdeskProfile('acme').readRateLimit(headers, now)).toEqual({ limit: 66, remaining: 9, resetAt: new Date('2025-03-10T12:01:00Z') });
    expect(freshdeskProfile('acme').readRateLimit(new Headers(), now)).toBeNull();
  });

  it('names every field of a 400 validation body, and asks for support rather than a fix the admin cannot make', () => {
    const error = classify(400, { description: 'Validation failed', errors: [{ field: 'updated_since', message: "It should be in the 'valid date time' format", code: 'invalid_value' }] });
    expect(error).toMatchObject({ category: 'config', detail: { platformCode: 'invalid_value' } });
    expect(error.message).toBe("Freshdesk refused Intake's request (400 — updated_since: It should be in the 'valid date time' format). Contact support with this run id.");
  });

  it('treats a redirect away from the account like a missing account', () => {
    expect(classify(302, null)).toMatchObject({ category: 'not_found' });
    expect(classify(302, null).message).toContain('check the domain (the part before .freshdesk.com)');
  });

  it('reads Retry-After in seconds', () => {
    expect(freshdeskProfile('acme').retryAt(new Headers({ 'retry-after': '42' }), now)).toEqual(new Date('2025-03-10T12:00:42Z'));
  });
});
