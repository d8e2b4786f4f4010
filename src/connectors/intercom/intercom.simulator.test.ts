import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import { IntercomSimulator, type IntercomSimulatorOptions } from './intercom.simulator.js';

const running: IntercomSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(options: IntercomSimulatorOptions = {}) {
  const clock = new ManualClock('2025-03-10T12:00:00Z');
  const sim = new IntercomSimulator({ clock, conversations: 30, rateLimit: null, ...options });
  running.push(sim);
  const url = await sim.start();
  const call = async (method: string, path: string, init: { body?: unknown; token?: string | null; version?: string | null } = {}) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? sim.accessToken}`;
    if (init.version !== null) headers['intercom-version'] = init.version ?? '2.11';
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
  };
  const search = (query: unknown, pagination?: unknown) => call('POST', '/conversations/search', { body: { query, ...(pagination ? { pagination } : {}) } });
  return { sim, clock, call, search };
}

const errorCode = (body: Record<string, any>) => body.errors?.[0]?.code;

describe('Intercom simulator: the wire format', () => {
  it('answers refused credentials with error.list bodies, without rate-limit headers', async () => {
    const { call } = await start({ rateLimit: { requests: 10, windowSeconds: 10 } });
    const none = await call('GET', '/me', { token: null });
    expect(none).toMatchObject({ status: 401, body: { type: 'error.list', request_id: expect.any(String), errors: [{ code: 'missing_authorization' }] } });
    expect(none.headers.get('x-ratelimit-limit')).toBeNull();
    const wrong = await call('GET', '/me', { token: 'nope' });
    expect(wrong).toMatchObject({ status: 401, body: { errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] } });
    expect(wrong.headers.get('x-request-id')).toBe(wrong.body.request_id);
  });

  it('handles Intercom-Version: the app default when absent, 2.11 and later accepted, older or unknown refused', async () => {
    const { call } = await start();
    expect((await call('GET', '/me', { version: null })).status).toBe(200);
    expect((await call('GET', '/me', { version: '2.14' })).status).toBe(200);
    expect((await call('GET', '/me', { version: 'Unstable' })).status).toBe(200);
    expect(await call('GET', '/me', { version: '2.10' })).toMatchObject({ status: 400, body: { errors: [{ code: 'intercom_version_invalid' }] } });
    expect(await call('GET', '/me', { version: 'banana' })).toMatchObject({ status: 400, body: { errors: [{ code: 'intercom_version_invalid' }] } });
  });

  it('identifies the admin and the workspace at /me, lists admins and data attributes', async () => {
    const { call } = await start({ workspaceId: 'k7xq2m9p', region: 'au' });
    expect((await call('GET', '/me')).body).toMatchObject({ type: 'admin', id: '991267401', email: 'ann@acme-support.example', app: { type: 'app', id_code: 'k7xq2m9p', region: 'AU' } });
    expect((await call('GET', '/admins')).body).toMatchObject({ type: 'admin.list', admins: expect.arrayContaining([expect.objectContaining({ type: 'admin', id: '991267402', name: 'Bruno Diaz' })]) });
    const attributes = (await call('GET', '/data_attributes?model=conversation')).body;
    expect(attributes.type).toBe('list');
    expect(attributes.data.filter((a: any) => a.custom).map((a: any) => a.full_name)).toContain('custom_attributes.Order number');
    expect(attributes.data.some((a: any) => a.archived)).toBe(false);
    expect((await call('GET', '/data_attributes?model=conversation&include_archived=true')).body.data.some((a: any) => a.archived)).toBe(true);
    expect(await call('GET', '/data_attributes?model=ticket')).toMatchObject({ status: 400, body: { errors: [{ code: 'parameter_invalid' }] } });
  });

  it('pages search results with starting_after cursors until pages.next is gone', async () => {
    const { search } = await start({ conversations: 25 });
    const seen: string[] = [];
    let cursor: string | undefined;
    let page = 0;
    do {
      const { status, body } = await search({ field: 'updated_at', operator: '>', value: 0 }, { per_page: 10, ...(cursor ? { starting_after: cursor } : {}) });
      expect(status).toBe(200);
      page += 1;
      expect(body).toMatchObject({ type: 'conversation.list', total_count: 25, pages: { type: 'pages', page, per_page: 10, total_pages: 3 } });
      seen.push(...body.conversations.map((c: any) => c.id));
      cursor = body.pages.next?.starting_after;
      if (cursor) expect(cursor).toMatch(/^Wz/);
    } while (cursor);
    expect(page).toBe(3);
    expect(new Set(seen).size).toBe(25);
  });

  it('evaluates the query language: fields, operators, AND/OR groups, custom attributes', async () => {
    const { sim, search } = await start({ conversations: 200 });
    const all = sim.conversations();
    const ids = (r: { body: Record<string, any> }) => r.body.conversations.map((c: any) => c.id).sort();
    const expected = (f: (c: (typeof all)[number]) => boolean) => all.filter(f).map((c) => c.id).sort();
    const page = { per_page: 150 };
    expect(ids(await search({ field: 'state', operator: '=', value: 'snoozed' }, page))).toEqual(expected((c) => c.state === 'snoozed').slice(0, 150));
    expect(ids(await search({ field: 'custom_attributes.Customer tier', operator: '=', value: 'Gold' }, page))).toEqual(expected((c) => c.custom_attributes['Customer tier'] === 'Gold'));
    expect(ids(await search({ field: 'tag_ids', operator: 'IN', value: ['881', '888'] }, page))).toEqual(expected((c) => c.tags.tags.some((t) => t.id === '881' || t.id === '888')));
    const group = { operator: 'AND', value: [{ field: 'open', operator: '=', value: true }, { operator: 'OR', value: [{ field: 'source.type', operator: '=', value: 'email' }, { field: 'source.type', operator: '=', value: 'whatsapp' }] }] };
    expect(ids(await search(group, page))).toEqual(expected((c) => c.open && (c.source.type === 'email' || c.source.type === 'whatsapp')));
  });

  it('refuses what Intercom refuses: deep nesting, big groups, wrong types, unknown fields, per_page over 150', async () => {
    const { search } = await start();
    const filter = { field: 'state', operator: '=', value: 'open' };
    const deep = { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [filter] }] }] };
    expect(await search(deep)).toMatchObject({ status: 400, body: { type: 'error.list', errors: [{ code: 'parameter_invalid', message: expect.stringContaining('nests more than 2') }] } });
    expect(await search({ operator: 'OR', value: Array.from({ length: 16 }, () => filter) })).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringContaining('at most 15') }] } });
    expect(errorCode((await search({ field: 'created_at', operator: '>', value: 'foorbar' })).body)).toBe('type_mismatch');
    expect(errorCode((await search({ field: 'state', operator: 'IN', value: 'open' })).body)).toBe('type_mismatch');
    expect(errorCode((await search({ field: 'colour', operator: '=', value: 'red' })).body)).toBe('parameter_invalid');
    expect(errorCode((await search({ field: 'state', operator: '>=', value: 'open' })).body)).toBe('parameter_invalid');
    expect((await search(filter, { per_page: 151 })).status).toBe(400);
    expect((await search(filter, { per_page: 5, starting_after: 'not-a-cursor' })).status).toBe(400);
  });

  it('rate-limits every call over ten-second windows, with X-RateLimit headers and 429 rate_limit_exceeded', async () => {
    const { call, clock } = await start({ rateLimit: { requests: 2, windowSeconds: 10 } });
    clock.set('2025-03-10T12:00:03Z');
    const first = await call('GET', '/admins');
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(first.headers.get('x-ratelimit-reset')).toBe(String(Date.parse('2025-03-10T12:00:10Z') / 1000));
    await call('GET', '/me');
    const refused = await call('GET', '/me');
    expect(refused).toMatchObject({ status: 429, body: { type: 'error.list', errors: [{ code: 'rate_limit_exceeded', message: 'Exceeded rate limit of 2 in 10_seconds' }] } });
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    clock.set('2025-03-10T12:00:10Z');
    expect((await call('GET', '/me')).status).toBe(200);
  });

  it('deletes a conversation with DELETE (2.14 and later): it vanishes from show and search', async () => {
    const { sim, call, search } = await start({ conversations: 5 });
    const id = sim.conversations()[0]!.id;
    expect(await call('DELETE', `/conversations/${id}`)).toMatchObject({ status: 400, body: { errors: [{ code: 'intercom_version_invalid' }] } });
    expect(await call('DELETE', `/conversations/${id}`, { version: '2.14' })).toMatchObject({ status: 200, body: { id, object: 'conversation', deleted: true } });
    expect(await call('GET', `/conversations/${id}`)).toMatchObject({ status: 404, body: { errors: [{ code: 'not_found' }] } });
    expect((await search({ field: 'id', operator: '=', value: id })).body.total_count).toBe(0);
  });

  it('shows one conversation with its parts, and lists conversations newest change first', async () => {
    const { sim, call } = await start({ conversations: 12 });
    const closed = sim.conversations().find((c) => c.state === 'closed')!;
    expect((await call('GET', `/conversations/${closed.id}`)).body).toMatchObject({ type: 'conversation', id: closed.id, conversation_parts: { type: 'conversation_part.list' } });
    const listed = (await call('GET', '/conversations?per_page=5')).body;
    expect(listed).toMatchObject({ type: 'conversation.list', pages: { per_page: 5, next: { starting_after: expect.any(String) } } });
    const times = listed.conversations.map((c: any) => c.updated_at);
    expect(times).toEqual([...times].sort((a: number, b: number) => b - a));
  });

  it('replays the same live activity for the same seed and epoch: new, closed, reopened and vanished conversations', async () => {
    const epoch = new Date('2025-03-10T12:00:00Z');
    const make = () => new IntercomSimulator({ clock: new ManualClock(epoch), conversations: 50, rateLimit: null, seedAt: epoch, live: { epoch, everyMs: 10_000, seed: 3 } });
    const a = make();
    const b = make();
    for (const sim of [a, b]) (sim.clock as ManualClock).advance(300 * 10_000);
    const stateOf = (sim: IntercomSimulator) => sim.conversations().map((c) => `${c.id}:${c.state}:${c.updated_at}`).sort();
    expect(stateOf(a)).toEqual(stateOf(b));
    expect(a.conversations().length).not.toBe(50);
    expect(a.conversations().some((c) => Number(c.statistics.count_reopens) > 0)).toBe(true);
  });
});

describe('Intercom simulator: its control routes under /_simulator/', () => {
  async function control(url: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${url}${path}`, { method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  it('says its state: the workspace, region, conversations, order, plan, stats, faults and time', async () => {
    const { sim, search } = await start();
    await search({ field: 'updated_at', operator: '>', value: 0 });
    expect(await control(sim.url, 'GET', '/_simulator/state')).toEqual({
      status: 200,
      body: { workspaceId: 'ecahpwf5', region: 'us', conversations: 30, order: 'updated_desc', planRestricted: false, stats: { requests: 2, searchRequests: 1, throttled: 0, byStatus: { 200: 1 } }, faults: [], now: '2025-03-10T12:00:00.000Z' },
    });
  });

  it('injects a fault for the search by default, and DELETE clears the faults and the plan restriction', async () => {
    const { sim, call, search } = await start();
    expect((await control(sim.url, 'POST', '/_simulator/faults', { kind: 'auth_error', code: 'token_blocked', count: 1 })).body).toEqual({
      faults: [{ fault: { kind: 'auth_error', code: 'token_blocked', count: 1 }, scope: 'search', remaining: 1 }],
    });
    expect((await call('GET', '/me')).status).toBe(200);
    expect(errorCode((await search({ field: 'updated_at', operator: '>', value: 0 })).body)).toBe('token_blocked');
    expect(await control(sim.url, 'POST', '/_simulator/plan', { restricted: true })).toEqual({ status: 200, body: { planRestricted: true } });
    expect(errorCode((await call('GET', '/me')).body)).toBe('api_plan_restricted');
    expect(await control(sim.url, 'DELETE', '/_simulator/faults')).toEqual({ status: 200, body: { faults: [] } });
    expect((await call('GET', '/me')).status).toBe(200);
  });

  it('sets token states and the result order, refusing values it does not know', async () => {
    const { sim, call } = await start();
    expect(await control(sim.url, 'POST', '/_simulator/tokens', { state: 'lost' })).toEqual({ status: 400, body: { error: 'state must be active, revoked or expired' } });
    expect(await control(sim.url, 'POST', '/_simulator/tokens', { state: 'expired' })).toEqual({ status: 200, body: { tokens: [{ adminId: sim.tokens[0]!.adminId, state: 'expired' }] } });
    expect(errorCode((await call('GET', '/me')).body)).toBe('token_expired');
    expect((await control(sim.url, 'POST', '/_simulator/order', { order: 'sideways' })).status).toBe(400);
    expect(await control(sim.url, 'POST', '/_simulator/order', { order: 'created_asc' })).toEqual({ status: 200, body: { order: 'created_asc' } });
  });

  it('has no revoke route, and refuses a body that is not JSON', async () => {
    const { sim } = await start();
    expect(await control(sim.url, 'POST', '/_simulator/revoke', {})).toEqual({ status: 404, body: { error: 'unknown simulator control route' } });
    expect(await control(sim.url, 'POST', '/_simulator/plan', '{not json')).toEqual({ status: 400, body: { error: 'the control body must be JSON' } });
  });
});
