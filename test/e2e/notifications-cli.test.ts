import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIntakeCommand } from '../support/intake-process.js';

/** `intake notifications …` as an operator types it: words, exit codes, the secret once, bad input named. */
describe('intake notifications', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-notify-cli-'));
  const env = { INTAKE_DATA_DIR: dataDir, INTAKE_SANDBOX: 'off' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds, lists, changes and removes subscriptions, and names a bad option', { timeout: 120_000 }, async () => {
    const none = await runIntakeCommand(['notifications', 'smtp', 'show'], env);
    expect(none.stdout).toContain('No SMTP server is set');

    const webhook = await runIntakeCommand(['notifications', 'add-webhook', 'https://hooks.example.com/intake', '--name', 'On-call'], env);
    expect(webhook.code, webhook.stderr).toBe(0);
    expect(webhook.stdout).toMatch(/Signing secret \(shown once[^\n]*\n {2}whsec_\S+/);
    const id = /\(([0-9a-f-]{36})\)/.exec(webhook.stdout)![1]!;

    const email = await runIntakeCommand(['notifications', 'add-email', 'qa@example.com', '--events', 'integration.failure,integration.recovered', '--quiet', '22:00-07:00', '--time-zone', 'Europe/Paris'], env);
    expect(email.code, email.stderr).toBe(0);
    expect(email.stdout).not.toContain('whsec_');

    const list = await runIntakeCommand(['notifications', 'list'], env);
    expect(list.stdout).toContain('On-call');
    expect(list.stdout).toContain('quiet hours: 22:00–07:00 Europe/Paris');
    expect(list.stdout).not.toContain('whsec_');

    const off = await runIntakeCommand(['notifications', 'change', id, '--disable', '--json'], env);
    expect(JSON.parse(off.stdout)).toMatchObject({ enabled: false });

    const bad = await runIntakeCommand(['notifications', 'add-email', 'qa@example.com', '--events', 'integration.exploded', '--quiet', '25:00-07:00'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--events #1:');
    expect(bad.stderr).toContain('--quiet (start): must be a time of day as HH:MM');

    const plainHttp = await runIntakeCommand(['notifications', 'add-webhook', 'http://internal.example/hook'], env);
    expect(plainHttp.code).toBe(2);
    expect(plainHttp.stderr).toContain('intake source-hosts allow internal.example');

    expect((await runIntakeCommand(['notifications', 'remove', id], env)).code).toBe(0);
    expect((await runIntakeCommand(['notifications', 'remove', id], env)).code).toBe(2);
  });
});
