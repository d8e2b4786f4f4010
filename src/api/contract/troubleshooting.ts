import { z } from 'zod';
import { calendarDaySchema } from '../../core/date-input.js';
import { isoInstantInput } from './common.js';
import { contactView } from './contacts.js';
import { decisionView, runView } from './integrations.js';

export const importOneInputSchema = z
  .object({
    sourceRef: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    values: z
      .record(z.string().min(1, 'names no column').max(200, 'must be at most 200 characters'), z.unknown())
      .optional()
      .describe(
        'For a row of an uploaded file or a pushed record that was not imported ("correct and import"): values that replace the kept copy’s, by column (or field); the others stay as received. Without them, the kept copy is imported as it is, read with the integration’s current mapping.',
      ),
  })
  .strict();
export type ImportOneInput = z.input<typeof importOneInputSchema>;

export const manualImportView = z.object({
  run: runView,
  decision: decisionView.nullable(),
  contact: contactView.nullable().describe('Only for callers that also have View Imported Contacts'),
});
export type ManualImportView = z.infer<typeof manualImportView>;

// Checked without building a Date first: "2026-13-01" used to throw out of the check itself.
const day = calendarDaySchema;

export const backfillInputSchema = z
  .object({
    from: day.describe('First creation day to re-read (UTC)'),
    to: day.optional().describe('Day after the last one (exclusive); default: tomorrow'),
    preview: z.boolean().default(false).describe('Count what a backfill would do, write nothing'),
  })
  .strict();
export type BackfillInput = z.input<typeof backfillInputSchema>;

export const supportReportInputSchema = z
  .object({
    integrationId: z.string().min(1, 'is required').max(100),
    // A real calendar day or date-time: "2026-02-30" is refused, not read as 2 March.
    from: isoInstantInput,
    to: isoInstantInput.optional(),
    // Each reference is diagnosed once, in the order given (a repeated one adds nothing).
    sourceRefs: z
      .array(z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'))
      .max(20, 'at most 20 references; attach a second report for more')
      .default([])
      .transform((refs) => [...new Set(refs)]),
  })
  .strict();
export type SupportReportInput = z.input<typeof supportReportInputSchema>;

export const supportReportView = z.object({ report: z.record(z.string(), z.unknown()), markdown: z.string() });
export type SupportReportView = z.infer<typeof supportReportView>;
