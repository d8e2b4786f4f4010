import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformDefinition } from '../../src/connectors/platform.js';
import { createPlatformRegistry } from '../../src/connectors/registry.js';
import { importOne } from '../../src/services/import-one.js';
import { startPlatformUnderTest } from '../contract/platform-under-test.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-database.js';

const registry = createPlatformRegistry();
afterAll(() => registry.close());
// Every platform that declares it cannot fetch one conversation by reference (report-only platforms).
const UNFETCHABLE = registry.list().filter((p) => p.contract && !p.capabilities.fetchOne);

describe.each(DIALECTS)('manual import where the platform cannot fetch one conversation, on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.destroy());

  it.each(UNFETCHABLE.map((p) => [p.id, p] as [string, PlatformDefinition]))('%s: refused with what to do instead, and no run recorded', async (_id, platform) => {
    const p = await startPlatformUnderTest(platform, database);
    try {
      const refused = await importOne(p.services, p.workspace.id, p.integration.id, { sourceRef: p.sim.sourceRefs()[0] }, 'test').catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'conflict', message: expect.stringMatching(new RegExp(`^${platform.displayName} cannot fetch one ${platform.presentation.noun.one} by reference, so there is no manual import for it`)) });
      const runs = await p.services.db.selectFrom('runs').select('kind').where('integration_id', '=', p.integration.id).execute();
      expect(runs.filter((r) => r.kind === 'single')).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
