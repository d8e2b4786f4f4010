import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/test-database.js';
import { readDirectory, recordDirectoryFailure, saveDirectory, saveSettingsProblems } from './directory.repository.js';
import { deleteIntegration, findIntegration, insertIntegration } from './integration.repository.js';
import { insertWorkspace } from './workspace.repository.js';

const t0 = new Date('2025-03-10T12:00:00Z');
const t1 = new Date('2025-03-11T12:00:00Z');
const settings = { startDate: '2025-01-01', statusCriteria: ['solved' as const, 'closed' as const], filters: [], intervalMinutes: 15, noImportAlertHours: 24 };

describe.each(DIALECTS)('directory storage on %s', (dialect) => {
  let database: TestDatabase;
  let workspaceId: string;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    workspaceId = (await insertWorkspace(database.db, { name: 'W', featureFlags: { integrations: true }, now: t0 })).id;
  });
  afterAll(() => database.destroy());

  const newIntegration = () =>
    insertIntegration(database.db, { id: randomBytes(8).toString('hex'), workspaceId, platform: 'zendesk', name: `I ${randomBytes(3).toString('hex')}`, sourceAccount: 'acme', connection: {}, credentials: null, settings, now: t0, createdBy: 'test' });

  it('is empty until the source was read', async () => {
    const integration = await newIntegration();
    expect(await readDirectory(database.db, integration.id)).toEqual({ items: [], kinds: [], refreshedAt: null, attemptedAt: null, error: null });
  });

  it('keeps what the source lists, follows renames, and marks what it stops listing as gone (kept, with its last name)', async () => {
    const integration = await newIntegration();
    await saveDirectory(
      database.db,
      integration.id,
      {
        agents: [
          { id: '9101', name: 'Ann Lee', detail: 'ann@acme.example' },
          { id: '9102', name: 'Bo Chen' },
        ],
        customFields: [{ id: '360001', name: 'Plan', detail: 'tagger' }],
      },
      t0,
    );
    await saveDirectory(database.db, integration.id, { agents: [{ id: '9101', name: 'Ann Smith', detail: 'ann@acme.example' }], customFields: [] }, t1);
    const directory = await readDirectory(database.db, integration.id);
    expect(directory).toMatchObject({ kinds: ['agent', 'custom_field'], refreshedAt: t1.toISOString(), attemptedAt: t1.toISOString(), error: null });
    expect(directory.items).toEqual([
      { kind: 'agent', id: '9101', name: 'Ann Smith', detail: 'ann@acme.example', firstSeenAt: t0.toISOString(), lastSeenAt: t1.toISOString(), goneAt: null },
      { kind: 'agent', id: '9102', name: 'Bo Chen', detail: null, firstSeenAt: t0.toISOString(), lastSeenAt: t0.toISOString(), goneAt: t1.toISOString() },
      { kind: 'custom_field', id: '360001', name: 'Plan', detail: 'tagger', firstSeenAt: t0.toISOString(), lastSeenAt: t0.toISOString(), goneAt: t1.toISOString() },
    ]);
    // Listed again: no longer gone.
    await saveDirectory(database.db, integration.id, { agents: [{ id: '9102', name: 'Bo Chen' }] }, new Date('2025-03-12T12:00:00Z'));
    const back = await readDirectory(database.db, integration.id);
    expect(back.items.find((i) => i.id === '9102')).toMatchObject({ goneAt: null, firstSeenAt: t0.toISOString() });
    // Only agents were read this time: the custom fields stay as they were.
    expect(back.kinds).toEqual(['agent']);
    expect(back.items.find((i) => i.id === '360001')).toMatchObject({ goneAt: t1.toISOString() });
  });

  it('stores many entries in one read, and a failure without losing the cache', async () => {
    const integration = await newIntegration();
    const agents = Array.from({ length: 650 }, (_, i) => ({ id: String(10_000 + i), name: `Agent ${i}` }));
    await saveDirectory(database.db, integration.id, { agents: [...agents, agents[0]!] }, t0);
    await recordDirectoryFailure(database.db, integration.id, { category: 'forbidden', message: 'Zendesk refused access (403)' }, t1);
    const directory = await readDirectory(database.db, integration.id);
    expect(directory.items).toHaveLength(650);
    expect(directory).toMatchObject({ refreshedAt: t0.toISOString(), attemptedAt: t1.toISOString(), error: { category: 'forbidden', message: 'Zendesk refused access (403)' } });
  });

  it("stores the integration's settings problems, and goes with the integration", async () => {
    const integration = await newIntegration();
    expect((await findIntegration(database.db, integration.id))!.settingsProblems).toEqual([]);
    const problem = { kind: 'custom_field_gone' as const, conditionIndex: 0, id: '360002', since: t1.toISOString(), message: 'gone' };
    await saveSettingsProblems(database.db, integration.id, [problem]);
    expect((await findIntegration(database.db, integration.id))!.settingsProblems).toEqual([problem]);
    await saveDirectory(database.db, integration.id, { agents: [{ id: '1', name: 'A' }] }, t0);
    await deleteIntegration(database.db, integration.id);
    const left = await database.db.selectFrom('directory_entries').select('source_id').where('integration_id', '=', integration.id).execute();
    expect(left).toEqual([]);
  });
});
