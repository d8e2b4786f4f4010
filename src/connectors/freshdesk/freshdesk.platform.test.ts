import { describe, expect, it } from 'vitest';
import { systemClock } from '../../core/system-clock.js';
import type { SourcePage } from '../../core/ports.js';
import { InMemoryRateBudgets } from '../rate-budget.js';
import { SourceHttpClient } from '../source-http-client.js';
import { SourceHostPolicy } from '../source-host-policy.js';
import { freshdeskPlatform } from './freshdesk.platform.js';

describe('Freshdesk platform definition', () => {
  it('asks for the domain alone and a key without separators, naming the fix', () => {
    const domain = freshdeskPlatform.connectionSchema.safeParse({ domain: 'acme.freshdesk.com' });
    expect(domain.success).toBe(false);
    expect(domain.error!.issues[0]).toMatchObject({ path: ['domain'], message: expect.stringContaining('"acme" for acme.freshdesk.com') });
    expect(freshdeskPlatform.connectionSchema.parse({ domain: ' Acme ' })).toEqual({ domain: 'acme' });
    const key = freshdeskPlatform.credentialsSchema.safeParse({ apiKey: 'abc:X' });
    expect(key.error!.issues[0]).toMatchObject({ path: ['apiKey'], message: expect.stringContaining('without spaces or colons') });
  });

  it('calls only https://<domain>.freshdesk.com unless the operator listed the host', () => {
    const policy = new SourceHostPolicy(['127.0.0.1:4020']);
    expect(freshdeskPlatform.connectionProblems({ domain: 'acme' }, policy)).toEqual([]);
    expect(freshdeskPlatform.connectionProblems({ domain: 'acme', baseUrl: 'http://127.0.0.1:4020' }, policy)).toEqual([]);
    expect(freshdeskPlatform.connectionProblems({ domain: 'acme', baseUrl: 'http://acme.freshdesk.com' }, policy)[0]).toMatchObject({ path: 'connection.baseUrl', message: expect.stringContaining('use https') });
    expect(freshdeskPlatform.connectionProblems({ domain: 'acme', baseUrl: 'https://freshdesk.example.net' }, policy)[0]!.message).toContain('not an official host');
  });

  it('declares what the shells show: fields with flags, one credential variant, statuses folded onto the lifecycle', () => {
    const presentation = freshdeskPlatform.presentation!;
    expect(presentation.connectionFields.map((f) => [f.key, f.flag, f.required])).toEqual([
      ['domain', '--domain', true],
      ['baseUrl', '--base-url', false],
    ]);
    expect(presentation.credentialVariants).toHaveLength(1);
    expect(presentation.credentialVariants[0]!.fields).toEqual([expect.objectContaining({ key: 'apiKey', kind: 'secret', flag: '--api-key' })]);
    expect(presentation.statuses.filter((s) => /^\d$/.test(s.value)).map((s) => [s.label, s.normalised])).toEqual([
      ['Open', 'open'],
      ['Pending', 'pending'],
      ['Resolved', 'solved'],
      ['Closed', 'closed'],
    ]);
    expect(freshdeskPlatform.capabilities).toEqual({ credentialsNeeded: true, fetchOne: true, backfill: true, detectsDeletions: true, directory: true });
  });

  it('starts its simulator with what an integration needs, and its own connector reads from it', async () => {
    const sim = await freshdeskPlatform.startSimulator!({ port: 0, host: '127.0.0.1', contacts: 30, rateLimit: 10, windowSeconds: 60, seed: 3, account: 'globex', live: false });
    try {
      const connection = freshdeskPlatform.connectionSchema.parse(sim.connection);
      const credentials = freshdeskPlatform.credentialsSchema.parse(sim.credentials);
      const http = new SourceHttpClient({ clock: systemClock, budgets: new InMemoryRateBudgets(systemClock), hostPolicy: new SourceHostPolicy([new URL(sim.url).host]) });
      const connector = freshdeskPlatform.createConnector({ connection, credentials, http, clock: systemClock });
      expect(await connector.verifyCredentials()).toEqual({ sourceAccount: 'globex', principal: 'admin@globex.example' });
      const refs: string[] = [];
      for await (const page of connector.readPages({ checkpoint: null, startDate: new Date(0) }) as AsyncIterable<SourcePage>) refs.push(...page.records.map((r) => (r.ok ? r.contact.sourceRef : `!${r.sourceRef}`)));
      expect(new Set(refs).size).toBe(30);
      expect(freshdeskPlatform.sourceAccount(connection)).toBe(sim.sourceAccount);
    } finally {
      await sim.stop();
    }
  });
});
