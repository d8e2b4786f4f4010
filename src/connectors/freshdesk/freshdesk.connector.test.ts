import { afterEach, describe, expect, it } from 'vitest';
import type { StoredContact } from '../../core/contact.js';
import { integrationSettingsSchema } from '../../core/integration-settings.js';
import { ManualClock } from '../../core/manual-clock.js';
import { planPage } from '../../core/plan-page.js';
import { emptyCounts } from '../../core/run-counts.js';
import type { MappedRecord, SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import { InMemoryRateBudgets } from '../rate-budget.js';
import { SourceHttpClient } from '../source-http-client.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import type { FreshdeskCredentials } from './freshdesk-connection.js';
import { iso, type FreshdeskWireTicket } from './freshdesk-seed.js';
import { createFreshdeskConnector } from './freshdesk.connector.js';
import { FreshdeskSimulator, type FreshdeskSimulatorOptions } from './freshdesk.simulator.js';

const simulators: FreshdeskSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(options: FreshdeskSimulatorOptions = {}, credentials?: (sim: FreshdeskSimulator) => FreshdeskCredentials) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new FreshdeskSimulator({ clock, tickets: 50, rateLimit: null, ...options });
  simulators.push(sim);
  const url = await sim.start();
  const requested: URL[] = [];
  const http = new SourceHttpClient({
    clock,
    budgets: new InMemoryRateBudgets(clock),
    hostPolicy: new SourceHostPolicy([new URL(url).host]),
    backoffBaseMs: 1,
    fetch: (input, init) => {
      requested.push(new URL(String(input)));
      return fetch(input, init);
    },
  });
  const connector = createFreshdeskConnector({
    connection: { domain: sim.domain, baseUrl: url },
    credentials: credentials ? credentials(sim) : sim.credentials(),
    http,
    clock,
  });
  return { clock, sim, connector, requested, url };
}

async function readAll(pages: AsyncIterable<SourcePage>): Promise<SourcePage[]> {
  const all: SourcePage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

const refs = (pages: SourcePage[]) => pages.flatMap((p) => p.records.map((r: MappedRecord) => (r.ok ? r.contact.sourceRef : `!${r.sourceRef}`)));
const contacts = (pages: SourcePage[]) => pages.flatMap((p) => p.records.flatMap((r) => (r.ok ? [r.contact] : [])));
const start = { startDate: new Date('2025-01-01T00:00:00Z'), checkpoint: null };
const inListOrder = (tickets: FreshdeskWireTicket[]) => [...tickets].sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id).map((t) => String(t.id));

/** `count` tickets whose updates fall in groups of `perSecond` sharing one second. */
function ticketsSharingSeconds(sim: FreshdeskSimulator, count: number, perSecond: number): void {
  const base = Date.parse('2025-03-01T00:00:00Z');
  for (let i = 0; i < count; i += 1) {
    const at = iso(base + Math.floor(i / perSecond) * 60_000);
    sim.store.put({ ...sim.createTicket({ status: 5 }), created_at: at, updated_at: at });
  }
}

