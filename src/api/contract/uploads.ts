import { z } from 'zod';
import { decisionOutcomeView, runView } from './integrations.js';

// Files uploaded to a file integration, and records pushed to a push integration.

export const uploadPreviewView = z
  .object({
    fileName: z.string(),
    format: z.string().describe('csv or jsonl'),
    encoding: z.string().describe('utf-8, windows-1252 (Latin-1), utf-16le or utf-16be, as read from the file'),
    delimiter: z.string().nullable().describe('The CSV delimiter found in the header row; null for JSON Lines'),
    columns: z.array(z.string()).describe('The header row’s columns (CSV) or the first line’s keys (JSON Lines)'),
    connection: z.record(z.string(), z.unknown()).describe('The connection this upload would use: the saved mapping, or one proposed from the header row'),
    targets: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), help: z.string(), multiple: z.boolean() })).describe('The mapping’s fields, in the order a form asks them'),
    suggested: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])).describe('Each mapping field’s column as guessed from the header row (null: no guess), to start a form from'),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).describe('What stops the import as mapped; rows are decided only without problems'),
    rows: z.array(
      z.object({
        location: z.string().nullable().describe('For a failed row: "row 3 of calls.csv (line 4)"'),
        sourceRef: z.string(),
        outcome: decisionOutcomeView,
        reason: z.string().nullable(),
        field: z.string().nullable(),
        message: z.string().nullable(),
        values: z.record(z.string(), z.unknown()).nullable().describe('What the row was read as: channel, agent, status, created at, tags'),
      }),
    ),
    more: z.boolean().describe('The file goes on after these rows: a preview reads no further, so they are decided only when the file is imported'),
  })
  .meta({ id: 'UploadPreview' });
export type UploadPreviewView = z.infer<typeof uploadPreviewView>;

/** The multipart form's text fields (before the file part). */
export const uploadFieldsSchema = z
  .object({
    connection: z
      .string()
      .max(100_000)
      .optional()
      .describe('JSON: the connection fields to use from this upload on: {"mapping": {...}, "timeZone": "Europe/Paris", "dateOrder": "day_first"}'),
  })
  .strict();

export const pushContactsInputSchema = z
  .object({
    records: z
      .array(z.unknown())
      .min(1, 'needs at least one record')
      .describe(
        'Up to 1,000 records, each {sourceRef, version?, createdAt, updatedAt?, closedAt?, channel?, agent?, status?, tags?, customFields?, metadata?}; times in ISO 8601 with an offset. A record with the reference and version already stored is `unchanged`: retrying a request never duplicates.',
      ),
  })
  .strict();
export type PushContactsInput = z.input<typeof pushContactsInputSchema>;

export const pushedDecisionView = z.object({
  index: z.number().int().describe('The record’s place in `records`, from 0'),
  sourceRef: z.string(),
  outcome: decisionOutcomeView,
  reason: z.string().nullable().describe('Why it was excluded (before_start_date, status_not_eligible, filter, deleted_at_source), or invalid_record'),
  field: z.string().nullable().describe('For a failed record: the field at fault'),
  message: z.string().nullable(),
  contactId: z.string().nullable(),
});

export const pushContactsView = z
  .object({ run: runView, decisions: z.array(pushedDecisionView) })
  .meta({ id: 'PushResult' });
export type PushContactsView = z.infer<typeof pushContactsView>;
