import { pingDatabase } from '../storage/open-database.js';
import type { IntakeServices } from './intake-services.js';

/** Liveness for /healthz: whether the database answers, and which one. */
export async function checkHealth(services: IntakeServices): Promise<{ ok: true; database: string } | { ok: false; reason: string }> {
  try {
    await pingDatabase(services.db);
    return { ok: true, database: services.dialect };
  } catch {
    return { ok: false, reason: 'the database does not answer' };
  }
}
