import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { openDatabase } from '../../src/storage/open-database.js';
import { runIntakeCommand, startIntakeProcess, type IntakeProcess } from '../support/intake-process.js';

const url = process.env.TEST_DATABASE_URL;

/**
 * Distributed mode on PostgreSQL: `intake start` queues the due runs, two `intake worker`
 * processes run them, one run per integration at a time, and two integrations on one Zendesk
 * subdomain share its rate budget across the processes.
 */
describe.skipIf(!url)('distributed mode: start + two workers on PostgreSQL', () => {
  const database = `intake_dist_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-dist-'));
  // Real time: the simulator's rate-limit windows must pass while the workers wait for them.
  const sim = new ZendeskSimulator({ tickets: 200, maxPageSize: 20, rateLimit: { requests: 5, windowSeconds: 2 }, spanDays: 10, seed: 5 });
  const processes: IntakeProcess[] = [];
  const admin = () => new pg.Client({ connectionString: url });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await sim.stop();
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs each integration once on the workers, sharing the source budget across processes', { timeout: 240_000 }, async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE ${database}`);
    await client.end();
    const databaseUrl = Object.assign(new URL(url!), { pathname: `/${database}` }).toString();
    const simUrl = await sim.start();
    const env = {
      DATABASE_URL: databaseUrl,
      INTAKE_RUNNER: 'queue',
      INTAKE_SECRET_KEY: randomBytes(32).toString('base64'),
      INTAKE_SANDBOX: 'off',
      INTAKE_DATA_DIR: dataDir,
      INTAKE_EXTRA_SOURCE_HOSTS: new URL(simUrl).host,
      PORT: '0',
    };
    const { email, token } = sim.apiTokenCredentials();
    const start = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    for (const name of ['Support', 'Support (second view)']) {
      const added = await runIntakeCommand(['integrations', 'add', 'zendesk', '--name', name, '--subdomain', sim.subdomain, '--base-url', simUrl, '--email', email, '--token', token, '--start-date', start, '--interval', '60'], env);
      expect(added.code, added.stderr).toBe(0);
    }

    const service = startIntakeProcess(env, 'start');
    const workers = [startIntakeProcess(env, 'worker'), startIntakeProcess(env, 'worker')];
    processes.push(service, ...workers);
    await service.waitFor((l) => String(l.msg).startsWith('distributed mode'));
    const finished = async () => workers.flatMap((w) => w.lines).filter((l) => String(l.msg).startsWith('run succeeded')).length;
    // Generous: under a full suite on 2 cores the processes share the cores with other test files.
    for (let waited = 0; (await finished()) < 2 && waited < 180_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
    const said = [...service.lines, ...workers.flatMap((w) => w.lines)].filter((l) => /^(run |a scheduled run|could not)/.test(String(l.msg))).map((l) => String(l.msg));
    expect(await finished(), `what the processes said about runs: ${JSON.stringify(said)}`).toBe(2);
    expect(service.lines.some((l) => String(l.msg).startsWith('run succeeded'))).toBe(false);

    const db = openDatabase({ kind: 'postgres', url: databaseUrl });
    try {
      const runs = await db.db.selectFrom('runs').select(['integration_id', 'status', 'started_at', 'finished_at', 'seen']).orderBy('started_at').execute();
      // Queued once each, run once each (the queue holds one job per integration, the lease one run).
      expect(runs.map((r) => [r.status, r.seen])).toEqual([
        ['succeeded', 200],
        ['succeeded', 200],
      ]);
      expect(new Set(runs.map((r) => r.integration_id)).size).toBe(2);
      const contacts = await db.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const eligible = sim.tickets().filter((t) => t.status === 'solved' || t.status === 'closed').length;
      expect(Number(contacts.n)).toBe(eligible);
    } finally {
      await db.close();
    }
    // 20 export pages at 5 requests per 2 s from the workers: paced from one budget, none refused.
    // On a loaded machine a page that answered slower than the client's timeout is asked again
    // (a retry, not a second reading: the contacts above equal a clean import), so allow a few.
    expect(sim.stats.exportRequests).toBeGreaterThanOrEqual(20);
    expect(sim.stats.exportRequests).toBeLessThanOrEqual(24);
    expect(sim.stats.throttled).toBe(0);
  });
});
