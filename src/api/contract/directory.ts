import { z } from 'zod';
import { isoTimestamp } from './common.js';

/** One agent or custom field as the platform lists it. */
export const directoryEntryView = z
  .object({
    id: z.string().describe('What contacts carry: the agent id, the custom field key (what filters store)'),
    name: z.string().describe('As the platform shows it'),
    detail: z.string().nullable().describe("An agent's email, a field's type"),
    firstSeenAt: isoTimestamp,
    lastSeenAt: isoTimestamp,
    goneAt: isoTimestamp.nullable().describe('When the platform stopped listing it (deleted, deactivated); null while listed'),
  })
  .meta({ id: 'DirectoryEntry' });
export type DirectoryEntryView = z.infer<typeof directoryEntryView>;

export const integrationDirectoryView = z
  .object({
    integrationId: z.string(),
    platformName: z.string(),
    supported: z.boolean().describe('The platform lists agents and custom fields by name'),
    refreshedAt: isoTimestamp.nullable().describe('The last time the platform was read in full; refreshed daily after a successful scheduled run'),
    attemptedAt: isoTimestamp.nullable(),
    error: z.object({ category: z.string(), message: z.string() }).nullable().describe('Why the last attempt failed; null after a successful one'),
    agents: z.array(directoryEntryView),
    customFields: z.array(directoryEntryView).nullable().describe('Only for callers with Manage Integrations'),
  })
  .meta({ id: 'IntegrationDirectory' });
export type IntegrationDirectoryView = z.infer<typeof integrationDirectoryView>;

/** A filter condition the directory shows to be stale: it no longer filters as intended. */
export const settingsProblemView = z
  .object({
    kind: z.enum(['custom_field_gone', 'custom_field_unlisted', 'agent_gone', 'agent_unlisted']),
    conditionIndex: z.number().int().describe('Index in settings.filters'),
    id: z.string().describe('The custom field key or agent id at fault'),
    since: isoTimestamp.nullable().describe('When the platform stopped listing it'),
    message: z.string().describe('What is wrong and what to do, naming the condition'),
  })
  .meta({ id: 'SettingsProblem' });

/** The names a filter condition was saved with, for display (filters compare ids). */
export const conditionNamesView = {
  label: z.string().optional().describe("A custom field condition: the field's name when it was saved"),
  valueLabels: z.array(z.string()).optional().describe("An agent condition: each agent's name when it was saved, in the order of the values"),
};
