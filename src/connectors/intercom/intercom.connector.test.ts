import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import type { SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import { InMemoryRateBudgets } from '../rate-budget.js';
import { SourceHttpClient } from '../source-http-client.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import { readIntercomCheckpoint } from './intercom-checkpoint.js';
import { RESULT_ORDERS } from './intercom-conversation-store.js';
import { AUTH_ERRORS, type AuthErrorCode } from './intercom-simulator-faults.js';
import { changes, fromStart, readAll, refs, startIntercom, stopIntercomSimulators } from './intercom-test-setup.js';
import { createIntercomConnector } from './intercom.connector.js';

afterEach(stopIntercomSimulators);

const lastCheckpoint = (pages: SourcePage[]) => pages.at(-1)!.checkpoint;

describe('Intercom connector: incremental search', () => {
  it('pages through the whole window, 150 a page, each conversation once', async () => {
    const { connector, sim } = await startIntercom({ conversations: 400 });
    const pages = await readAll(connector.readPages(fromStart));
    expect(pages.map((p) => p.records.length)).toEqual([150, 150, 100]);
    expect(refs(pages).sort()).toEqual(sim.conversations().map((c) => c.id).sort());
    expect(sim.stats.searchRequests).toBe(3);
  });

  it('resumes a window it stopped inside from the window start, then delivers nothing twice', async () => {
    const { connector, sim } = await startIntercom({ conversations: 320 });
    const iterator = connector.readPages(fromStart)[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as SourcePage;
    await iterator.return?.();
    expect(readIntercomCheckpoint(first.checkpoint)).toMatchObject({ since: Date.parse('2025-01-01T00:00:00Z') / 1000, until: expect.any(Number) });

    const rest = await readAll(connector.readPages({ ...fromStart, checkpoint: first.checkpoint }));
    // The window is read again from its start: every conversation is in the resumed read.
    expect(refs(rest).sort()).toEqual(sim.conversations().map((c) => c.id).sort());
    // The boundary second is remembered: a read from the final checkpoint delivers nothing again.
    const again = await readAll(connector.readPages({ ...fromStart, checkpoint: lastCheckpoint(rest) }));
    expect(refs(again)).toEqual([]);
  });

  it.each(RESULT_ORDERS)('delivers every change exactly once whatever the result order (%s), changes mid-read included', async (order) => {
    const { connector, sim, clock } = await startIntercom({ conversations: 500, order }, { tuning: { pageSize: 50 } });
    const before = new Map(sim.conversations().map((c) => [c.id, c.updated_at]));
    let touched: string[] = [];
    sim.beforeSearch = (n) => {
      if (n !== 4) return;
      clock.advance(5_000);
      touched = sim.mutate({ updates: 8, closes: 4, creates: 3 });
    };
    const first = await readAll(connector.readPages(fromStart));
    sim.beforeSearch = null;
    clock.advance(200_000);
    const second = await readAll(connector.readPages({ ...fromStart, checkpoint: lastCheckpoint(first) }));

    const delivered = [...changes(first), ...changes(second)];
    expect(new Set(delivered).size).toBe(delivered.length);
    // Every conversation's current version arrived, and nothing that changed was missed.
    for (const c of sim.conversations()) expect(delivered).toContain(`${c.id}@${c.updated_at}`);
    // Conversations nobody touched arrived once, in the first read.
    const untouched = [...before.keys()].filter((id) => !touched.includes(id));
    for (const id of untouched) expect(changes(first)).toContain(`${id}@${before.get(id)}`);
    expect(changes(second).every((change) => touched.includes(change.split('@')[0]!))).toBe(true);
  });

  it('delivers a conversation once when pages overlap (a cursor drifting as conversations move)', async () => {
    const { connector, sim } = await startIntercom({ conversations: 200 }, { tuning: { pageSize: 40 } });
    sim.injectFault({ kind: 'overlap_pages', repeat: 7 });
    const pages = await readAll(connector.readPages(fromStart));
    expect(sim.stats.searchRequests).toBe(6);
    expect(refs(pages).sort()).toEqual(sim.conversations().map((c) => c.id).sort());
  });

  it.each([false, true])('reads the boundary second exactly once whether > and < include their value (strict: %s)', async (strictBounds) => {
    const { connector, sim, clock } = await startIntercom({ conversations: 40, strictBounds });
    const first = await readAll(connector.readPages(fromStart));
    const lastChange = Math.max(...sim.conversations().map((c) => c.updated_at));
    // A conversation changed in the last second the read saw, but indexed only after it (or stamped
    // by a clock behind ours): the next read still finds it, and only it.
    const late = sim.createConversation({ state: 'closed' });
    sim.store.put({ ...late, updated_at: lastChange });
    clock.advance(200_000);
    const second = await readAll(connector.readPages({ ...fromStart, checkpoint: lastCheckpoint(first) }));
    expect(refs(second)).toEqual([late.id]);
    expect(new Set(refs(first)).size).toBe(40);
  });

  it('leaves changes younger than the settle time to the next run', async () => {
    const { connector, sim, clock } = await startIntercom({ conversations: 5 });
    const first = await readAll(connector.readPages(fromStart));
    const created = sim.createConversation({ state: 'closed' });
    expect(refs(await readAll(connector.readPages({ ...fromStart, checkpoint: lastCheckpoint(first) })))).toEqual([]);
    clock.advance(121_000);
    expect(refs(await readAll(connector.readPages({ ...fromStart, checkpoint: lastCheckpoint(first) })))).toEqual([created.id]);
  });

  it('refreshes a conversation changed after import: the new state and a newer version', async () => {
    const { connector, sim, clock } = await startIntercom({ conversations: 30 });
    const first = await readAll(connector.readPages(fromStart));
    const target = sim.conversations().find((c) => c.state === 'closed')!;
    clock.advance(10_000);
    sim.updateConversation(target.id, { state: 'snoozed', open: true, snoozed_until: 1741700000 });
    clock.advance(200_000);
    const [record] = (await readAll(connector.readPages({ ...fromStart, checkpoint: lastCheckpoint(first) }))).flatMap((p) => p.records);
    expect(record).toMatchObject({ ok: true, contact: { sourceRef: target.id, status: 'pending', sourceStatus: 'snoozed', closedAt: null } });
    const earlier = first.flatMap((p) => p.records).find((r) => r.ok && r.contact.sourceRef === target.id);
    expect(record?.ok && earlier?.ok && record.contact.version > earlier.contact.version).toBe(true);
  });

  it('narrows a window too large to re-read cheaply; reachedAt only moves forward', async () => {
    const { connector, sim } = await startIntercom({ conversations: 600, spanDays: 60 }, { tuning: { maxWindow: 100, pageSize: 50 } });
    const pages = await readAll(connector.readPages(fromStart));
    expect(refs(pages).sort()).toEqual(sim.conversations().map((c) => c.id).sort());
    const windows = new Set(pages.map((p) => readIntercomCheckpoint(p.checkpoint).since));
    expect(windows.size).toBeGreaterThan(4);
    const reached = pages.map((p) => Date.parse(p.reachedAt!));
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
  });

  it('paces itself from X-RateLimit headers: a tight limit over ten-second windows meets no 429', async () => {
    const { connector, sim, clock } = await startIntercom({ conversations: 600, rateLimit: { requests: 3, windowSeconds: 10 } }, { tuning: { pageSize: 50 } });
    const before = clock.now().getTime();
    const pages = await readAll(connector.readPages(fromStart));
    expect(new Set(refs(pages)).size).toBe(600);
    expect(sim.stats.throttled).toBe(0);
    // 12 searches at 3 per window need at least three more windows.
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(30_000);
  });

  it('waits for X-RateLimit-Reset after a 429 and carries on', async () => {
    const { connector, sim, clock } = await startIntercom({ conversations: 20 });
    sim.injectFault({ kind: 'rate_limited', resetInSeconds: 7, count: 1 });
    const before = clock.now().getTime();
    expect(new Set(refs(await readAll(connector.readPages(fromStart)))).size).toBe(20);
    expect(sim.stats.throttled).toBe(1);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(7_000);
  });

  it('stops rate_limited with the time it can resume when the reset is far away', async () => {
    const { connector, sim, clock } = await startIntercom();
    sim.injectFault({ kind: 'rate_limited', resetInSeconds: 900, count: 1 });
    const error = (await readAll(connector.readPages(fromStart)).catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ category: 'rate_limited', transient: true });
    expect(error.resumeAt!.getTime()).toBe(Math.ceil(clock.now().getTime() / 1000) * 1000 + 900_000);
    expect(error.message).toMatch(/^Rate limited by Intercom — resumes at \d\d:\d\d UTC/);
  });
});

describe('Intercom connector: errors', () => {
  const cases: Array<[AuthErrorCode, string, RegExp]> = [
    ['unauthorized', 'auth_revoked', /rejected the access token \(unauthorized\).*Check the region, or reconnect/],
    ['token_not_found', 'auth_revoked', /rejected the access token \(token_not_found\)/],
    ['missing_authorization', 'auth_revoked', /no access token on the request/],
    ['token_revoked', 'auth_revoked', /revoked \(token_revoked\).*Reconnect the integration with a new access token/],
    ['token_expired', 'auth_expired', /expired \(token_expired\).*Reconnect the integration to authorise Intake again/],
    ['api_plan_restricted', 'forbidden', /api_plan_restricted.*plan does not include/],
    ['token_unauthorized', 'forbidden', /lacks a permission Intake needs/],
    ['token_blocked', 'forbidden', /blocked this app/],
  ];

  it.each(cases)('maps error.list %s to %s with a message naming the fix and the request id', async (code, category, message) => {
    const { connector, sim } = await startIntercom();
    sim.injectFault({ kind: 'auth_error', code }, 'all');
    const error = (await readAll(connector.readPages(fromStart)).catch((e: unknown) => e)) as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ category, transient: false, detail: { status: AUTH_ERRORS[code][0], platformCode: code, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`Intercom request id ${error.detail.requestId}`);
    // A refusal is not retried.
    expect(sim.stats.searchRequests).toBe(1);
  });

  it('tells a wrong, a revoked and an expired token apart, and a workspace whose plan lost the API', async () => {
    const wrong = await startIntercom({}, { accessToken: 'not-a-token' });
    await expect(readAll(wrong.connector.readPages(fromStart))).rejects.toMatchObject({ category: 'auth_revoked', detail: { platformCode: 'unauthorized' } });
    const { connector, sim } = await startIntercom();
    sim.setTokenState('revoked');
    await expect(connector.verifyCredentials()).rejects.toMatchObject({ category: 'auth_revoked', detail: { platformCode: 'token_revoked' } });
    sim.setTokenState('expired');
    await expect(readAll(connector.readPages(fromStart))).rejects.toMatchObject({ category: 'auth_expired' });
    sim.setTokenState('active');
    sim.planRestricted = true;
    await expect(readAll(connector.readPages(fromStart))).rejects.toMatchObject({ category: 'forbidden', detail: { status: 403, platformCode: 'api_plan_restricted' } });
  });

  it('ends auth_revoked when the token is revoked mid-run, after the pages it read', async () => {
    const { connector, sim } = await startIntercom({ conversations: 300 });
    sim.injectFault({ kind: 'revoke_after', requests: 1 });
    const read: SourcePage[] = [];
    const error = await (async () => {
      for await (const page of connector.readPages(fromStart)) read.push(page);
    })().catch((e: unknown) => e);
    expect(read).toHaveLength(1);
    expect(error).toMatchObject({ category: 'auth_revoked', detail: { platformCode: 'token_revoked' } });
  });

  it('retries a 5xx, then reports source_error keeping the request id', async () => {
    const { connector, sim } = await startIntercom();
    sim.injectFault({ kind: 'server_error', status: 503, count: 10 });
    const error = (await readAll(connector.readPages(fromStart)).catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ category: 'source_error', transient: true, detail: { status: 503, requestId: expect.any(String) } });
    expect(sim.stats.searchRequests).toBe(4);
  });

  it.each([
    [{ kind: 'malformed_json' as const }, /not valid JSON/],
    [{ kind: 'html_page' as const }, /HTML page/],
    [{ kind: 'rename_field' as const, from: 'updated_at', to: 'modified_at' }, /`updated_at`/],
    [{ kind: 'rename_field' as const, from: 'source', to: 'origin' }, /`source`/],
  ])('classifies a malformed page as api_changed (%o)', async (fault, message) => {
    const { connector, sim } = await startIntercom({ conversations: 10 });
    sim.injectFault(fault);
    const error = (await readAll(connector.readPages(fromStart)).catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ category: 'api_changed' });
    expect(error.message).toMatch(message);
  });

  it('refuses a base URL whose host is not allowed, before sending anything', async () => {
    const clock = new ManualClock();
    const http = new SourceHttpClient({ clock, budgets: new InMemoryRateBudgets(clock), hostPolicy: new SourceHostPolicy([]) });
    const connector = createIntercomConnector({ connection: { region: 'eu', baseUrl: 'http://127.0.0.1:9/' }, credentials: { accessToken: 't' }, http, clock });
    await expect(readAll(connector.readPages(fromStart))).rejects.toMatchObject({ category: 'config' });
  });
});

