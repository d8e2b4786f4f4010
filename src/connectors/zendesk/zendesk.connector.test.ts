import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import type { MappedRecord, SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import { InMemoryRateBudgets } from '../rate-budget.js';
import { SourceHttpClient } from '../source-http-client.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import type { ZendeskCredentials } from './zendesk-connection.js';
import { createZendeskConnector } from './zendesk.connector.js';
import { ZendeskSimulator, type ZendeskSimulatorOptions } from './zendesk.simulator.js';

const simulators: ZendeskSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(options: ZendeskSimulatorOptions = {}, credentials?: (sim: ZendeskSimulator) => ZendeskCredentials) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new ZendeskSimulator({ clock, tickets: 50, ...options });
  simulators.push(sim);
  const url = await sim.start();
  const http = new SourceHttpClient({
    clock,
    budgets: new InMemoryRateBudgets(clock),
    hostPolicy: new SourceHostPolicy([new URL(url).host]),
    backoffBaseMs: 1,
  });
  const connector = createZendeskConnector({
    connection: { subdomain: sim.subdomain, baseUrl: url },
    credentials: credentials ? credentials(sim) : sim.apiTokenCredentials(),
    http,
    clock,
  });
  return { clock, sim, connector, http };
}

async function readAll(pages: AsyncIterable<SourcePage>): Promise<SourcePage[]> {
  const all: SourcePage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

const refs = (pages: SourcePage[]) => pages.flatMap((p) => p.records.map((r: MappedRecord) => (r.ok ? r.contact.sourceRef : `!${r.sourceRef}`)));
const start = { startDate: new Date('2025-01-01T00:00:00Z'), checkpoint: null };

describe('Zendesk connector against its simulator', () => {
  it('pages through the whole export in order and ends on end_of_stream', async () => {
    const { connector, sim } = await setup({ tickets: 2500, maxPageSize: 1000, rateLimit: null });
    const pages = await readAll(connector.readPages(start));
    expect(pages.map((p) => p.records.length)).toEqual([1000, 1000, 500]);
    const seen = refs(pages);
    expect(new Set(seen).size).toBe(2500);
    const expected = sim.tickets().sort((a, b) => a.generated_timestamp - b.generated_timestamp || a.id - b.id).map((t) => String(t.id));
    expect(seen).toEqual(expected);
  });

  it('resumes from a checkpoint and then sees only what changed since', async () => {
    const { connector, sim, clock } = await setup({ tickets: 300, maxPageSize: 100, rateLimit: null });
    const iterator = connector.readPages(start)[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as SourcePage;
    await iterator.return?.();
    const rest = await readAll(connector.readPages({ ...start, checkpoint: first.checkpoint }));
    expect([...refs([first]), ...refs(rest)]).toHaveLength(300);
    expect(new Set([...refs([first]), ...refs(rest)]).size).toBe(300);

    const finalCheckpoint = rest.at(-1)!.checkpoint;
    expect(await readAll(connector.readPages({ ...start, checkpoint: finalCheckpoint }))).toMatchObject([
      { records: [], checkpoint: finalCheckpoint },
    ]);
    const changed = sim.mutate({ updates: 3 });
    clock.advance(61_000);
    const again = await readAll(connector.readPages({ ...start, checkpoint: finalCheckpoint }));
    expect(refs(again).sort()).toEqual(changed.map(String).sort());
  });

  it('leaves out changes of the last minute until the next poll', async () => {
    const { connector, sim, clock } = await setup({ tickets: 5, rateLimit: null });
    const first = await readAll(connector.readPages(start));
    const created = sim.createTicket({ status: 'solved' });
    const checkpoint = first.at(-1)!.checkpoint;
    expect(refs(await readAll(connector.readPages({ ...start, checkpoint })))).toEqual([]);
    clock.advance(30_000);
    expect(refs(await readAll(connector.readPages({ ...start, checkpoint })))).toEqual([]);
    clock.advance(31_000);
    expect(refs(await readAll(connector.readPages({ ...start, checkpoint })))).toEqual([String(created.id)]);
  });

  it('paces itself from the rate-limit header: a backlog of many windows meets no 429', async () => {
    const { connector, sim, clock } = await setup({ tickets: 60, maxPageSize: 5, rateLimit: { requests: 3, windowSeconds: 60 } });
    const before = clock.now().getTime();
    const pages = await readAll(connector.readPages(start));
    expect(refs(pages)).toHaveLength(60);
    expect(sim.stats.throttled).toBe(0);
    // 13 requests at 3 per minute need at least four windows.
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(3 * 60_000);
  });

  it('honours Retry-After on a 429 and carries on', async () => {
    const { connector, sim, clock } = await setup({ tickets: 20, maxPageSize: 10, rateLimit: null });
    sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 7, count: 1 });
    const before = clock.now().getTime();
    const pages = await readAll(connector.readPages(start));
    expect(refs(pages)).toHaveLength(20);
    expect(sim.stats.throttled).toBe(1);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(7_000);
  });

  it('stops with rate_limited and the time it can resume when Retry-After is long', async () => {
    const { connector, sim, clock } = await setup({ rateLimit: null });
    sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 900, count: 1 });
    const error = await readAll(connector.readPages(start)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ category: 'rate_limited', transient: true });
    expect((error as SourceError).resumeAt!.getTime()).toBe(clock.now().getTime() + 900_000);
    expect((error as SourceError).message).toMatch(/^Rate limited by Zendesk — resumes at \d\d:\d\d UTC/);
  });

  it('classifies a rejected API token as auth_revoked, with a message that says what to do', async () => {
    const { connector, sim } = await setup({}, (s) => ({ ...s.apiTokenCredentials(), token: 'wrong' }));
    const error = (await readAll(connector.readPages(start)).catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ category: 'auth_revoked', transient: false, detail: { status: 401, platformCode: "Couldn't authenticate you" } });
    expect(error.message).toContain('Reconnect the integration with a new token');
    expect(sim.stats.requests).toBe(1);
  });

  it('classifies a rejected OAuth token as auth_expired', async () => {
    const { connector } = await setup({}, () => ({ kind: 'oauth', accessToken: 'expired' }));
    const error = (await readAll(connector.readPages(start)).catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ category: 'auth_expired', detail: { status: 401, platformCode: 'invalid_token' } });
  });

  it('classifies a token revoked mid-run as auth_revoked after the pages it read', async () => {
    const { connector, sim } = await setup({ tickets: 30, maxPageSize: 10, rateLimit: null });
    sim.injectFault({ kind: 'revoke_after', requests: 1 });
    const read: SourcePage[] = [];
    const error = await (async () => {
      for await (const page of connector.readPages(start)) read.push(page);
    })().catch((e: unknown) => e);
    expect(read).toHaveLength(1);
    expect(error).toMatchObject({ category: 'auth_revoked' });
  });

  it('refuses an agent (not admin) with forbidden', async () => {
    const { connector, sim } = await setup({}, (s) => {
      const agent = s.addUser({ email: 'agent@acme.example', role: 'agent', token: 'agent-token' });
      return s.apiTokenCredentials(agent);
    });
    await expect(readAll(connector.readPages(start))).rejects.toMatchObject({ category: 'forbidden' });
    await expect(connector.verifyCredentials()).rejects.toMatchObject({ category: 'forbidden' });
    expect(sim.stats.requests).toBe(2);
  });

  it('verifies credentials and reports the account they belong to', async () => {
    const { connector } = await setup({ subdomain: 'globex' });
    await expect(connector.verifyCredentials()).resolves.toEqual({ sourceAccount: 'globex', principal: 'admin@globex.example' });
  });

  it('fetches one ticket by reference, and null for one the account does not know', async () => {
    const { connector, sim } = await setup({ tickets: 5 });
    const id = sim.tickets().find((t) => t.status !== 'deleted')!.id;
    const found = await connector.fetchOne!(String(id));
    expect(found).toMatchObject({ ok: true, contact: { sourceRef: String(id) } });
    expect(await connector.fetchOne!('999999')).toBeNull();
    expect(await connector.fetchOne!('not-a-number')).toBeNull();
  });

  it('maps deleted tickets to the deleted status, and a ticket with a bad field to a failure naming it', async () => {
    const { connector, sim, clock } = await setup({ tickets: 3, rateLimit: null });
    const [a, b] = sim.tickets();
    sim.deleteTicket(a!.id);
    sim.store.put({ ...sim.updateTicket(b!.id, {}), via: { channel: null } } as never);
    clock.advance(61_000);
    const records = (await readAll(connector.readPages(start))).flatMap((p) => p.records);
    expect(records.find((r) => r.ok && r.contact.sourceRef === String(a!.id))).toMatchObject({ contact: { status: 'deleted', sourceStatus: 'deleted' } });
    expect(records.find((r) => !r.ok)).toMatchObject({ sourceRef: String(b!.id), field: 'via.channel' });
  });

  it('refuses a base URL whose host is not allowed, before sending anything', async () => {
    const clock = new ManualClock();
    const http = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy([]) });
    const connector = createZendeskConnector({
      connection: { subdomain: 'acme', baseUrl: 'http://127.0.0.1:9/' },
      credentials: { kind: 'api_token', email: 'a@b.c', token: 't' },
      http,
      clock,
    });
    await expect(readAll(connector.readPages(start))).rejects.toMatchObject({ category: 'config' });
  });
});
