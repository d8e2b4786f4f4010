import { z } from 'zod';
import { contactView } from './contacts.js';
import { isoTimestamp } from './common.js';
import { decisionOutcomeView, decisionView } from './integrations.js';

export const diagnosisQuerySchema = z
  .object({
    sourceRef: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    integrationId: z.string().max(100).optional().describe('Diagnose under this integration only'),
  })
  .strict();
export type DiagnosisQuery = z.input<typeof diagnosisQuerySchema>;

export const DIAGNOSIS_STEP_KEYS = ['integration_status', 'eligibility', 'duplicates', 'rate_limits_and_pauses', 'manual_import'] as const;
export const DIAGNOSIS_CAUSES = [
  'imported',
  'imported_elsewhere',
  'excluded_by_filter',
  'before_start_date',
  'status_not_eligible',
  'deleted_at_source',
  'not_seen_yet',
  'integration_paused',
  'integration_failing',
  'rate_limited',
  'unknown_reference',
  'record_failed',
  'would_import',
  'undetermined',
] as const;
export type DiagnosisCause = (typeof DIAGNOSIS_CAUSES)[number];

export const diagnosisActionView = z.object({
  kind: z.enum(['open_contact', 'open_integration', 'reconnect', 'resume', 'manual_import', 'backfill', 'edit_settings', 'support_report', 'wait']),
  label: z.string().describe('Button text, e.g. "Import this conversation now"'),
  integrationId: z.string().nullable(),
  contactId: z.string().nullable(),
  /** For backfills: the suggested range. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type DiagnosisActionView = z.infer<typeof diagnosisActionView>;

export const diagnosisStepView = z.object({
  key: z.enum(DIAGNOSIS_STEP_KEYS),
  title: z.string(),
  verdict: z.enum(['ok', 'problem', 'not_applicable', 'unknown']),
  /** One or two sentences in plain words. */
  summary: z.string(),
  /** The facts behind the verdict (decision evidence, status, checkpoint, dry-run result). */
  evidence: z.record(z.string(), z.unknown()),
  action: diagnosisActionView.nullable(),
});
export type DiagnosisStepView = z.infer<typeof diagnosisStepView>;

export const diagnosisView = z
  .object({
    sourceRef: z.string(),
    integration: z
      .object({ id: z.string(), name: z.string(), platform: z.string(), platformName: z.string(), sourceAccount: z.string() })
      .nullable()
      .describe('Where this diagnosis looked: a reference means one conversation only with its platform and source account'),
    cause: z.enum(DIAGNOSIS_CAUSES),
    /** The cause in one sentence. */
    verdict: z.string(),
    action: diagnosisActionView.nullable(),
    steps: z.array(diagnosisStepView),
    contact: contactView.nullable().describe('The imported contact; only for readers with View Imported Contacts'),
    decisions: z.array(decisionView).describe("This integration's decisions about the reference, newest first"),
    /** What the source said when asked directly (a dry run against today's settings), if it was asked. */
    liveCheck: z
      .object({ found: z.boolean(), wouldBe: decisionOutcomeView.nullable(), reason: z.string().nullable(), evidence: z.record(z.string(), z.unknown()) })
      .nullable(),
    received: z
      .object({
        location: z.string().describe('"row 3 of weekly-calls.csv (line 4)", "record 2 of the batch"'),
        receivedAt: isoTimestamp,
        values: z.record(z.string(), z.unknown()).nullable().describe('The row’s values as received; only for readers with View Imported Contacts'),
      })
      .nullable()
      .describe('For a file or push integration: the copy Intake kept of the row or record that was not imported, which a manual import reads again (with today’s mapping, or corrected); null when none is kept'),
    diagnosedAt: isoTimestamp,
  })
  .meta({ id: 'Diagnosis' });
export type DiagnosisView = z.infer<typeof diagnosisView>;

export const referenceDiagnosesView = z
  .object({
    sourceRef: z.string(),
    /** One sentence over every integration's answer. */
    summary: z.string(),
    diagnoses: z
      .array(diagnosisView)
      .describe('One per integration that could hold the reference (with `integrationId`, that one); one without an integration when none could'),
    diagnosedAt: isoTimestamp,
  })
  .meta({ id: 'ReferenceDiagnoses' });
export type ReferenceDiagnosesView = z.infer<typeof referenceDiagnosesView>;
