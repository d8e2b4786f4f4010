import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/connectors/simulation/seeded-random.js';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { ManualClock } from '../../src/core/manual-clock.js';
import { openDatabase } from '../../src/storage/open-database.js';
import { cleanImport, contactProjection } from '../support/clean-import.js';
import { runIntakeCommand, startIntakeProcess, type IntakeProcess } from '../support/intake-process.js';

const KILLS = 20;

/**
 * The real `intake start`, killed with SIGKILL at random moments of a large import and restarted
 * each time, must end with exactly the contacts a clean import gives: none lost, none duplicated,
 * metadata current.
 */
describe('intake start killed during a large import', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-crash-'));
  const clock = new ManualClock(new Date());
  const sim = new ZendeskSimulator({ clock, tickets: 40_000, maxPageSize: 100, rateLimit: null, spanDays: 60, seed: 11 });
  let current: IntakeProcess | null = null;
  afterAll(async () => {
    await current?.stop('SIGKILL');
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`loses and duplicates nothing over ${KILLS} kills`, { timeout: 180_000 }, async () => {
    const url = await sim.start();
    // Like a real network: each page takes a little while to arrive.
    sim.beforeExport = () => new Promise((resolve) => setTimeout(resolve, 15));
    const env = { INTAKE_DATA_DIR: dataDir, INTAKE_SANDBOX: 'off', PORT: '0', INTAKE_EXTRA_SOURCE_HOSTS: new URL(url).host };
    const { email, token } = sim.apiTokenCredentials();
    const added = await runIntakeCommand(
      ['integrations', 'add', 'zendesk', '--name', 'Crash test', '--subdomain', sim.subdomain, '--base-url', url, '--email', email, '--token', token, '--start-date', '2000-01-01', '--interval', '1'],
      env,
    );
    expect(added.code, added.stderr).toBe(0);

    const random = new SeededRandom(2024);
    let kills = 0;
    let killedWhileImporting = 0;
    while (kills < KILLS) {
      current = startIntakeProcess(env);
      await current.waitFor((l) => l.msg === 'Intake is running (sqlite); press Ctrl+C to stop' || String(l.msg).startsWith('Intake is running'));
      await new Promise((resolve) => setTimeout(resolve, random.int(40, 400)));
      const finished = current.lines.some((l) => String(l.msg).startsWith('run succeeded'));
      current.child.kill('SIGKILL');
      await current.exited;
      kills += 1;
      if (!finished) killedWhileImporting += 1;
      // The help desk keeps working while Intake is down.
      sim.mutate({ updates: 20, creates: 5 });
      clock.advance(61_000);
    }

    current = startIntakeProcess(env);
    await current.waitFor((l) => String(l.msg).startsWith('run succeeded'), 120_000);
    expect(await current.stop()).toBe(0);
    current = null;

    const database = openDatabase({ kind: 'sqlite', file: join(dataDir, 'intake.db') });
    try {
      const imported = await contactProjection(database.db);
      const expected = await cleanImport(sim, url, clock, { startDate: '2000-01-01' });
      const refs = imported.map((line) => line.split('|')[0]);
      console.log(`crash test: ${kills} SIGKILLs (${killedWhileImporting} mid-import), ${imported.length} contacts, clean import ${expected.length}: ${imported.length === expected.length && JSON.stringify(imported) === JSON.stringify(expected) ? 'identical' : 'DIFFERENT'}`);
      expect(kills).toBe(KILLS);
      expect(killedWhileImporting).toBeGreaterThanOrEqual(KILLS - 2);
      expect(new Set(refs).size).toBe(refs.length);
      expect(imported).toEqual(expected);
    } finally {
      await database.close();
    }
  });
});
