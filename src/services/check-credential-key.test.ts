import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { CredentialCipher } from '../security/credential-cipher.js';
import { insertIntegration } from '../storage/integration.repository.js';
import { readCredentialKeyFingerprint } from '../storage/operator-settings.repository.js';
import { insertWorkspace } from '../storage/workspace.repository.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/support/test-database.js';
import { checkCredentialKey } from './check-credential-key.js';

const now = new Date('2026-03-01T12:00:00Z');
let database: TestDatabase | null = null;
afterEach(async () => {
  await database?.destroy();
  database = null;
});

/** A database holding one integration whose credentials `cipher` encrypted. */
async function withCredentials(dialect: (typeof DIALECTS)[number], cipher: CredentialCipher): Promise<TestDatabase> {
  const db = await createTestDatabase(dialect);
  const workspace = await insertWorkspace(db.db, { name: 'W', now });
  const id = randomUUID();
  const settings = { startDate: '2026-01-01', statusCriteria: ['solved'], filters: [], intervalMinutes: 15, noImportAlertHours: 24, lookbackDays: 30 };
  await insertIntegration(db.db, { id, workspaceId: workspace.id, platform: 'zendesk', name: 'Z', sourceAccount: 'acme', connection: { subdomain: 'acme' }, credentials: cipher.encrypt({ kind: 'oauth', accessToken: 'secret' }, id), settings: settings as never, now, createdBy: 'test' });
  return db;
}

describe.each(DIALECTS)('every process must hold the database\'s credential key, on %s', (dialect) => {
  const right = new CredentialCipher(randomBytes(32));
  const wrong = new CredentialCipher(randomBytes(32));

  it('lets the key the credentials were encrypted with in, and refuses another before it runs anything', async () => {
    database = await withCredentials(dialect, right);
    await checkCredentialKey(database.db, right, now);
    expect(await readCredentialKeyFingerprint(database.db)).toBe(right.fingerprint());
    await expect(checkCredentialKey(database.db, wrong, now)).rejects.toThrow(ConfigError);
    await expect(checkCredentialKey(database.db, wrong, now)).rejects.toThrow(/INTAKE_SECRET_KEY: this is not the key the stored credentials were encrypted with/);
    await checkCredentialKey(database.db, right, now);
  });

  it('on a database from before fingerprints, a wrong key is refused and never becomes the reference', async () => {
    database = await withCredentials(dialect, right);
    await expect(checkCredentialKey(database.db, wrong, now)).rejects.toThrow(ConfigError);
    expect(await readCredentialKeyFingerprint(database.db)).toBeNull();
    await checkCredentialKey(database.db, right, now);
  });

  it('records the first key of a new database, and holds every later process to it', async () => {
    database = await createTestDatabase(dialect);
    await checkCredentialKey(database.db, wrong, now);
    await expect(checkCredentialKey(database.db, right, now)).rejects.toThrow(ConfigError);
  });

  it('never stores the key itself', async () => {
    database = await createTestDatabase(dialect);
    const key = randomBytes(32);
    await checkCredentialKey(database.db, new CredentialCipher(key), now);
    const stored = await readCredentialKeyFingerprint(database.db);
    expect(stored).not.toContain(key.toString('base64url'));
    expect(stored).not.toContain(key.toString('base64'));
    expect(stored).not.toContain(key.toString('hex'));
  });
});
