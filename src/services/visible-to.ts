import type { Caller } from '../accounts/caller.js';
import type { Decision } from '../core/decision.js';
import { evidenceVisibleTo, visibilityFor } from '../core/evidence-visibility.js';
import type { ImportedContact } from '../storage/contact.repository.js';

/**
 * The one place that decides what a caller sees of contacts and decisions (README, "Security"):
 * a conversation's own data needs View Imported Contacts, an integration's rules need Manage
 * Integrations. Every service that hands contacts or decisions to a shell passes them through here.
 */
export function decisionVisibleTo<T extends Decision>(caller: Caller, decision: T): T {
  return { ...decision, evidence: evidenceVisibleTo(decision.evidence, visibilityFor(caller.permissions)) };
}

/** The contact, or null for a caller without View Imported Contacts (the decision still links it by id). */
export function contactVisibleTo<T extends ImportedContact>(caller: Caller, contact: T | null): T | null {
  return contact && visibilityFor(caller.permissions).contacts ? contact : null;
}
