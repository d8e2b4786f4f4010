import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import { initialMigration } from './migrations/0001-initial.js';
import { accountsMigration } from './migrations/0002-accounts.js';
import { catchUpMigration } from './migrations/0003-catch-up.js';
import { diagnosisMigration } from './migrations/0004-diagnosis.js';
import { rateBudgetsMigration } from './migrations/0005-rate-budgets.js';
import { runWaitsMigration } from './migrations/0006-run-waits.js';
import { operatorSettingsMigration } from './migrations/0007-operator-settings.js';
import { reconciliationMigration } from './migrations/0008-reconciliation.js';
import { directoryMigration } from './migrations/0009-directory.js';
import { runQueueMigration } from './migrations/0010-run-queue.js';
import { ledgerRetentionMigration } from './migrations/0011-ledger-retention.js';
import { notificationsMigration } from './migrations/0012-notifications.js';
import { filePushMigration } from './migrations/0013-file-push.js';
import { oneOpenRunMigration } from './migrations/0014-one-open-run.js';
import { receivedRecordsMigration } from './migrations/0015-received-records.js';
import type { OpenedDatabase } from './open-database.js';

/** Listed in code, not read from a folder, so the same list works from src/ and from dist/. */
function migrations(database: OpenedDatabase): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(database.dialect),
    '0002-accounts': accountsMigration(),
    '0003-catch-up': catchUpMigration(),
    '0004-diagnosis': diagnosisMigration(database.dialect),
    '0005-rate-budgets': rateBudgetsMigration(),
    '0006-run-waits': runWaitsMigration(),
    '0007-operator-settings': operatorSettingsMigration(),
    '0008-reconciliation': reconciliationMigration(),
    '0009-directory': directoryMigration(),
    '0010-run-queue': runQueueMigration(),
    '0011-ledger-retention': ledgerRetentionMigration(),
    '0012-notifications': notificationsMigration(),
    '0013-file-push': filePushMigration(),
    '0014-one-open-run': oneOpenRunMigration(),
    '0015-received-records': receivedRecordsMigration(),
  };
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly code = 'migration_failed';
}

/** Applies every pending migration; returns the names applied. Safe to call at every start. */
export async function migrateToLatest(database: OpenedDatabase): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations(database) },
    // Without it, Kysely looks for its bookkeeping tables in every schema of the database.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
