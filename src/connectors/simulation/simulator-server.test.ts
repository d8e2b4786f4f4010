import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/manual-clock.js';
import { RateWindow } from './rate-window.js';
import { answerWithFault, FaultQueue, renameField, type FaultAnswers, type RetryAfterFault, type SimulatorFault } from './simulator-faults.js';
import { SimulatorServer } from './simulator-server.js';

type ToyFault = RetryAfterFault | SimulatorFault | { kind: 'teapot'; count?: number };

/** A platform the size of a test, put together from the toolkit as docs/platforms/simulators.md says. */
class ToySimulator {
  readonly clock = new ManualClock('2025-03-10T12:00:00Z');
  readonly stats = { requests: 0, pagedRequests: 0, throttled: 0, byStatus: {} as Record<string, number> };
  readonly faults = new FaultQueue<ToyFault, 'page'>('page');
  readonly records = [{ id: 1, subject: 'Refund' }];
  revoked = false;
  rateLimit: { requests: number; windowSeconds: number } | null = null;
  readonly server: SimulatorServer<ToyFault, 'page'>;
  readonly #window = new RateWindow(this.clock);
  readonly #answers: FaultAnswers<ToyFault>;

  constructor() {
    this.server = new SimulatorServer({
      stats: this.stats,
      handle: (req, res, url) => this.#handle(req, res, url),
      controls: {
        state: () => ({ records: this.records.length, stats: this.stats, faults: this.faults.active }),
        mutate: (counts) => Array.from({ length: Number(counts.creates ?? 0) }, () => this.records.push({ id: this.records.length + 1, subject: 'New' })),
        faults: this.faults,
        clearFaults: () => this.faults.clear(),
        revoke: () => {
          this.revoked = true;
        },
        routes: { 'POST /_simulator/echo': (body) => ({ status: 201, body: { echo: body } }) },
      },
      headers: (res) => res.setHeader('x-toy-request-id', 'r-1'),
      internalError: (res, error) => this.server.json(res, 500, { oops: String(error) }),
    });
    this.#answers = {
      send: (res, status, type, body) => this.server.send(res, status, type, body),
      countCutOff: (status) => this.server.count(status),
      rateLimited: (res, fault) => {
        res.setHeader('retry-after', String(fault.retryAfterSeconds));
        this.server.json(res, 429, { error: 'slow down' });
      },
      serverError: (res, status) => this.server.json(res, status, { error: 'down' }),
      pageBody: () => JSON.stringify({ records: this.records }),
      malformedJson: '{"records": [,]',
      truncatedJson: '{"records": [{"id": 1',
      htmlPage: '<html>maintenance</html>',
      answerOwn: (res, fault) => {
        if (fault.kind !== 'teapot') return false;
        this.server.json(res, 418, { error: 'teapot' });
        return true;
      },
    };
  }

  async #handle(_req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/boom') throw new Error('bad simulator');
    const isPaged = url.pathname === '/records';
    if (isPaged) this.stats.pagedRequests += 1;
    const fault = this.faults.take(isPaged, () => (this.revoked = true));
    if (this.revoked) return this.server.json(res, 401, { error: 'revoked' });
    if (isPaged && this.rateLimit) {
      const window = this.#window.take({ units: this.rateLimit.requests, windowSeconds: this.rateLimit.windowSeconds });
      res.setHeader('x-remaining', String(window.remaining));
      if (!window.allowed) return this.server.json(res, 429, { error: 'limit', retryIn: window.secondsLeft });
    }
    if (fault && (await answerWithFault(fault, res, this.#answers))) return;
    return this.server.json(res, 200, { records: this.records.map((r) => renameField(r, fault)) });
  }
}

const running: ToySimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.server.stop()));
});

