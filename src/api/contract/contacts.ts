import { z } from 'zod';
import { isoInstantInput, isoTimestamp } from './common.js';
import { decisionView } from './integrations.js';

export const contactView = z
  .object({
    id: z.string(),
    integrationId: z.string().nullable(),
    integrationName: z.string().nullable().describe('So people with View Imported Contacts alone can tell where it came from'),
    platform: z.string(),
    sourceAccount: z.string(),
    sourceRef: z.string(),
    channel: z.string().nullable(),
    agent: z.string().nullable(),
    sourceStatus: z.string(),
    status: z.string(),
    tags: z.array(z.string()),
    customFields: z.record(z.string(), z.unknown()),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
    closedAt: isoTimestamp.nullable(),
    version: z.number(),
    metadata: z.record(z.string(), z.unknown()),
    importedAt: isoTimestamp,
    refreshedAt: isoTimestamp,
    firstRunId: z.string(),
    lastRunId: z.string(),
  })
  .meta({ id: 'Contact' });
export type ContactView = z.infer<typeof contactView>;

const text = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const contactQuerySchema = z
  .object({
    sourceRef: text.optional().describe('Exact source reference (ticket id, call id, conversation id)'),
    integrationId: text.optional(),
    channel: text.optional(),
    agent: text.optional().describe("The agent's name as the integration's directory lists it (any case), or the id the platform sends"),
    status: text.optional().describe('Normalised (open, pending, solved, closed, deleted) or the platform word'),
    tag: text.optional(),
    importedFrom: isoInstantInput.optional(),
    importedTo: isoInstantInput.optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number<number | string>().int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional(),
  })
  .strict();
export type ContactQuery = z.input<typeof contactQuerySchema>;

export const contactPageView = z.object({
  contacts: z.array(contactView),
  nextCursor: z.string().nullable(),
  total: z.number().int().nullable().describe('Contacts matching the filters; on the first page only'),
});
export type ContactPageView = z.infer<typeof contactPageView>;

/** An integration as a source of contacts: where a reference gets its meaning. */
export const contactSourceView = z
  .object({ id: z.string(), name: z.string(), platform: z.string(), platformName: z.string(), sourceAccount: z.string() })
  .meta({ id: 'ContactSource' });
export type ContactSourceView = z.infer<typeof contactSourceView>;

export const contactSourceListView = z.object({ integrations: z.array(contactSourceView) });
export type ContactSourceListView = z.infer<typeof contactSourceListView>;

export const decisionsQuerySchema = z
  .object({ sourceRef: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'), integrationId: z.string().max(100).optional() })
  .strict();
export type DecisionsQuery = z.input<typeof decisionsQuerySchema>;

export const decisionListView = z.object({ decisions: z.array(decisionView) });
export type DecisionListView = z.infer<typeof decisionListView>;
