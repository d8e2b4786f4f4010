import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import { TalkdeskSimulator } from './talkdesk.simulator.js';

const sims: TalkdeskSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start(options: ConstructorParameters<typeof TalkdeskSimulator>[0] = {}) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new TalkdeskSimulator({ clock, calls: 12, spanDays: 2, rateLimit: null, processingMs: 10_000, ...options });
  sims.push(sim);
  const url = await sim.start();
  const basic = `Basic ${Buffer.from(`${sim.client.clientId}:${sim.client.clientSecret}`).toString('base64')}`;
  const token = async () => {
    const answer = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&scope=data-reports:read data-reports:write' });
    return ((await answer.json()) as { access_token: string }).access_token;
  };
  return { sim, url, clock, basic, token };
}

const job = (from: string, to: string) => JSON.stringify({ format: 'json', timezone: 'UTC', timespan: { from, to } });

describe('Talkdesk simulator', () => {
  it('issues 10-minute tokens for the client credentials, and refuses a wrong secret as invalid_client', async () => {
    const { url, token, clock } = await start();
    const wrong = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('x:y').toString('base64')}` }, body: 'grant_type=client_credentials' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
    const bearer = await token();
    const ok = await fetch(`${url}/data/reports/calls/jobs`, { headers: { authorization: `Bearer ${bearer}` } });
    expect(ok.status).toBe(200);
    clock.advance(600_000);
    expect((await fetch(`${url}/data/reports/calls/jobs`, { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(401);
  });

  it('prepares a job over time, answers 303 to the file, which redirects to storage that refuses the token', async () => {
    const { url, token, clock, sim } = await start();
    const headers = { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' };
    const created = await fetch(`${url}/data/reports/calls/jobs`, { method: 'POST', headers, body: job('2025-03-01T00:00:00', '2025-03-11T00:00:00') });
    expect(created.status).toBe(202);
    const { job: made } = (await created.json()) as { job: { id: string; status: string } };
    expect(made.status).toBe('created');
    clock.advance(10_000);
    const status = await fetch(`${url}/data/reports/calls/jobs/${made.id}`, { headers, redirect: 'manual' });
    expect(status.status).toBe(303);
    expect(status.headers.get('location')).toBe(`/data/reports/calls/files/${made.id}`);
    const file = await fetch(`${url}/data/reports/calls/files/${made.id}`, { headers, redirect: 'manual' });
    expect(file.status).toBe(303);
    const storage = file.headers.get('location')!;
    expect((await fetch(storage, { headers })).status).toBe(400);
    const body = (await (await fetch(storage)).json()) as { type: string; entries: Array<{ call_id: string; end_at: string }>; total: number };
    expect(body).toMatchObject({ type: 'calls', version: 'v1', total: 12 });
    expect(body.entries.map((e) => e.call_id).sort()).toEqual([...sim.calls.keys()].sort());
  });

  it('refuses a timespan over a month, naming the field', async () => {
    const { url, token } = await start();
    const refused = await fetch(`${url}/data/reports/calls/jobs`, { method: 'POST', headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' }, body: job('2025-01-01T00:00:00', '2025-03-01T00:00:00') });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ message: 'Bad Request', fields: [{ name: 'timespan', description: 'the timespan cannot exceed one month' }] });
  });

  it('refuses a token while a new scope propagates, and for a scope never given', async () => {
    const { url, basic, sim, clock } = await start();
    const ask = () => fetch(`${url}/oauth/token`, { method: 'POST', headers: { authorization: basic }, body: 'grant_type=client_credentials&scope=data-reports:read' });
    sim.client.scope = 'pending';
    sim.client.pendingUntil = clock.now().getTime() + 120_000;
    expect((await ask()).status).toBe(401);
    clock.advance(120_000);
    expect((await ask()).status).toBe(200);
    sim.client.scope = 'missing';
    const missing = await ask();
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_scope' });
  });
});