describe('Freshdesk connector against its simulator', () => {
  it('reads every live ticket in updated_at order, then the trash and spam, asking as the API documents', async () => {
    const { connector, sim, requested } = await setup({ tickets: 250 });
    const pages = await readAll(connector.readPages(start));
    const all = sim.tickets();
    const live = inListOrder(all.filter((t) => !t.deleted && !t.spam));
    const trashed = inListOrder(all.filter((t) => t.deleted));
    const spam = inListOrder(all.filter((t) => t.spam && !t.deleted));
    expect(trashed.length).toBeGreaterThan(0);
    expect(spam.length).toBeGreaterThan(0);
    expect(refs(pages)).toEqual([...live, ...trashed, ...spam]);
    const byRef = new Map(contacts(pages).map((c) => [c.sourceRef, c]));
    expect(trashed.every((ref) => byRef.get(ref)!.status === 'deleted' && byRef.get(ref)!.sourceStatus === 'deleted')).toBe(true);
    expect(spam.every((ref) => byRef.get(ref)!.status === 'deleted' && byRef.get(ref)!.sourceStatus === 'spam')).toBe(true);

    const first = requested[0]!;
    expect(first.pathname).toBe('/api/v2/tickets');
    expect(Object.fromEntries(first.searchParams)).toEqual({
      updated_since: '2025-01-01T00:00:00Z',
      order_by: 'updated_at',
      order_type: 'asc',
      per_page: '100',
      include: 'stats',
    });
    expect(requested.map((u) => u.searchParams.get('filter'))).toContain('deleted');
    expect(requested.map((u) => u.searchParams.get('filter')).at(-1)).toBe('spam');
    expect(pages.at(-1)!.reachedAt).toBeDefined();
  });

  it('resumes from a checkpoint mid-pass, and later sees only what changed since', async () => {
    const { connector, sim, clock } = await setup({ tickets: 300, maxPageSize: 40 });
    const iterator = connector.readPages(start)[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as SourcePage;
    await iterator.return?.();
    expect(JSON.parse(first.checkpoint)).toMatchObject({ v: 1, pass: 'tickets' });
    const rest = await readAll(connector.readPages({ ...start, checkpoint: first.checkpoint }));
    const seen = [...refs([first]), ...refs(rest)];
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);

    const finalCheckpoint = rest.at(-1)!.checkpoint;
    expect(JSON.parse(finalCheckpoint)).toMatchObject({ pass: 'tickets' });
    expect(refs(await readAll(connector.readPages({ ...start, checkpoint: finalCheckpoint })))).toEqual([]);
    clock.advance(5_000);
    const changed = sim.mutate({ updates: 3 });
    expect(refs(await readAll(connector.readPages({ ...start, checkpoint: finalCheckpoint }))).sort()).toEqual(changed.map(String).sort());
  });

  it('resumes a run stopped in the trash pass without re-reading the live tickets', async () => {
    const { connector, sim } = await setup({ tickets: 200, maxPageSize: 4 });
    const pages = await readAll(connector.readPages(start));
    // A page inside the trash pass (its last page already points at the spam pass).
    const inTrash = pages.find((p) => JSON.parse(p.checkpoint).pass === 'deleted')!;
    expect(inTrash).toBeDefined();
    const resumed = await readAll(connector.readPages({ ...start, checkpoint: inTrash.checkpoint }));
    const after = refs(pages.slice(pages.indexOf(inTrash) + 1));
    expect(refs(resumed)).toEqual(after);
    expect(refs(resumed).every((ref) => sim.ticket(Number(ref))!.deleted || sim.ticket(Number(ref))!.spam)).toBe(true);
  });

  it('never pages past the cap: every ticket once, tie groups split across pages included, and no 400', async () => {
    const { connector, sim, url } = await setup({ tickets: 0, maxPageSize: 5, maxPages: 2 });
    // 63 tickets, 7 per second: more than a page shares each second, and 13 pages in all.
    ticketsSharingSeconds(sim, 63, 7);
    const pages = await readAll(connector.readPages(start));
    expect(refs(pages)).toEqual(inListOrder(sim.tickets()));
    expect(sim.stats.byStatus['400']).toBeUndefined();

    // A client following page numbers alone would have met the documented 400 on page 3.
    const beyond = await fetch(`${url}/api/v2/tickets?updated_since=2025-01-01T00:00:00Z&order_by=updated_at&order_type=asc&per_page=5&page=3`, {
      headers: { authorization: `Basic ${Buffer.from(`${sim.credentials().apiKey}:X`).toString('base64')}` },
    });
    expect(beyond.status).toBe(400);
    expect(await beyond.json()).toEqual({
      description: 'Validation failed',
      errors: [{ field: 'page', message: 'You cannot access tickets beyond the 2nd page. Please provide a smaller page number.', code: 'invalid_value' }],
    });
  });

  it('says so plainly when more tickets share one second than the list can page through', async () => {
    const { connector, sim } = await setup({ tickets: 0, maxPageSize: 5, maxPages: 2 });
    ticketsSharingSeconds(sim, 12, 12);
    const error = (await readAll(connector.readPages(start)).catch((e: unknown) => e)) as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ category: 'source_error', detail: { status: 400, field: 'page', platformCode: 'invalid_value' } });
    expect(error.message).toContain('beyond its page limit');
  });

  it('misses no ticket when tickets read earlier change or are deleted while it pages', async () => {
    const { connector, sim } = await setup({ tickets: 60, maxPageSize: 10 });
    const before = new Set(sim.tickets().filter((t) => !t.deleted && !t.spam).map((t) => String(t.id)));
    const liveOrder = inListOrder(sim.tickets().filter((t) => !t.deleted && !t.spam));
    sim.beforeList = (n) => {
      // Between pages, two tickets of the first page change and one is deleted: each leaves its place.
      if (n === 2) {
        sim.updateTicket(Number(liveOrder[1]), { priority: 4 });
        sim.updateTicket(Number(liveOrder[2]), { priority: 4 });
        sim.deleteTicket(Number(liveOrder[3]));
      }
    };
    const seen = new Set(refs(await readAll(connector.readPages(start))));
    expect([...before].filter((ref) => !seen.has(ref))).toEqual([]);
  });

  it('re-reading from the same checkpoint gives the same records (a crash re-reads harmlessly)', async () => {
    const { connector } = await setup({ tickets: 120, maxPageSize: 30 });
    const iterator = connector.readPages(start)[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as SourcePage;
    await iterator.return?.();
    const once = await readAll(connector.readPages({ ...start, checkpoint: first.checkpoint }));
    const twice = await readAll(connector.readPages({ ...start, checkpoint: first.checkpoint }));
    expect(refs(twice)).toEqual(refs(once));
    expect(twice.map((p) => p.checkpoint)).toEqual(once.map((p) => p.checkpoint));
  });

  it('delivers a newer version of a ticket changed after import, and a deleted or spam one as deleted', async () => {
    const { connector, sim, clock } = await setup({ tickets: 20 });
    const first = await readAll(connector.readPages(start));
    const before = new Map(contacts(first).map((c) => [c.sourceRef, c]));
    const [reopened, trashed, spammed] = sim.tickets().filter((t) => !t.deleted && !t.spam && t.status >= 4);
    clock.advance(2_000);
    sim.updateTicket(reopened!.id, { status: 2 });
    sim.deleteTicket(trashed!.id);
    sim.markSpam(spammed!.id);
    const again = contacts(await readAll(connector.readPages({ ...start, checkpoint: first.at(-1)!.checkpoint })));
    const got = (id: number) => again.find((c) => c.sourceRef === String(id))!;
    expect(again).toHaveLength(3);
    expect(got(reopened!.id)).toMatchObject({ status: 'open', sourceStatus: '2', closedAt: null });
    expect(got(trashed!.id)).toMatchObject({ status: 'deleted', sourceStatus: 'deleted' });
    expect(got(spammed!.id)).toMatchObject({ status: 'deleted', sourceStatus: 'spam' });
    for (const id of [reopened!.id, trashed!.id, spammed!.id]) expect(got(id).version).toBeGreaterThan(before.get(String(id))!.version);

    // Deleted within the second of its last change: the trashed copy is still the newer one.
    const quick = sim.createTicket({ status: 5 });
    const checkpoint = (await readAll(connector.readPages({ ...start, checkpoint: first.at(-1)!.checkpoint }))).at(-1)!.checkpoint;
    const live = contacts(await readAll(connector.readPages({ ...start, checkpoint: first.at(-1)!.checkpoint }))).find((c) => c.sourceRef === String(quick.id))!;
    sim.deleteTicket(quick.id);
    const gone = contacts(await readAll(connector.readPages({ ...start, checkpoint }))).find((c) => c.sourceRef === String(quick.id))!;
    expect(gone).toMatchObject({ status: 'deleted', updatedAt: live.updatedAt });
    expect(gone.version).toBeGreaterThan(live.version);
  });

  it('as the run decides it: a trashed ticket never imported is excluded deleted_at_source, an imported one is refreshed to deleted', async () => {
    const { connector, sim, clock } = await setup({ tickets: 0 });
    const [kept, neverSeen] = [sim.createTicket({ status: 5 }), sim.createTicket({ status: 5 })];
    const first = await readAll(connector.readPages(start));
    const stored = contacts(first).find((c) => c.sourceRef === String(kept.id))!;
    clock.advance(1_000);
    sim.deleteTicket(kept.id);
    sim.markSpam(neverSeen.id);
    const records = (await readAll(connector.readPages({ ...start, checkpoint: first.at(-1)!.checkpoint }))).flatMap((p) => p.records);
    const plan = planPage({
      records,
      existing: new Map<string, StoredContact>([[stored.sourceRef, { ...stored, id: 'c1' }]]),
      settings: integrationSettingsSchema.parse({ startDate: '2025-01-01' }),
      counts: emptyCounts(),
    });
    expect(plan.decisions.map((d) => [d.sourceRef, d.outcome, d.reason])).toEqual([
      [String(kept.id), 'updated', null],
      [String(neverSeen.id), 'excluded', 'deleted_at_source'],
    ]);
    expect(plan.contacts).toEqual([expect.objectContaining({ sourceRef: String(kept.id), status: 'deleted', sourceStatus: 'deleted' })]);
  });

  it('maps status and source codes, the responder, tags, custom fields, stats and metadata', async () => {
    const { connector, sim } = await setup({ tickets: 0 });
    const ticket = sim.createTicket({
      status: 4,
      source: 9,
      responder_id: 67000013,
      tags: ['refund'],
      custom_fields: { cf_plan: 'gold', cf_escalated: true, cf_order_reference: null },
      priority: 3,
      type: 'Refund',
      group_id: 67000102,
      company_id: 69000007,
      requester_id: 68000001,
      subject: 'Refund please',
    });
    sim.store.put({ ...ticket, stats: { ...ticket.stats, resolved_at: '2025-03-10T11:00:00Z', closed_at: null } });
    const custom = sim.createTicket({ status: 6, source: 14 });
    const mapped = contacts(await readAll(connector.readPages(start)));
    expect(mapped.find((c) => c.sourceRef === String(ticket.id))).toEqual({
      sourceRef: String(ticket.id),
      channel: 'feedback_widget',
      agent: '67000013',
      sourceStatus: '4',
      status: 'solved',
      tags: ['refund'],
      customFields: { cf_plan: 'gold', cf_escalated: true, cf_order_reference: null },
      createdAt: '2025-03-10T12:00:00.000Z',
      updatedAt: '2025-03-10T12:00:00.000Z',
      closedAt: '2025-03-10T11:00:00.000Z',
      version: Date.parse('2025-03-10T12:00:00Z'),
      metadata: { subject: 'Refund please', requester: '68000001', priority: 'high', type: 'Refund', group: '67000102', company: '69000007' },
    });
    // A custom status keeps Freshdesk's number and counts as pending; an unknown source keeps its code.
    expect(mapped.find((c) => c.sourceRef === String(custom.id))).toMatchObject({ sourceStatus: '6', status: 'pending', channel: '14' });
  });

  it('paces itself from the X-Ratelimit headers: a backlog of many windows meets no 429', async () => {
    // 10 credits a minute: three ticket lists (3 credits each with stats), and one credit too few for a fourth.
    const { connector, sim, clock } = await setup({ tickets: 40, maxPageSize: 5, rateLimit: { credits: 10, windowSeconds: 60 } });
    const before = clock.now().getTime();
    const pages = await readAll(connector.readPages(start));
    expect(new Set(refs(pages)).size).toBe(40);
    expect(sim.stats.throttled).toBe(0);
    expect(sim.stats.listRequests).toBeGreaterThan(6);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(Math.floor((sim.stats.listRequests - 1) / 3) * 60_000);
  });

  it('meets no 429 when each request takes seconds to answer', async () => {
    const { connector, sim, clock } = await setup({ tickets: 40, maxPageSize: 5, rateLimit: { credits: 10, windowSeconds: 60 } });
    sim.beforeList = () => void clock.advance(13_000);
    expect(new Set(refs(await readAll(connector.readPages(start)))).size).toBe(40);
    expect(sim.stats.throttled).toBe(0);
  });

  it('counts refused and invalid requests against the budget too, so they do not lead to a 429', async () => {
    const { connector, sim } = await setup({ tickets: 20, maxPageSize: 5, rateLimit: { credits: 10, windowSeconds: 60 } });
    // A 404 (3 credits) and the account check behind it (1), then the import.
    expect(await connector.fetchOne!('999999')).toBeNull();
    expect(sim.stats.byStatus['404']).toBe(1);
    await readAll(connector.readPages(start));
    expect(sim.stats.throttled).toBe(0);
  });

  it('honours Retry-After on a 429 and carries on', async () => {
    const { connector, sim, clock } = await setup({ tickets: 20, maxPageSize: 10 });
    sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 7, count: 1 });
    const before = clock.now().getTime();
    const pages = await readAll(connector.readPages(start));
    expect(new Set(refs(pages)).size).toBe(20);
    expect(sim.stats.throttled).toBe(1);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(7_000);
  });

  it('stops with rate_limited and the time it can resume when Retry-After is long', async () => {
    const { connector, sim, clock } = await setup();
    sim.injectFault({ kind: 'rate_limited', retryAfterSeconds: 900, count: 1 });
    const error = (await readAll(connector.readPages(start)).catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ category: 'rate_limited', transient: true });
    expect(error.resumeAt!.getTime()).toBe(clock.now().getTime() + 900_000);
    expect(error.message).toMatch(/^Rate limited by Freshdesk — resumes at \d\d:\d\d UTC/);
  });

  it('classifies a rejected API key as auth_revoked, quoting Freshdesk and saying what to do', async () => {
    const { connector, sim } = await setup({}, () => ({ apiKey: 'wrong' }));
    const error = (await readAll(connector.readPages(start)).catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ category: 'auth_revoked', transient: false, detail: { status: 401, platformCode: 'invalid_credentials' } });
    expect(error.message).toContain('"You have to be logged in to perform this action."');
    expect(error.message).toContain('Reconnect the integration with the API key');
    expect(sim.stats.requests).toBe(1);
  });

  it('classifies a key revoked mid-run as auth_revoked after the pages it read', async () => {
    const { connector, sim } = await setup({ tickets: 30, maxPageSize: 10 });
    sim.injectFault({ kind: 'revoke_after', requests: 1 });
    const read: SourcePage[] = [];
    const error = await (async () => {
      for await (const page of connector.readPages(start)) read.push(page);
    })().catch((e: unknown) => e);
    expect(read).toHaveLength(1);
    expect(error).toMatchObject({ category: 'auth_revoked' });
  });

  it('classifies a role that may not view tickets as forbidden, and refuses an agent limited to some tickets', async () => {
    const { connector } = await setup({}, (s) => s.credentials(s.addAgent({ name: 'No Tickets', email: 'x@acme.example', apiKey: 'no-tickets', ticketScope: 1, groupIds: [], canViewTickets: false })));
    const error = (await readAll(connector.readPages(start)).catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ category: 'forbidden', detail: { status: 403, platformCode: 'access_denied' } });
    expect(error.message).toContain('administrator');

    const scoped = await setup({}, (s) => s.credentials(s.addAgent({ name: 'Group Only', email: 'g@acme.example', apiKey: 'group-only', ticketScope: 2, groupIds: [67000101] })));
    const refused = (await scoped.connector.verifyCredentials().catch((e: unknown) => e)) as SourceError;
    expect(refused).toMatchObject({ category: 'forbidden', detail: { ticketScope: 2 } });
    expect(refused.message).toContain('Group access');
  });

  it('classifies a domain that does not exist as not_found, naming the domain', async () => {
    const { connector, sim } = await setup();
    sim.injectFault({ kind: 'unknown_account' }, 'all');
    const error = (await readAll(connector.readPages(start)).catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ category: 'not_found', detail: { status: 404 } });
    expect(error.message).toContain('Freshdesk account "acme" was not found');
    await expect(connector.fetchOne!('1')).rejects.toMatchObject({ category: 'not_found' });
  });

  it('retries a 5xx burst and gives up as source_error when it lasts', async () => {
    const { connector, sim } = await setup({ tickets: 10 });
    sim.injectFault({ kind: 'server_error', status: 503, count: 2 });
    expect(new Set(refs(await readAll(connector.readPages(start)))).size).toBe(10);
    sim.injectFault({ kind: 'server_error', status: 502 });
    await expect(readAll(connector.readPages(start))).rejects.toMatchObject({ category: 'source_error', transient: true });
  });

  it('classifies a renamed field, malformed JSON and an HTML page as api_changed', async () => {
    const { connector, sim } = await setup({ tickets: 10 });
    sim.injectFault({ kind: 'rename_field', from: 'updated_at', to: 'modified_at', count: 1 });
    const renamed = (await readAll(connector.readPages(start)).catch((e: unknown) => e)) as SourceError;
    expect(renamed).toMatchObject({ category: 'api_changed', detail: { field: 'updated_at' } });
    for (const kind of ['malformed_json', 'html_page'] as const) {
      sim.injectFault({ kind, count: 1 });
      await expect(readAll(connector.readPages(start))).rejects.toMatchObject({ category: 'api_changed' });
    }
  });

  it('fetches one ticket by reference (deleted ones as deleted), and null for one the account does not know', async () => {
    const { connector, sim } = await setup({ tickets: 5 });
    const [live, trashed] = sim.tickets().filter((t) => !t.deleted && !t.spam);
    sim.deleteTicket(trashed!.id);
    expect(await connector.fetchOne!(String(live!.id))).toMatchObject({ ok: true, contact: { sourceRef: String(live!.id), sourceStatus: String(live!.status) } });
    expect(await connector.fetchOne!(String(trashed!.id))).toMatchObject({ ok: true, contact: { status: 'deleted', sourceStatus: 'deleted' } });
    expect(await connector.fetchOne!('999999')).toBeNull();
    expect(await connector.fetchOne!('not-a-number')).toBeNull();
  });

  it('verifies credentials and reports the domain and the agent behind the key', async () => {
    const { connector } = await setup({ domain: 'globex' });
    await expect(connector.verifyCredentials()).resolves.toEqual({ sourceAccount: 'globex', principal: 'admin@globex.example' });
  });

  it('lists agents by name across pages, and the custom fields by label', async () => {
    const { connector, sim } = await setup({ maxPageSize: 4 });
    const agents = await connector.listAgents!();
    expect(agents).toHaveLength(sim.agents.length);
    expect(agents).toContainEqual({ id: '67000011', name: 'Ann Lee', detail: 'ann.lee@acme.example' });
    expect(await connector.listCustomFields!()).toEqual([
      { id: 'cf_plan', name: 'Plan', detail: 'custom_dropdown' },
      { id: 'cf_region', name: 'Region', detail: 'custom_dropdown' },
      { id: 'cf_order_reference', name: 'Order reference', detail: 'custom_text' },
      { id: 'cf_escalated', name: 'Escalated', detail: 'custom_checkbox' },
    ]);
  });

  it('keeps a live help desk working the same way from the same seed, and reads what it did', async () => {
    const epoch = new Date('2025-03-10T12:00:00Z');
    const { connector, sim, clock } = await setup({ tickets: 10, live: { epoch, everyMs: 10_000, seed: 5 } });
    const first = await readAll(connector.readPages(start));
    clock.advance(60 * 10_000);
    const twin = new FreshdeskSimulator({ clock, tickets: 10, seedAt: epoch, rateLimit: null, live: { epoch, everyMs: 10_000, seed: 5 } });
    expect(twin.tickets()).toEqual(sim.tickets());
    const changed = contacts(await readAll(connector.readPages({ ...start, checkpoint: first.at(-1)!.checkpoint })));
    expect(changed.length).toBeGreaterThan(20);
    expect(changed.every((c) => Date.parse(c.updatedAt) > epoch.getTime())).toBe(true);
  });

  it('refuses a base URL whose host is not allowed, before sending anything', async () => {
    const clock = new ManualClock();
    const http = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy([]) });
    const connector = createFreshdeskConnector({ connection: { domain: 'acme', baseUrl: 'http://127.0.0.1:9/' }, credentials: { apiKey: 'k' }, http, clock });
    await expect(readAll(connector.readPages(start))).rejects.toMatchObject({ category: 'config' });
  });
});
