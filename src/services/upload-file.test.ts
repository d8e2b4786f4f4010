import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/manual-clock.js';
import { countContacts } from '../storage/contact.repository.js';
import { insertWorkspace } from '../storage/workspace.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/test-database.js';
import { createTestServices, type TestServices } from '../../test/support/test-services.js';
import { addIntegration } from './add-integration.js';
import { uploadFile } from './upload-file.js';

const ROWS = 20_000;
const CHUNK_ROWS = 400;

describe.each(DIALECTS)('a large upload (%s)', (dialect) => {
  let database: TestDatabase;
  let services: TestServices;
  let workspaceId: string;
  let integrationId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    services = createTestServices(database, { clock: new ManualClock('2026-03-10T12:00:00Z') });
    workspaceId = (await insertWorkspace(services.db, { name: 'Acme', featureFlags: { integrations: true }, now: services.clock.now() })).id;
    integrationId = (await addIntegration(services, workspaceId, { platform: 'file', name: 'Big export', connection: { source: 'telephony' }, settings: { startDate: '2026-01-01' } }, 'test')).id;
  });
  afterAll(async () => {
    await services.close();
    await database.destroy();
  });

  it('streams a generated CSV in bounded memory: the reader never runs far ahead of what is written', async () => {
    let produced = 0;
    let furthestAhead = 0;
    async function* generated(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('call_id,created_at,channel,status,notes\n');
      while (produced < ROWS) {
        let chunk = '';
        for (let i = 0; i < CHUNK_ROWS && produced < ROWS; i += 1, produced += 1) {
          chunk += `c${produced},2026-03-0${1 + (produced % 9)} 10:${String(produced % 60).padStart(2, '0')},phone,closed,"row ${produced}, a note long enough to weigh something in memory"\n`;
        }
        yield Buffer.from(chunk);
      }
    }
    const run = await uploadFile(services, workspaceId, integrationId, async () => ({ fileName: 'big.csv', bytes: generated() }), {
      actor: 'test',
      onProgress: ({ seen }) => {
        furthestAhead = Math.max(furthestAhead, produced - seen);
      },
    });
    expect(run).toMatchObject({ kind: 'upload', status: 'succeeded', counts: { seen: ROWS, imported: ROWS, failed: 0 } });
    expect(await countContacts(services.db, { integrationId })).toBe(ROWS);
    // Buffers between the stream and the store hold a few pages at most, never the file.
    expect(furthestAhead).toBeGreaterThan(0);
    expect(furthestAhead).toBeLessThan(8_000);
  }, 180_000);
});
