import type { BackfillHint, Integration } from '../core/integration.js';
import { checkEligibility } from '../core/eligibility.js';
import { draftFromSnapshot, type EligibilitySnapshot } from '../core/eligibility-snapshot.js';
import type { IntegrationSettings } from '../core/integration-settings.js';
import { listIntegrationDecisions } from '../storage/decision.repository.js';
import type { IntakeServices } from './intake-services.js';

/** Looked at, at most, per settings change: enough for any real hint, bounded for huge ledgers. */
const SCAN_LIMIT = 300_000;
const CHUNK = 5_000;

/**
 * After a settings change: the contacts the ledger saw excluded (and never imported since) that
 * the new settings would import — counted by the old reason, with the creation range to backfill.
 */
export async function computeBackfillHint(services: IntakeServices, integration: Integration, settings: IntegrationSettings): Promise<BackfillHint | null> {
  const latest = new Set<string>();
  const reasons: Record<string, number> = {};
  const fields = new Set<string>();
  let count = 0;
  let seenSince: string | null = null;
  let from: string | null = null;
  let to: string | null = null;
  let beforeId: number | undefined;
  for (let scanned = 0; scanned < SCAN_LIMIT; scanned += CHUNK) {
    const chunk = await listIntegrationDecisions(services.db, integration.id, { beforeId, limit: CHUNK });
    if (chunk.length === 0) break;
    beforeId = Number(chunk.at(-1)!.id);
    for (const decision of chunk) {
      // Newest first: the first decision met for a reference is its current state.
      if (latest.has(decision.sourceRef)) continue;
      latest.add(decision.sourceRef);
      if (decision.outcome !== 'excluded' || decision.reason === 'deleted_at_source') continue;
      const record = decision.evidence.record as EligibilitySnapshot | undefined;
      if (!record) continue;
      if (checkEligibility(draftFromSnapshot(decision.sourceRef, record), settings) !== null) continue;
      count += 1;
      reasons[decision.reason!] = (reasons[decision.reason!] ?? 0) + 1;
      const field = (decision.evidence.condition as { field?: string } | undefined)?.field;
      if (field) fields.add(field);
      if (!seenSince || decision.decidedAt < seenSince) seenSince = decision.decidedAt;
      const created = record.createdAt.slice(0, 10);
      if (!from || created < from) from = created;
      if (!to || created > to) to = created;
    }
  }
  if (count === 0 || !seenSince || !from || !to) return null;
  const toExclusive = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    message: `${count} contact${count === 1 ? '' : 's'} seen since ${longDate(seenSince)} ${count === 1 ? 'was' : 'were'} excluded by ${oldRules(reasons, fields)} and would be imported now. Preview a backfill from ${from} to ${to} to bring ${count === 1 ? 'it' : 'them'} in.`,
    count,
    reasons,
    seenSince,
    from,
    to: toExclusive,
  };
}

function oldRules(reasons: Record<string, number>, fields: Set<string>): string {
  const parts = Object.keys(reasons).map((reason) => {
    if (reason === 'filter') return fields.size === 1 ? `the old ${[...fields][0]!.replace('custom_field.', 'custom field ')} filter` : 'the old filters';
    if (reason === 'status_not_eligible') return 'the old status criteria';
    if (reason === 'before_start_date') return 'the old start date';
    return reason;
  });
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function longDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