describe('Intercom connector: one conversation, credentials, directory, deletions', () => {
  it('fetches one conversation mapped (tags by name, attributes with spaces, snoozed → pending), and null for an unknown one', async () => {
    const { connector, sim } = await startIntercom({ conversations: 20 });
    const snoozed = sim.conversations().find((c) => c.state === 'snoozed')!;
    const found = await connector.fetchOne!(snoozed.id);
    expect(found).toEqual({
      ok: true,
      contact: expect.objectContaining({
        sourceRef: snoozed.id,
        channel: snoozed.source.type,
        agent: snoozed.admin_assignee_id === null ? null : String(snoozed.admin_assignee_id),
        sourceStatus: 'snoozed',
        status: 'pending',
        tags: snoozed.tags.tags.map((t) => t.name),
        customFields: snoozed.custom_attributes,
        createdAt: new Date(snoozed.created_at * 1000).toISOString(),
        closedAt: null,
        version: snoozed.updated_at * 1000,
      }),
    });
    expect(found?.ok && Object.keys(found.contact.customFields)).toContain('Escalated to engineering');
    const closed = sim.conversations().find((c) => c.state === 'closed')!;
    expect(await connector.fetchOne!(closed.id)).toMatchObject({ contact: { status: 'closed', closedAt: new Date(closed.statistics.last_close_at! * 1000).toISOString() } });
    expect(await connector.fetchOne!('215468999999999')).toBeNull();
    expect(await connector.fetchOne!('../admins')).toBeNull();
  });

  it('verifies credentials: the workspace id is the account, the admin email the principal; a token of another region is named', async () => {
    const eu = await startIntercom({ region: 'eu', workspaceId: 'k7xq2m9p' });
    await expect(eu.connector.verifyCredentials()).resolves.toEqual({ sourceAccount: 'k7xq2m9p', principal: 'ann@acme-support.example' });
    const wrongRegion = await startIntercom({ region: 'eu' }, { connection: { region: 'us' } });
    const error = (await wrongRegion.connector.verifyCredentials().catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ category: 'config' });
    expect(error.message).toContain('Set the region to eu');
  });

  it('checks the token may search conversations before accepting it', async () => {
    const { connector, sim } = await startIntercom();
    sim.injectFault({ kind: 'auth_error', code: 'token_unauthorized' });
    await expect(connector.verifyCredentials()).rejects.toMatchObject({ category: 'forbidden' });
  });

  it('lists admins by name and the custom conversation attributes by the key conversations carry', async () => {
    const { connector } = await startIntercom();
    const agents = await connector.listAgents!();
    expect(agents).toHaveLength(8);
    expect(agents[0]).toEqual({ id: '991267401', name: 'Ann Lee', detail: 'ann@acme-support.example' });
    const fields = await connector.listCustomFields!();
    expect(fields.map((f) => f.id)).toEqual(['Order number', 'Customer tier', 'Refund amount', 'Escalated to engineering', 'Language']);
    expect(fields[3]).toEqual({ id: 'Escalated to engineering', name: 'Escalated to engineering', detail: 'boolean' });
  });

  it('finds the conversations deleted at Intercom, at one search per 150 known conversations', async () => {
    const { connector, sim } = await startIntercom({ conversations: 400 });
    const known = refs(await readAll(connector.readPages(fromStart)));
    const gone = [known[10]!, known[333]!];
    for (const id of gone) sim.deleteConversation(id);
    const searchesBefore = sim.stats.searchRequests;
    const requestsBefore = sim.stats.requests;
    const batches: string[][] = [];
    for await (const batch of connector.findDeleted!([...known, 'not an id'])) batches.push(batch);
    expect(batches.flat().sort()).toEqual([...gone].sort());
    expect(sim.stats.searchRequests - searchesBefore).toBe(3);
    // One confirmation each: a conversation the index misses is never called deleted unchecked.
    expect(sim.stats.requests - requestsBefore).toBe(3 + gone.length);
  });

  it('falls back to short id lists when Intercom refuses a long one', async () => {
    const { connector, sim } = await startIntercom({ conversations: 40, maxInValues: 20 });
    const known = sim.conversations().map((c) => c.id);
    sim.deleteConversation(known[5]!);
    const batches: string[][] = [];
    for await (const batch of connector.findDeleted!(known)) batches.push(batch);
    expect(batches).toEqual([[known[5]]]);
  });
});
