import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { contactDraft } from '../../test/support/contact-draft.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/test-database.js';
import { CredentialCipher } from '../security/credential-cipher.js';
import { findContactsByRefs, upsertContacts } from './contact.repository.js';
import { insertDecisions, listDecisionsByRef } from './decision.repository.js';
import {
  claimLease,
  findDueIntegrationIds,
  findIntegration,
  insertIntegration,
  pauseIntegration,
  readEncryptedCredentials,
  releaseLease,
  renewLease,
  resumeIntegration,
} from './integration.repository.js';
import { insertRun } from './run.repository.js';
import { listStatusEvents } from './status-event.repository.js';
import { insertWorkspace } from './workspace.repository.js';

const t0 = new Date('2025-03-10T12:00:00Z');
const settings = { startDate: '2025-01-01', statusCriteria: ['solved' as const, 'closed' as const], filters: [], intervalMinutes: 15, noImportAlertHours: 24 };

describe.each(DIALECTS)('storage on %s', (dialect) => {
  let database: TestDatabase;
  let workspaceId: string;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    workspaceId = (await insertWorkspace(database.db, { name: 'W', featureFlags: { integrations: true }, now: t0 })).id;
  });
  afterAll(() => database.destroy());

  const newIntegration = (name: string, credentials: string | null = null) =>
    insertIntegration(database.db, {
      id: randomBytes(8).toString('hex'),
      workspaceId,
      platform: 'zendesk',
      name,
      sourceAccount: 'acme',
      connection: { subdomain: 'acme' },
      credentials,
      settings,
      now: t0,
      createdBy: 'test',
    });

  it('migrations are idempotent', async () => {
    expect(await database.migrate()).toEqual([]);
  });

  it('stores credentials only as an AES-GCM envelope bound to the integration', async () => {
    const cipher = new CredentialCipher(randomBytes(32));
    const id = 'cred-test';
    const envelope = cipher.encrypt({ kind: 'api_token', email: 'a@acme.example', token: 'very-secret-token' }, id);
    await insertIntegration(database.db, { id, workspaceId, platform: 'zendesk', name: 'Creds', sourceAccount: 'acme', connection: {}, credentials: envelope, settings, now: t0, createdBy: 't' });
    const stored = await readEncryptedCredentials(database.db, id);
    expect(stored).toBe(envelope);
    expect(stored).not.toContain('very-secret-token');
    expect(cipher.decrypt(stored!, id)).toMatchObject({ token: 'very-secret-token' });
    expect(() => cipher.decrypt(stored!, 'another-integration')).toThrow(/cannot be decrypted/);
    const integration = await findIntegration(database.db, id);
    expect(integration).toMatchObject({ credentialsSet: true, credentialsUpdatedAt: t0.toISOString() });
    expect(JSON.stringify(integration)).not.toContain(envelope);
  });

  it('lets one holder at a time take the run lease, and another once it expired', async () => {
    const integration = await newIntegration('Lease');
    expect(await claimLease(database.db, integration.id, 'a', t0, 60_000)).toBe(true);
    expect(await claimLease(database.db, integration.id, 'b', t0, 60_000)).toBe(false);
    expect(await findDueIntegrationIds(database.db, t0, 100)).not.toContain(integration.id);
    expect(await renewLease(database.db, integration.id, 'a', t0, 60_000)).toBe(true);
    const later = new Date(t0.getTime() + 61_000);
    expect(await claimLease(database.db, integration.id, 'b', later, 60_000)).toBe(true);
    expect(await renewLease(database.db, integration.id, 'a', later, 60_000)).toBe(false);
    await releaseLease(database.db, integration.id, 'a');
    expect(await claimLease(database.db, integration.id, 'c', later, 60_000)).toBe(false);
    await releaseLease(database.db, integration.id, 'b');
    expect(await claimLease(database.db, integration.id, 'c', later, 60_000)).toBe(true);
  });

  it('keeps paused integrations off the schedule and records pause and resume as status events', async () => {
    const integration = await newIntegration('Pausable');
    expect(await findDueIntegrationIds(database.db, t0, 100)).toContain(integration.id);
    expect(await pauseIntegration(database.db, integration.id, { by: 'ann', note: 'migration', now: t0 })).toBe(true);
    expect(await pauseIntegration(database.db, integration.id, { by: 'ann', note: null, now: t0 })).toBe(false);
    expect(await findDueIntegrationIds(database.db, t0, 100)).not.toContain(integration.id);
    expect((await findIntegration(database.db, integration.id))!.status).toBe('paused');
    await resumeIntegration(database.db, integration.id, { by: 'bob', now: new Date(t0.getTime() + 5000) });
    expect(await findDueIntegrationIds(database.db, new Date(t0.getTime() + 5000), 100)).toContain(integration.id);
    const events = await listStatusEvents(database.db, integration.id);
    expect(events.map((e) => [e.from, e.to, e.cause.kind, e.cause.by])).toEqual([
      ['active', 'active', 'created', 'test'],
      ['active', 'paused', 'pause', 'ann'],
      ['paused', 'active', 'resume', 'bob'],
    ]);
  });

  it('upserts contacts by source identity and never overwrites a newer version with an older one', async () => {
    const integration = await newIntegration('Upserts');
    const run = await insertRun(database.db, { workspaceId, integrationId: integration.id, kind: 'manual', checkpointBefore: null, now: t0 });
    const owner = { workspaceId, integrationId: integration.id, platform: 'zendesk', sourceAccount: 'upserts', runId: run.id };
    const first = await upsertContacts(database.db, owner, [contactDraft({ sourceRef: '1', version: 10 }), contactDraft({ sourceRef: '2', version: 10 })], t0);
    expect(first.size).toBe(2);
    const newer = await upsertContacts(database.db, owner, [contactDraft({ sourceRef: '1', version: 20, tags: ['new'] })], t0);
    expect(newer.get('1')).toBe(first.get('1'));
    const older = await upsertContacts(database.db, owner, [contactDraft({ sourceRef: '1', version: 15, tags: ['stale'] })], t0);
    expect(older.size).toBe(0);
    const stored = await findContactsByRefs(database.db, owner, ['1', '2', '3']);
    expect([...stored.keys()].sort()).toEqual(['1', '2']);
    expect(stored.get('1')).toMatchObject({ version: 20, tags: ['new'], id: first.get('1') });
    // The same reference in another source account is another contact.
    const other = await upsertContacts(database.db, { ...owner, sourceAccount: 'other' }, [contactDraft({ sourceRef: '1', version: 1 })], t0);
    expect(other.get('1')).not.toBe(first.get('1'));
  });

  it('answers the history of a reference newest first', async () => {
    const integration = await newIntegration('Ledger');
    const run = await insertRun(database.db, { workspaceId, integrationId: integration.id, kind: 'manual', checkpointBefore: null, now: t0 });
    const owner = { workspaceId, integrationId: integration.id, runId: run.id };
    const entry = (outcome: 'imported' | 'unchanged', version: number) => ({ sourceRef: 'ref-1', outcome, reason: null, evidence: { n: version }, sourceVersion: version, sourceUpdatedAt: null, contactId: 'c' });
    await insertDecisions(database.db, owner, [entry('imported', 1)], t0);
    await insertDecisions(database.db, owner, [entry('unchanged', 2)], new Date(t0.getTime() + 1000));
    const history = await listDecisionsByRef(database.db, workspaceId, 'ref-1');
    expect(history.map((d) => [d.outcome, d.sourceVersion, d.evidence])).toEqual([
      ['unchanged', 2, { n: 2 }],
      ['imported', 1, { n: 1 }],
    ]);
    expect(await listDecisionsByRef(database.db, 'another-workspace', 'ref-1')).toEqual([]);
  });
});
