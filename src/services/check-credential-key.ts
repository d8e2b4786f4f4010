import { ConfigError } from '../config.js';
import { CredentialDecryptError, type CredentialCipher } from '../security/credential-cipher.js';
import { readAnyEncryptedCredentials } from '../storage/integration.repository.js';
import { claimCredentialKeyFingerprint, readCredentialKeyFingerprint } from '../storage/operator-settings.repository.js';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

const WRONG_KEY =
  'INTAKE_SECRET_KEY: this is not the key the stored credentials were encrypted with, so this process could not read them. Give it the same INTAKE_SECRET_KEY as the service (or, on SQLite, the same data folder with its secret.key).';

/**
 * Refuses to start a process whose credential key is not the database's. Without this check a CLI
 * or worker started with another key would fail every run it made — and mark a healthy integration
 * failing because of its own environment.
 */
export async function checkCredentialKey(db: Kysely<Database>, cipher: CredentialCipher, now: Date): Promise<void> {
  const mine = cipher.fingerprint();
  // A database from before fingerprints were stored: prove the key on a real envelope before
  // recording it, so a process with the wrong key can never become the reference.
  if ((await readCredentialKeyFingerprint(db)) === null) {
    const sample = await readAnyEncryptedCredentials(db);
    if (sample) {
      try {
        cipher.decrypt(sample.envelope, sample.integrationId);
      } catch (error) {
        if (error instanceof CredentialDecryptError) throw new ConfigError([WRONG_KEY]);
        throw error;
      }
    }
  }
  if ((await claimCredentialKeyFingerprint(db, mine, now)) !== mine) throw new ConfigError([WRONG_KEY]);
}
