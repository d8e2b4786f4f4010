/**
 * A conversation as Intake understands it, whatever platform it came from.
 * Connectors turn a platform's record into a ContactDraft; the core never sees raw records.
 */

/** The platform's status folded onto one lifecycle, so status criteria mean the same everywhere. */
export const NORMALISED_STATUSES = ['open', 'pending', 'solved', 'closed', 'deleted'] as const;
export type NormalisedStatus = (typeof NORMALISED_STATUSES)[number];

export type CustomFieldValue = string | number | boolean | null | string[];

/**
 * Descriptive fields a QA reviewer wants to see. Known keys: subject, requester, priority,
 * type, group, direction ('inbound' | 'outbound'), durationSeconds, brand, organization.
 */
export type ContactMetadata = Record<string, string | number | boolean | null>;

export interface ContactDraft {
  /** The platform's own id for the conversation, always a string. */
  sourceRef: string;
  channel: string | null;
  agent: string | null;
  /** The status in the platform's own words ("solved", "4", "done"…). */
  sourceStatus: string;
  status: NormalisedStatus;
  tags: string[];
  customFields: Record<string, CustomFieldValue>;
  /** ISO-8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /**
   * A number that grows every time the platform changes the record (Zendesk's
   * generated_timestamp in ms, an updated_at in ms…). Decides updated vs unchanged.
   */
  version: number;
  metadata: ContactMetadata;
}

/** The fields compared when a newer version of a known contact arrives. */
export const TRACKED_CONTACT_FIELDS = [
  'channel',
  'agent',
  'sourceStatus',
  'status',
  'tags',
  'customFields',
  'createdAt',
  'updatedAt',
  'closedAt',
  'metadata',
] as const satisfies readonly (keyof ContactDraft)[];

export type TrackedContactField = (typeof TRACKED_CONTACT_FIELDS)[number];

/** A contact as it is stored: the draft plus its identity in Intake. */
export interface StoredContact extends ContactDraft {
  id: string;
}
