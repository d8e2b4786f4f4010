import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/manual-clock.js';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import { runIntakeCommand } from '../support/intake-process.js';

/** The command line as a user types it: real processes, a simulator, human output and --json. */
describe('the intake command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-cli-'));
  const clock = new ManualClock(new Date());
  const sim = new ZendeskSimulator({ clock, tickets: 40, rateLimit: null, spanDays: 10 });
  let env: Record<string, string>;
  const intake = (...args: string[]) => runIntakeCommand(args, env);
  const intakeWithInput = (stdin: string, ...args: string[]) => runIntakeCommand(args, env, stdin);

  beforeAll(async () => {
    const url = await sim.start();
    env = { INTAKE_DATA_DIR: dataDir, INTAKE_EXTRA_SOURCE_HOSTS: new URL(url).host };
  });
  afterAll(async () => {
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds, runs, diagnoses, reconnects, previews a backfill and writes a support report', async () => {
    const { email, token } = sim.apiTokenCredentials();
    const start = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const wrong = await intake('integrations', 'add', 'zendesk', '--name', 'Support', '--subdomain', sim.subdomain, '--base-url', sim.url, '--email', email, '--token', 'nope', '--start-date', start);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The credentials were not saved: Zendesk rejected the API token (401)');

    const added = await intake('integrations', 'add', 'zendesk', '--name', 'Support', '--subdomain', sim.subdomain, '--base-url', sim.url, '--email', email, '--token', token, '--start-date', start, '--filter', 'tag does_not_exist', '--json');
    expect(added.code, added.stderr).toBe(0);
    const id = (JSON.parse(added.stdout) as { id: string }).id;

    const run = await intake('integrations', 'run', 'Support');
    expect(run.stdout).toMatch(/^Run [0-9a-f-]+ succeeded \(manual\): 40 seen in 1 page\(s\)/);

    const tagged = sim.tickets().find((t) => t.tags.length > 0 && (t.status === 'solved' || t.status === 'closed'))!;
    const diagnosis = await intake('diagnose', String(tagged.id));
    expect(diagnosis.stdout).toContain(`Ticket ${tagged.id} was excluded on`);
    expect(diagnosis.stdout).toContain('by the filter `tag does not exist`');
    expect(diagnosis.stdout).toMatch(/✗ Confirm the contact was eligible/);

    const imported = await intake('integrations', 'import', id, String(tagged.id));
    expect(imported.stdout).toContain(`${tagged.id}: imported — the schedule would have excluded it (filter: expected tag does not exist)`);

    sim.revokeAll();
    const refused = await intake('integrations', 'reconnect', id, '--email', email, '--token', token);
    expect(refused.code).toBe(1);
    const admin = sim.addUser({ email: 'second@acme.example', role: 'admin', token: 'second-token' });
    // The token can come from standard input, out of shell history and the process list.
    const reconnected = await intakeWithInput('second-token\n', 'integrations', 'reconnect', id, '--email', admin.email, '--token', '-');
    expect(reconnected.code, reconnected.stderr).toBe(0);
    expect(reconnected.stdout).toContain('the credentials work for "acme"');

    const preview = await intake('backfill', id, '--from', start, '--preview');
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/a backfill would need \d+ request\(s\) to zendesk, about \d+ s under its rate limit \(10 requests per 60 s\)/);
    expect(preview.stdout).not.toContain('before the start date');
    const earlier = new Date(Date.parse(start) - 5 * 86_400_000).toISOString().slice(0, 10);
    expect((await intake('backfill', id, '--from', earlier, '--preview')).stdout).toContain(`note: ${earlier} is before the start date (${start}); contacts created earlier stay excluded.`);

    const report = await intake('support-report', '--integration', 'Support', '--from', start, '--ref', String(tagged.id), '--ref', '999999');
    expect(report.stdout).toContain('# Support report: Support (Zendesk, account "acme")');
    expect(report.stdout).toContain('### 999999 — unknown reference');
    expect(report.stdout).not.toContain(token);

    const listed = await intake('integrations', 'list', '--json');
    expect(JSON.parse(listed.stdout)[0]).toMatchObject({ name: 'Support', status: 'active' });
    expect(listed.stdout).not.toContain(token);
  });
});
