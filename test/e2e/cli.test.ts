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
    // Each command is a process of its own: on a loaded two-core machine they take seconds each.
  }, 180_000);

  it('answers mistyped dates, numbers and unknown references with the option, the problem, the fix and exit code 2', async () => {
    const { email, token } = sim.apiTokenCredentials();
    const added = await intake('integrations', 'add', 'zendesk', '--name', 'Inputs', '--subdomain', sim.subdomain, '--base-url', sim.url, '--email', email, '--token', token, '--json');
    expect(added.code, added.stderr).toBe(0);
    const id = (JSON.parse(added.stdout) as { id: string }).id;

    const month = await intake('backfill', id, '--from', '2026-13-01');
    expect(month).toMatchObject({ code: 2, stdout: '' });
    expect(month.stderr).toBe(
      'Error: the command has invalid options; fix the ones below and try again.\n  --from: "2026-13-01" is not a real calendar date: there is no month 13; write YYYY-MM-DD with a month from 01 to 12\n',
    );
    const february = await intake('backfill', id, '--from', '2026-02-01', '--to', '2026-02-30', '--preview');
    expect(february.code).toBe(2);
    expect(february.stderr).toContain('--to: "2026-02-30" is not a real calendar date: February 2026 has days 01 to 28');

    const unknown = await intake('integrations', 'import', id, '999999');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Error: Zendesk has no ticket "999999" in the account "acme"\. Check the reference, or whether it belongs to another integration\.\n  <source-reference>: unknown to the source \(recorded as run [0-9a-f-]{36}\)\n$/);
    expect(unknown.stderr).not.toContain('unexpectedly');
    const asJson = await intake('integrations', 'import', id, '999999', '--json');
    expect(JSON.parse(asJson.stdout).error).toMatchObject({ code: 'source_reference_not_found' });

    const report = await intake('support-report', '--integration', id, '--from', '2026-02-30');
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('--from: "2026-02-30" is not a real calendar date: February 2026 has days 01 to 28');
    const ancient = await intake('support-report', '--integration', id, '--from', '1970-01-01');
    expect(ancient.code).toBe(2);
    expect(ancient.stderr).toContain('--from: the range is');
    expect(ancient.stderr).not.toContain('bucket=');

    const interval = await intake('integrations', 'add', 'zendesk', '--name', 'Bad', '--subdomain', 'acme', '--email', email, '--token', token, '--interval', 'often', '--start-date', '2025-02-29', '--no-verify');
    expect(interval.code).toBe(2);
    expect(interval.stderr).toContain('--interval: must be minutes, e.g. 15, 15m or 1h');
    expect(interval.stderr).toContain('--start-date: must be a real calendar date written YYYY-MM-DD');
    const note = await intake('integrations', 'pause', id, '--note', 'x'.repeat(600));
    expect(note.code).toBe(2);
    expect(note.stderr).toContain('--note: must be at most 500 characters (it has 600)');
    const nobody = await intake('integrations', 'show', 'No such integration');
    expect(nobody.code).toBe(2);
  }, 180_000);
});
