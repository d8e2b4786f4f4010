import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runIntakeCommand, runNode, startIntakeProcess, type IntakeProcess } from '../support/intake-process.js';

let processes: IntakeProcess[] = [];
let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  processes = [];
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

describe('intake start on an empty data folder', () => {
  it('creates the database, the key and the sandbox, and imports its contacts within seconds', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'intake-e2e-'));
    dirs.push(dataDir);
    const env = { INTAKE_DATA_DIR: dataDir, PORT: '0' };
    const intake = startIntakeProcess(env);
    processes.push(intake);

    const listening = await intake.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('API and web UI on'));
    const url = listening.url as string;
    const linkLine = await intake.waitFor((l) => l.unparsed === true && String(l.msg).includes('/sign-in#link='));
    const linkToken = decodeURIComponent(String(linkLine.msg).split('#link=')[1]!.trim());
    expect(((await (await fetch(`${url}/healthz`)).json()) as { status: string }).status).toBe('ok');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^process_cpu_seconds_total \d/m);
    expect(metrics).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    const redeemed = await fetch(`${url}/api/v1/auth/links/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: linkToken, email: 'owner@example.com', password: 'a long enough password' }),
    });
    expect(redeemed.status).toBe(200);
    const cookie = redeemed.headers.get('set-cookie')!.split(';')[0]!;

    const finished = await intake.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('run succeeded'));
    const counts = finished.counts as { seen: number; imported: number; excluded: number };
    expect(counts.imported).toBeGreaterThan(100);
    expect(counts.excluded).toBeGreaterThan(0);
    const listed = (await (await fetch(`${url}/api/v1/integrations`, { headers: { cookie } })).json()) as { integrations: unknown[] };
    expect(listed.integrations[0]).toMatchObject({ name: 'Sandbox help desk', status: 'active', lastDataImportedAt: expect.any(String) });

    // The README's script example, run as a user would.
    const session = (await (await fetch(`${url}/api/v1/auth/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    const created = await fetch(`${url}/api/v1/api-tokens`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'example', permissions: ['manage_integrations', 'view_contacts'] }),
    });
    const { token } = (await created.json()) as { token: string };
    // Links for new users name the address the service really listens on (PORT=0 picked it).
    const user = await fetch(`${url}/api/v1/users`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'viewer@example.com', name: 'Viewer', role: 'contact_viewer' }),
    });
    expect(((await user.json()) as { signInLink: { url: string } }).signInLink.url.startsWith(`${url}/sign-in#link=`)).toBe(true);
    const example = await runNode(['examples/why-missing.mjs', '1'], { INTAKE_URL: url, INTAKE_TOKEN: token });
    expect(example.code, example.stderr).toBe(0);
    expect(example.stdout).toContain('Sandbox help desk: active');
    expect(example.stdout).toMatch(/cause: [a-z_]+/);
    expect(await intake.stop()).toBe(0);
    expect(intake.lines.some((l) => l.msg === 'stopped')).toBe(true);

    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    const sqlite = new Database(join(dataDir, 'intake.db'), { readonly: true });
    const contacts = (sqlite.prepare('select count(*) n from contacts').get() as { n: number }).n;
    const decisions = (sqlite.prepare('select count(*) n from decisions').get() as { n: number }).n;
    const ref = (sqlite.prepare("select source_ref from contacts order by source_ref limit 1").get() as { source_ref: string }).source_ref;
    sqlite.close();
    expect(contacts).toBeGreaterThanOrEqual(counts.imported);
    expect(decisions).toBeGreaterThanOrEqual(counts.seen);

    const found = await runIntakeCommand(['contacts', 'find', ref, '--json'], env);
    expect(found.code).toBe(0);
    const answer = JSON.parse(found.stdout) as { matches: Array<{ integration: { name: string }; contact: { sourceRef: string }; decisions: Array<{ outcome: string }> }> };
    expect(answer.matches).toHaveLength(1);
    expect(answer.matches[0]).toMatchObject({ integration: { name: 'Sandbox help desk' }, contact: { sourceRef: ref } });
    expect(answer.matches[0]!.decisions.at(-1)!.outcome).toBe('imported');

    const table = await runIntakeCommand(['integrations', 'list'], env);
    expect(table.stdout).toMatch(/Sandbox help desk\s+sandbox\s+active/);
  });
});
