import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import type { MappedRecord, SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import { InMemoryRateBudgets } from '../rate-budget.js';
import { SourceHttpClient } from '../source-http-client.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import { readCheckpoint } from './aircall-checkpoint.js';
import { aircallConnectionSchema, type AircallConnection } from './aircall-connection.js';
import { createAircallConnector } from './aircall.connector.js';
import { AircallSimulator, type AircallSimulatorOptions } from './aircall.simulator.js';

const simulators: AircallSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(options: AircallSimulatorOptions = {}, connection: Partial<AircallConnection> = {}) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new AircallSimulator({ clock, calls: 120, spanDays: 10, rateLimit: null, ...options });
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
  const connector = createAircallConnector({
    connection: aircallConnectionSchema.parse({ company: 'acme-calls', baseUrl: url, ...connection }),
    credentials: sim.credentials(),
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
const listRequests = (requested: URL[]) => requested.filter((u) => u.pathname === '/v1/calls');

describe('Aircall connector against its simulator', () => {
  it('reads every call by creation time, oldest first, 50 a page, as the API documents', async () => {
    const { connector, sim, requested } = await setup();
    const pages = await readAll(connector.readPages(start));
    expect(refs(pages)).toEqual(sim.calls().map((c) => String(c.id)));
    const lists = listRequests(requested);
    expect(lists).toHaveLength(3);
    expect(Object.fromEntries(lists[0]!.searchParams)).toEqual({ from: String(Date.parse('2025-01-01T00:00:00Z') / 1000), to: String(Date.parse('2025-03-10T12:00:00Z') / 1000 - 10), order: 'asc', per_page: '50' });
    expect(lists.map((u) => u.searchParams.get('page'))).toEqual([null, '2', '3']);
    const last = readCheckpoint(pages.at(-1)!.checkpoint);
    expect(last).toMatchObject({ reachedTo: Date.parse('2025-03-10T12:00:00Z') / 1000 - 10, scan: null, note: expect.stringContaining('new calls: 3 requests') });
    expect(pages.at(-1)!.reachedAt).toBe('2025-03-10T11:59:50.000Z');
  });

  it('maps a call: channel voice, the agent is `user` (null when nobody answered), missed_call_reason kept, tags and comments', async () => {
    const { connector, sim } = await setup();
    const calls = sim.calls();
    const byRef = new Map(contacts(await readAll(connector.readPages(start))).map((c) => [c.sourceRef, c]));
    const missed = calls.find((c) => c.missed_call_reason !== null)!;
    const answered = calls.find((c) => c.user !== null && c.tags.length > 0)!;
    expect(byRef.get(String(missed.id))).toMatchObject({ channel: 'voice', agent: null, status: 'closed', sourceStatus: 'done', metadata: { missedCallReason: missed.missed_call_reason, answered: false } });
    expect(byRef.get(String(answered.id))).toMatchObject({
      channel: 'voice',
      agent: String(answered.user!.id),
      tags: answered.tags.map((t) => t.name),
      createdAt: new Date(answered.started_at * 1000).toISOString(),
      closedAt: new Date(answered.ended_at! * 1000).toISOString(),
      metadata: { direction: answered.direction, durationSeconds: answered.duration, missedCallReason: null },
    });
  });

  it('never lets a recording, voicemail or asset link reach a contact (they expire)', async () => {
    const { connector, sim } = await setup();
    const calls = sim.calls();
    expect(calls.some((c) => c.recording)).toBe(true);
    expect(calls.some((c) => c.voicemail)).toBe(true);
    const mapped = JSON.stringify(contacts(await readAll(connector.readPages(start))));
    expect(mapped).not.toMatch(/https?:\/\//);
    for (const call of calls) for (const link of [call.recording, call.voicemail, call.asset, call.recording_short_url]) if (link) expect(mapped).not.toContain(link);
  });

  it('re-reads the look-back window on the next run, so a call answered, ended, tagged or commented after creation is seen; the cost is in the note', async () => {
    const { connector, sim, clock, requested } = await setup({}, { lookbackHours: 6 });
    const ringing = sim.createCall('initial');
    clock.advance(60_000);
    const first = await readAll(connector.readPages(start));
    expect(contacts(first).find((c) => c.sourceRef === String(ringing.id))).toMatchObject({ status: 'open', agent: null });

    clock.advance(30 * 60_000);
    sim.advanceCall(ringing.id, 'done');
    sim.tagCall(ringing.id, { id: 77105, name: 'vip' });
    const older = sim.calls().find((c) => c.started_at < ringing.started_at - 3 * 3600 && c.started_at > ringing.started_at - 6 * 3600)!;
    sim.commentCall(older.id);
    clock.advance(60_000);
    requested.length = 0;
    const second = await readAll(connector.readPages({ startDate: start.startDate, checkpoint: first.at(-1)!.checkpoint }));
    const byRef = new Map(contacts(second).map((c) => [c.sourceRef, c]));
    expect(byRef.get(String(ringing.id))).toMatchObject({ status: 'closed', sourceStatus: 'done', agent: expect.any(String), tags: ['vip'] });
    expect(byRef.get(String(ringing.id))!.version).toBeGreaterThan(contacts(first).find((c) => c.sourceRef === String(ringing.id))!.version);
    expect(byRef.get(String(older.id))!.metadata.comments).toBe(older.comments.length + 1);
    // Nothing older than the window is read again.
    const reachedTo = readCheckpoint(first.at(-1)!.checkpoint).reachedTo!;
    expect(Number(listRequests(requested)[0]!.searchParams.get('from'))).toBe(reachedTo + 1 - 6 * 3600);
    expect(contacts(second).every((c) => Date.parse(c.createdAt) / 1000 >= reachedTo + 1 - 6 * 3600)).toBe(true);
    const note = readCheckpoint(second.at(-1)!.checkpoint).note!;
    expect(note).toMatch(/^Look-back re-scan \(6 h\): 1 request, \d+ calls re-read; new calls: 1 request\.$/);
  });

  it('splits a range holding more calls than Aircall lists (meta.total over the ceiling), reading every call once', async () => {
    const { connector, sim, requested } = await setup({ calls: 10_060, spanDays: 3 });
    const pages = await readAll(connector.readPages(start));
    const read = refs(pages);
    expect(read).toHaveLength(10_060);
    expect(new Set(read).size).toBe(read.length);
    expect(read).toEqual(sim.calls().map((c) => String(c.id)));
    // The whole range answered a total over 10,000 on its first page; its halves were read instead.
    const firstPages = listRequests(requested).filter((u) => !u.searchParams.has('page'));
    // The halves start at the oldest call listed, not at the start date: no request is spent on empty time.
    const oldest = String(sim.calls()[0]!.started_at);
    expect(firstPages.map((u) => [u.searchParams.get('from'), u.searchParams.get('to')]).slice(0, 3)).toEqual([
      [firstPages[0]!.searchParams.get('from'), firstPages[0]!.searchParams.get('to')],
      [oldest, expect.any(String)],
      [expect.any(String), firstPages[0]!.searchParams.get('to')],
    ]);
    // Each split costs the one request that saw the total (halving from the start date takes a few).
    const splits = Number(/(\d+) ranges? split/.exec(readCheckpoint(pages.at(-1)!.checkpoint).note!)![1]);
    expect(listRequests(requested).length).toBeLessThanOrEqual(Math.ceil(10_060 / 50) + 2 * splits + 1);
    expect(splits).toBe(1);
    expect(readCheckpoint(pages.at(-1)!.checkpoint).note).toMatch(/ranges? split to stay under Aircall's 10,000-call listing limit/);
  });

  it('resumes a scan cut mid-way from its checkpoint, at the page it stopped at', async () => {
    const { connector, sim, requested } = await setup();
    sim.injectFault({ kind: 'server_error', status: 500 }, 'list', { afterPagedRequests: 2 });
    const got: SourcePage[] = [];
    await expect(
      (async () => {
        for await (const page of connector.readPages(start)) got.push(page);
      })(),
    ).rejects.toMatchObject({ category: 'source_error' });
    expect(got).toHaveLength(2);
    sim.clearFaults();
    requested.length = 0;
    const rest = await readAll(connector.readPages({ startDate: start.startDate, checkpoint: got.at(-1)!.checkpoint }));
    const lists = listRequests(requested);
    expect(lists[0]!.searchParams.get('page')).toBe('3');
    const all = sim.calls().map((c) => String(c.id));
    // The rest of the cut scan, then a fresh one: its look-back (24 h) reads what changed meanwhile.
    const restOfScan = all.slice(100);
    expect(refs(rest).slice(0, restOfScan.length)).toEqual(restOfScan);
    const cutTo = Number(lists[0]!.searchParams.get('to'));
    expect(Number(lists[1]!.searchParams.get('from'))).toBe(cutTo + 1 - 24 * 3600);
    expect(refs(rest).slice(restOfScan.length)).toEqual(sim.calls().filter((c) => c.started_at > cutTo - 24 * 3600).map((c) => String(c.id)));
  });

  it('paces itself from X-AircallApi-Remaining/Reset and waits out a 429 until the reset time', async () => {
    const { connector, sim, clock } = await setup({ calls: 200, rateLimit: { requests: 2, windowSeconds: 60 } });
    const began = clock.now().getTime();
    const pages = await readAll(connector.readPages(start));
    expect(refs(pages)).toHaveLength(200);
    expect(sim.stats.throttled).toBeLessThanOrEqual(1);
    expect(clock.now().getTime() - began).toBeGreaterThanOrEqual(60_000);
  });

  it('verifies credentials with /v1/ping and names the company; a wrong token is auth_revoked naming the fix', async () => {
    const { connector, sim, requested } = await setup();
    await expect(connector.verifyCredentials()).resolves.toEqual({ sourceAccount: 'acme-calls', principal: 'Acme Calls (an Aircall API key)' });
    expect(requested.map((u) => u.pathname)).toEqual(['/v1/ping', '/v1/company']);
    sim.revokeAll();
    const error = await connector.verifyCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ category: 'auth_revoked', detail: { status: 401, platformCode: 'Unauthorized' } });
    expect((error as SourceError).message).toMatch(/Reconnect the integration with the API ID and token/);
  });

  it('lists the users calls are assigned to, following next_page_link, for filters by agent name', async () => {
    const { connector, requested } = await setup({ maxPageSize: 4 });
    const agents = await connector.listAgents!();
    expect(agents).toHaveLength(6);
    expect(agents[0]).toEqual({ id: '1501201', name: 'Ana Souza', detail: 'ana@acme-calls.example' });
    expect(requested.filter((u) => u.pathname === '/v1/users').map((u) => u.searchParams.get('page'))).toEqual([null, '2']);
  });

  it('fetches one call, and null for an id Aircall does not know', async () => {
    const { connector, sim } = await setup();
    const call = sim.createCall('answered');
    expect(await connector.fetchOne!(String(call.id))).toMatchObject({ ok: true, contact: { sourceRef: String(call.id), status: 'pending', agent: String(call.user!.id) } });
    expect(await connector.fetchOne!('99')).toBeNull();
    expect(await connector.fetchOne!('not-a-call')).toBeNull();
  });

  it('a page whose calls all lack started_at is an API change, written nowhere', async () => {
    const { connector, sim } = await setup();
    sim.injectFault({ kind: 'rename_field', from: 'started_at', to: 'start_time' });
    await expect(readAll(connector.readPages(start))).rejects.toMatchObject({ category: 'api_changed', detail: { field: 'started_at' } });
  });
});
