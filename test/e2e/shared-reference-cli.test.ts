import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/manual-clock.js';
import { ZendeskSimulator } from '../../src/connectors/zendesk/zendesk.simulator.js';
import type { ZendeskTicket } from '../../src/connectors/zendesk/zendesk-wire.js';
import { runIntakeCommand } from '../support/intake-process.js';

/**
 * Two Zendesk accounts that both have a ticket 141, as a user meets them on the command line:
 * Alpha imported its 141, Beta's filter excluded Beta's. Every answer is about the right account.
 */
describe('a reference two accounts share, on the command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-shared-ref-'));
  const clock = new ManualClock(new Date(Date.now() - 120_000));
  const alpha = new ZendeskSimulator({ subdomain: 'alpha', clock, tickets: 0, rateLimit: null });
  const beta = new ZendeskSimulator({ subdomain: 'beta', clock, tickets: 0, rateLimit: null });
  let env: Record<string, string>;
  const intake = async (...args: string[]) => {
    const result = await runIntakeCommand(args, env);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };

  beforeAll(async () => {
    const urls = [await alpha.start(), await beta.start()];
    env = { INTAKE_DATA_DIR: dataDir, INTAKE_EXTRA_SOURCE_HOSTS: urls.map((u) => new URL(u).host).join(',') };
    alpha.createTicket({ id: 141, status: 'solved', tags: ['vip'], subject: 'Alpha refund' } as Partial<ZendeskTicket>);
    beta.createTicket({ id: 141, status: 'solved', tags: ['billing'], subject: 'Beta invoice' } as Partial<ZendeskTicket>);
    // The export leaves out the last minute's changes.
    clock.advance(90_000);
    const start = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    for (const [name, sim, filter] of [['Alpha', alpha, []], ['Beta', beta, ['--filter', 'tag contains vip']]] as const) {
      const { email, token } = sim.apiTokenCredentials();
      await intake('integrations', 'add', 'zendesk', '--name', name, '--subdomain', sim.subdomain, '--base-url', sim.url, '--email', email, '--token', token, '--start-date', start, ...filter);
      await intake('integrations', 'run', name);
    }
  });
  afterAll(async () => {
    await alpha.stop();
    await beta.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('diagnoses under Beta what Beta decided, never Alpha\'s contact', async () => {
    const out = await intake('diagnose', '141', '--integration', 'Beta');
    expect(out).toContain('Ticket 141 was excluded on');
    expect(out).toContain('by the filter `tag contains "vip"` (it had ["billing"])');
    expect(out).toContain('cause: excluded_by_filter — integration "Beta" (Zendesk account "beta")');
    expect(out).not.toContain('imported_elsewhere');
    expect(out).not.toContain('Alpha');
  });

  it('without an integration, diagnoses each integration that holds it', async () => {
    const out = await intake('diagnose', '141');
    expect(out).toContain('141 names a different conversation in each of 2 integrations');
    expect(out).toContain('── integration "Alpha" (Zendesk account "alpha")');
    expect(out).toContain('It is not missing: ticket 141 was imported on');
    expect(out).toContain('── integration "Beta" (Zendesk account "beta")');
    expect(out).not.toMatch(/^It is not missing[^\n]*\n\s+cause: imported — integration "Beta"/m);
  });

  it('finds each contact with its own decisions only', async () => {
    const text = await intake('contacts', 'find', '141');
    expect(text).toContain('"141" is a different conversation in each of 2 source accounts');
    const [alphaBlock, betaBlock] = text.split('== ').slice(1);
    expect(alphaBlock).toMatch(/^"Alpha" — Zendesk account "alpha"/);
    expect(alphaBlock).toContain('subject: Alpha refund');
    expect(alphaBlock).toMatch(/imported\s/);
    expect(alphaBlock).not.toContain('excluded');
    expect(betaBlock).toMatch(/^"Beta" — Zendesk account "beta"/);
    expect(betaBlock).toContain('Not imported. Why: intake diagnose 141 --integration');
    expect(betaBlock).toContain('excluded');
    expect(betaBlock).not.toContain('Alpha refund');

    const json = JSON.parse(await intake('contacts', 'find', '141', '--integration', 'Beta', '--json')) as { matches: Array<{ integration: { name: string }; contact: unknown; decisions: Array<{ outcome: string }> }> };
    expect(json.matches).toHaveLength(1);
    expect(json.matches[0]).toMatchObject({ integration: { name: 'Beta' }, contact: null });
    expect(json.matches[0]!.decisions.map((d) => d.outcome)).toEqual(['excluded']);
  });
});