async function start() {
  const sim = new ToySimulator();
  running.push(sim);
  const url = await sim.server.start();
  const call = async (method: string, path: string, body?: string) => {
    const response = await fetch(`${url}${path}`, { method, body });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const json = async (method: string, path: string, body?: unknown) => {
    const answer = await call(method, path, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
    return { ...answer, body: JSON.parse(answer.text) as Record<string, any> };
  };
  return { sim, url, call, json };
}

describe('the simulator server', () => {
  it('says it is not listening before start, listens on a free port, and stops', async () => {
    const sim = new ToySimulator();
    expect(() => sim.server.url).toThrow('The simulator is not listening; call start() first.');
    const url = await sim.server.start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await sim.server.stop();
    await expect(fetch(`${url}/records`)).rejects.toThrow();
    await sim.server.stop();
  });

  it("counts every request and every answer by status, and puts the platform's headers on what it sends", async () => {
    const { sim, call } = await start();
    const answer = await call('GET', '/records');
    expect(answer).toMatchObject({ status: 200, text: '{"records":[{"id":1,"subject":"Refund"}]}' });
    expect(answer.headers.get('x-toy-request-id')).toBe('r-1');
    expect(answer.headers.get('content-length')).toBe(String(answer.text.length));
    await call('GET', '/_simulator/state');
    expect(sim.stats).toMatchObject({ requests: 2, pagedRequests: 1, byStatus: { 200: 2 } });
  });

  it("answers a request its platform fails on with the platform's own 500", async () => {
    const { json } = await start();
    expect(await json('GET', '/boom')).toMatchObject({ status: 500, body: { oops: 'Error: bad simulator' } });
  });
});

describe('the control routes', () => {
  it('answer state, mutate, faults, revoke and the routes a platform adds', async () => {
    const { sim, json } = await start();
    expect((await json('GET', '/_simulator/state')).body).toEqual({ records: 1, stats: { requests: 1, pagedRequests: 0, throttled: 0, byStatus: {} }, faults: [] });
    expect(await json('POST', '/_simulator/mutate', { creates: 2 })).toMatchObject({ status: 200, body: { touched: [2, 3] } });
    expect((await json('POST', '/_simulator/faults', { kind: 'server_error', count: 1 })).body).toEqual({ faults: [{ fault: { kind: 'server_error', count: 1 }, scope: 'page', remaining: 1 }] });
    expect((await json('POST', '/_simulator/faults', { kind: 'html_page', scope: 'all' })).body.faults).toHaveLength(2);
    expect(await json('DELETE', '/_simulator/faults')).toMatchObject({ status: 200, body: { faults: [] } });
    expect(sim.faults.active).toEqual([]);
    expect(await json('POST', '/_simulator/echo', { a: 1 })).toMatchObject({ status: 201, body: { echo: { a: 1 } } });
    expect(await json('POST', '/_simulator/revoke')).toMatchObject({ status: 200, body: { revoked: true } });
    expect(sim.revoked).toBe(true);
  });

  it('refuse a body that is not JSON, a route nobody has, and a platform route on the wrong method', async () => {
    const { json } = await start();
    expect(await json('POST', '/_simulator/faults', '{nope')).toMatchObject({ status: 400, body: { error: 'the control body must be JSON' } });
    expect(await json('GET', '/_simulator/nothing')).toMatchObject({ status: 404, body: { error: 'unknown simulator control route' } });
    expect(await json('GET', '/_simulator/echo')).toMatchObject({ status: 404 });
  });
});

describe('faults on the wire', () => {
  it('answer 429s, 5xx, broken bodies, HTML and the platform’s own kinds, then clear after their count', async () => {
    const { sim, call } = await start();
    const expectations: Array<[ToyFault | { kind: 'teapot'; count: number }, number, string | RegExp]> = [
      [{ kind: 'rate_limited', retryAfterSeconds: 7, count: 1 }, 429, '{"error":"slow down"}'],
      [{ kind: 'server_error', count: 1 }, 503, '{"error":"down"}'],
      [{ kind: 'server_error', status: 502, count: 1 }, 502, '{"error":"down"}'],
      [{ kind: 'malformed_json', count: 1 }, 200, '{"records": [,]'],
      [{ kind: 'truncated_json', count: 1 }, 200, '{"records": [{"id": 1'],
      [{ kind: 'html_page', count: 1 }, 200, '<html>maintenance</html>'],
      [{ kind: 'teapot', count: 1 }, 418, '{"error":"teapot"}'],
      [{ kind: 'rename_field', from: 'subject', to: 'title', count: 1 }, 200, '{"records":[{"id":1,"title":"Refund"}]}'],
      [{ kind: 'slow', delayMs: 1, count: 1 }, 200, '{"records":[{"id":1,"subject":"Refund"}]}'],
    ];
    for (const [fault, status, text] of expectations) {
      sim.faults.inject(fault);
      const answer = await call('GET', '/records');
      expect({ fault: fault.kind, status: answer.status, text: answer.text }).toEqual({ fault: fault.kind, status, text });
      if (fault.kind === 'rate_limited') expect(answer.headers.get('retry-after')).toBe('7');
      expect(sim.faults.active).toEqual([]);
    }
    expect((await call('GET', '/records')).status).toBe(200);
  });

  it('cut a connection mid-body, and count the 200 it began with when the platform says so', async () => {
    const { sim, url } = await start();
    sim.faults.inject({ kind: 'reset_mid_body', count: 1 });
    await expect(fetch(`${url}/records`).then((r) => r.text())).rejects.toThrow();
    expect(sim.stats.byStatus[200]).toBe(1);
  });

  it('hit the paged request only, unless their scope is all', async () => {
    const { sim, call } = await start();
    sim.faults.inject({ kind: 'server_error' });
    expect((await call('GET', '/other')).status).toBe(200);
    expect((await call('GET', '/records')).status).toBe(503);
    sim.faults.clear();
    sim.faults.inject({ kind: 'server_error' }, 'all');
    expect((await call('GET', '/other')).status).toBe(503);
  });
});

describe('a rate window on the wire', () => {
  it('refuses what does not fit in the window and lets requests through again in the next one', async () => {
    const { sim, json } = await start();
    sim.rateLimit = { requests: 2, windowSeconds: 60 };
    expect((await json('GET', '/records')).headers.get('x-remaining')).toBe('1');
    expect((await json('GET', '/records')).headers.get('x-remaining')).toBe('0');
    expect(await json('GET', '/records')).toMatchObject({ status: 429, body: { retryIn: 60 } });
    sim.clock.advance(60_000);
    expect((await json('GET', '/records')).status).toBe(200);
  });
});
