import { pruneDecisions } from '../storage/decision.repository.js';
import type { IntakeServices } from './intake-services.js';

/** Applies the ledger retention: decisions older than `days`, but never a reference's latest. */
export async function pruneLedger(services: IntakeServices, days: number): Promise<number> {
  const cutoff = new Date(services.clock.now().getTime() - days * 86_400_000);
  let total = 0;
  for (;;) {
    const deleted = await pruneDecisions(services.db, cutoff);
    total += deleted;
    if (deleted === 0) break;
  }
  if (total > 0) services.logger.info({ deleted: total, retentionDays: days }, `ledger retention: removed ${total} decision(s) older than ${days} days (each reference keeps its latest)`);
  return total;
}
