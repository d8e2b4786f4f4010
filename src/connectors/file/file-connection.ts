import { IANAZone } from 'luxon';
import { z } from 'zod';

/** A column name of the uploaded file (or a key of its JSON lines). */
const column = z.string().trim().min(1, 'must name a column').max(200, 'must be at most 200 characters');

/**
 * Which column holds what. Only the reference and the creation time are required; every column
 * not mapped is kept as the contact's metadata.
 */
export const fileMappingSchema = z
  .object({
    sourceRef: column,
    createdAt: column,
    updatedAt: column.nullable().default(null),
    closedAt: column.nullable().default(null),
    channel: column.nullable().default(null),
    agent: column.nullable().default(null),
    status: column.nullable().default(null),
    tags: column.nullable().default(null),
    customFields: z.array(column).max(100, 'at most 100 custom fields').default([]),
  })
  .strict();
export type FileMapping = z.infer<typeof fileMappingSchema>;

export const fileConnectionSchema = z
  .object({
    /** Where the files come from ("in-house telephony"): the source account of the dedup key. */
    source: z.string().trim().min(1, 'must name where the files come from').max(100, 'must be at most 100 characters'),
    /** The zone of dates written without an offset ("2026-03-03 14:05"). */
    timeZone: z
      .string()
      .trim()
      .default('UTC')
      .refine((zone) => IANAZone.isValidZone(zone), { message: 'must be a time zone name such as UTC, Europe/Paris or America/New_York' }),
    /** How 03/04/2026 reads: 3 April (day first) or March 4 (month first). */
    dateOrder: z.enum(['day_first', 'month_first']).default('day_first'),
    /** Set from the first upload on (proposed from the header row, confirmed by whoever uploads). */
    mapping: fileMappingSchema.nullable().default(null),
  })
  .strict();
export type FileConnection = z.infer<typeof fileConnectionSchema>;

/** The mapping's fields in the order a form asks them, with what each means. */
export const FILE_MAPPING_TARGETS: Array<{ key: keyof FileMapping; label: string; required: boolean; help: string }> = [
  { key: 'sourceRef', label: 'Source reference', required: true, help: 'The id of the conversation in the system the file comes from (call id, ticket number). Unique per conversation.' },
  { key: 'createdAt', label: 'Created at', required: true, help: 'When the conversation started. The start date is checked against it.' },
  { key: 'updatedAt', label: 'Updated at', required: false, help: 'When it last changed; the creation time when left out.' },
  { key: 'closedAt', label: 'Closed at', required: false, help: 'When it ended or was closed.' },
  { key: 'channel', label: 'Channel', required: false, help: 'phone, chat, email… (filters can use it).' },
  { key: 'agent', label: 'Agent', required: false, help: 'Who handled it.' },
  { key: 'status', label: 'Status', required: false, help: 'The file’s own status word; without it every row counts as closed.' },
  { key: 'tags', label: 'Tags', required: false, help: 'Separated by commas, semicolons or |; a JSON array in JSON Lines.' },
  { key: 'customFields', label: 'Custom fields', required: false, help: 'Columns kept as custom fields (filters can use them); every other column is kept as metadata.' },
];
