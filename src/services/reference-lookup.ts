import type { Caller } from '../accounts/caller.js';
import { findContactsByRef, type ImportedContact } from '../storage/contact.repository.js';
import { listDecisionsByRef, type RecordedDecision } from '../storage/decision.repository.js';
import { platformOf } from './build-connector.js';
import type { DiagnosedIntegration } from './diagnose-reference.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration, listWorkspaceIntegrations } from './manage-integrations.js';
import { contactVisibleTo, decisionVisibleTo } from './visible-to.js';

/** What one integration holds under a reference: the contact of its account, and its own decisions. */
export interface ReferenceMatch {
  /** Null for a contact whose integration was deleted and no other reads its account. */
  integration: DiagnosedIntegration | null;
  platform: string;
  sourceAccount: string;
  contact: ImportedContact | null;
  decisions: RecordedDecision[];
}

/**
 * Everything the ledger knows about a source reference, grouped by integration: in each source
 * account the reference is a different conversation, so each group carries only its own contact
 * and its own decisions. Never asks a source.
 */
export async function lookUpReference(services: IntakeServices, caller: Caller, query: { sourceRef: string; integrationId?: string }): Promise<ReferenceMatch[]> {
  const only = query.integrationId ? (await getIntegration(services, caller.workspaceId, query.integrationId)).id : null;
  const integrations = (await listWorkspaceIntegrations(services, caller.workspaceId)).filter((i) => !only || i.id === only);
  const contacts = await findContactsByRef(services.db, caller.workspaceId, query.sourceRef);
  const decisions = await listDecisionsByRef(services.db, caller.workspaceId, query.sourceRef, { integrationId: only ?? undefined, limit: 500 });
  const known = new Set(integrations.map((i) => i.id));
  const orphan = (c: ImportedContact) => c.integrationId === null || !known.has(c.integrationId);
  const claimed = new Set<ImportedContact>();
  const matches: ReferenceMatch[] = [];
  for (const integration of integrations) {
    const own = decisions.filter((d) => d.integrationId === integration.id);
    const contact = contacts.find((c) => c.platform === integration.platform && c.sourceAccount === integration.sourceAccount) ?? null;
    if (own.length === 0 && !(contact && (contact.integrationId === integration.id || orphan(contact)))) continue;
    if (contact) claimed.add(contact);
    const platform = platformOf(services, integration.platform);
    matches.push({
      integration: { id: integration.id, name: integration.name, platform: integration.platform, platformName: platform.displayName, sourceAccount: integration.sourceAccount },
      platform: integration.platform,
      sourceAccount: integration.sourceAccount,
      contact: contactVisibleTo(caller, contact),
      decisions: own.map((d) => decisionVisibleTo(caller, d)),
    });
  }
  if (!only) {
    for (const contact of contacts.filter((c) => !claimed.has(c) && orphan(c))) {
      matches.push({ integration: null, platform: contact.platform, sourceAccount: contact.sourceAccount, contact: contactVisibleTo(caller, contact), decisions: [] });
    }
  }
  return matches;
}
