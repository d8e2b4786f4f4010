import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactDraft } from '../../test/support/contact-draft.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/test-database.js';
import { integrationSettingsSchema } from '../core/integration-settings.js';
import { streamLiveContactRefs, upsertContacts } from './contact.repository.js';
import { insertIntegration } from './integration.repository.js';
import { insertWorkspace } from './workspace.repository.js';

describe.each(DIALECTS)('streamLiveContactRefs on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.destroy());

  it("yields one account's contacts not deleted, in batches, each reference once", async () => {
    const now = new Date('2025-03-10T12:00:00Z');
    const workspace = await insertWorkspace(database.db, { name: 'Refs', featureFlags: {}, now });
    const integration = await insertIntegration(database.db, {
      id: 'i1',
      workspaceId: workspace.id,
      platform: 'intercom',
      name: 'Refs',
      sourceAccount: 'ws1',
      connection: {},
      credentials: null,
      settings: integrationSettingsSchema.parse({ startDate: '2025-01-01' }),
      now,
      createdBy: 'test',
    });
    const owner = { workspaceId: workspace.id, integrationId: integration.id, platform: 'intercom', sourceAccount: 'ws1', runId: 'r1' };
    const refs = Array.from({ length: 7 }, (_, i) => `10${i}`);
    await upsertContacts(database.db, owner, refs.map((sourceRef) => contactDraft({ sourceRef })), now);
    await upsertContacts(database.db, owner, [contactDraft({ sourceRef: '999', status: 'deleted', sourceStatus: 'deleted' })], now);
    // Another account's 100 and another platform's 101 are not this account's.
    await upsertContacts(database.db, { ...owner, sourceAccount: 'ws2' }, [contactDraft({ sourceRef: '100' })], now);
    await upsertContacts(database.db, { ...owner, platform: 'zendesk' }, [contactDraft({ sourceRef: '101' })], now);

    const batches: string[][] = [];
    for await (const batch of streamLiveContactRefs(database.db, owner, 3)) batches.push(batch);
    expect(batches).toEqual([refs.slice(0, 3), refs.slice(3, 6), refs.slice(6)]);
  });
});
