import { z } from 'zod';
import { OUTCOMES } from '../../core/decision.js';
import { ERROR_CATEGORIES } from '../../core/source-error.js';
import { ELIGIBLE_STATUS_CHOICES, integrationSettingsSchema } from '../../core/integration-settings.js';
import { FILTER_OPERATORS } from '../../core/filter-condition.js';
import { RUN_KINDS, RUN_STATUSES, RUN_WAIT_KINDS } from '../../core/run.js';
import { isoTimestamp } from './common.js';
import { backfillHintView, integrationStatusView } from './health.js';

export const decisionOutcomeView = z.enum(OUTCOMES);
export type DecisionOutcome = z.infer<typeof decisionOutcomeView>;
import { conditionNamesView, settingsProblemView } from './directory.js';

export const filterConditionView = z.object({
  field: z.string().describe('channel, agent, status, tag or custom_field.<name>'),
  operator: z.enum(FILTER_OPERATORS),
  value: z.union([z.string(), z.array(z.string())]).optional(),
  ...conditionNamesView,
});

export const settingsView = z
  .object({
    startDate: z.string().describe('Contacts created before this day (UTC) are not imported'),
    statusCriteria: z.array(z.enum(ELIGIBLE_STATUS_CHOICES)).describe('Eligible statuses'),
    filters: z.array(filterConditionView).describe('Conditions a contact must all meet'),
    intervalMinutes: z.number().int(),
    noImportAlertHours: z.number().int().nullable().describe('An alert opens when nothing was imported for this many hours (null: off)'),
  })
  .meta({ id: 'IntegrationSettings' });
export type SettingsView = z.infer<typeof settingsView>;
export type FilterConditionView = z.infer<typeof filterConditionView>;

export const lastErrorView = z
  .object({
    category: z.enum([...ERROR_CATEGORIES, 'internal']),
    message: z.string().describe('Written for a QA admin: what happened and what to do'),
    at: isoTimestamp,
    runId: z.string(),
    resumeAt: isoTimestamp.nullable().describe('For rate limits: when the source accepts requests again'),
    detail: z.record(z.string(), z.unknown()).describe('Raw evidence for support: HTTP status, platform error code, request id'),
  })
  .meta({ id: 'LastError' });
export type LastErrorView = z.infer<typeof lastErrorView>;

export const runCountsView = z.object({
  seen: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  excluded: z.number().int(),
  failed: z.number().int(),
  reasons: z.record(z.string(), z.number().int()).describe('Excluded and failed records by reason'),
});
export type RunCountsView = z.infer<typeof runCountsView>;

export const sourceUsageView = z
  .object({ requests: z.number().int(), throttled: z.number().int().describe('Answers 429 Too Many Requests'), rateLimitedMs: z.number().int() })
  .describe('What the run cost at the source; kept up to date while it runs');

export const runWaitView = z
  .object({
    kind: z.enum(RUN_WAIT_KINDS).describe("budget: the platform's rate limit is used up for this window; retry_after: the platform answered 429 and said when to come back; backoff: a transient failure is retried after a pause; report: the platform is preparing a report the run asked for"),
    since: isoTimestamp,
    until: isoTimestamp.describe('When the next request goes out'),
    reason: z.string().describe('In words, naming the platform and its limit: "Zendesk allows 10 requests a minute — next request at 08:14:20 UTC"'),
  })
  .meta({ id: 'RunWait' });

export const activeRunView = z
  .object({
    id: z.string(),
    kind: z.enum(RUN_KINDS),
    startedAt: isoTimestamp,
    pages: z.number().int(),
    counts: runCountsView,
    source: sourceUsageView,
    wait: runWaitView.nullable().describe('What the run is waiting for right now; null while it is not waiting'),
  })
  .meta({ id: 'ActiveRun' });

export const integrationView = z
  .object({
    id: z.string(),
    name: z.string(),
    platform: z.string(),
    platformName: z.string(),
    sourceAccount: z.string(),
    status: integrationStatusView,
    statusSince: isoTimestamp,
    lastError: lastErrorView.nullable(),
    lastRanAt: isoTimestamp.nullable(),
    lastDataImportedAt: isoTimestamp.nullable(),
    nextRunAt: isoTimestamp.nullable(),
    running: z.boolean(),
    activeRun: activeRunView.nullable().describe('The run in flight — the scheduled or manual run, else a backfill: what it has read so far and what it waits for'),
    pause: z.object({ at: isoTimestamp, by: z.string(), note: z.string().nullable() }).nullable(),
    credentials: z
      .object({ set: z.boolean(), updatedAt: isoTimestamp.nullable(), sourceAccount: z.string() })
      .describe('Write-only: whether they are set, when they changed, the account they authenticate — never their values'),
    connection: z.record(z.string(), z.unknown()).describe('Non-secret connection settings (subdomain, base URL)'),
    settings: settingsView,
    checkpoint: z.string().nullable().describe("The connector's opaque cursor"),
    checkpointReachedAt: isoTimestamp.nullable().describe('Every change at the source up to this time has been read'),
    backfillHint: backfillHintView.nullable().describe('After a settings change that would now include contacts excluded before'),
    settingsProblems: z.array(settingsProblemView).describe('Filter conditions that no longer fit the platform (a custom field it no longer lists): they stop filtering as intended'),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .meta({ id: 'Integration' });
export type IntegrationView = z.infer<typeof integrationView>;

export const runView = z
  .object({
    id: z.string(),
    integrationId: z.string(),
    kind: z.enum(RUN_KINDS),
    status: z.enum(RUN_STATUSES).describe('queued: waiting for a process to take it; running: in a process; then how it ended'),
    queuedAt: isoTimestamp.describe('When it was asked for'),
    startedAt: isoTimestamp.describe('When a process took it (the same as queuedAt while it waits)'),
    finishedAt: isoTimestamp.nullable(),
    heartbeatAt: isoTimestamp,
    window: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    sourceRef: z.string().nullable().describe('A single import: the reference it imported'),
    fileName: z.string().nullable().describe('An upload: the name of the file it read'),
    checkpointBefore: z.string().nullable(),
    checkpointAfter: z.string().nullable(),
    pages: z.number().int(),
    counts: runCountsView,
    source: sourceUsageView,
    wait: runWaitView.nullable().describe('While it runs: what it is waiting for (a rate limit, a Retry-After, a retry), until when and why; null otherwise'),
    error: z
      .object({
        category: z.string(),
        message: z.string(),
        transient: z.boolean(),
        detail: z.record(z.string(), z.unknown()),
        resumeAt: z.string().nullable(),
      })
      .nullable(),
    stoppedBy: z.string().nullable(),
    requestedBy: z.string().nullable(),
    dryRun: z.boolean().describe('A backfill preview: counts what a backfill would do, writes nothing'),
    progress: z
      .object({
        fraction: z.number().min(0).max(1),
        reachedAt: isoTimestamp.nullable().describe('How far through the source the run has read'),
        etaSeconds: z.number().nullable(),
      })
      .nullable()
      .describe('For backfills while they run'),
    estimate: z
      .object({ requests: z.number().int(), seconds: z.number(), rateLimit: z.string() })
      .nullable()
      .describe('For previews: the source requests a backfill of this range needs and the time that takes under the rate limit'),
    catchUp: z
      .object({ since: isoTimestamp, recovered: z.number().int() })
      .nullable()
      .describe('A run after an outage: when it began and how many contacts this run recovered'),
  })
  .meta({ id: 'Run' });
export type RunView = z.infer<typeof runView>;

export const decisionView = z
  .object({
    id: z.string(),
    runId: z.string(),
    integrationId: z.string(),
    integrationName: z.string().nullable(),
    sourceRef: z.string(),
    outcome: decisionOutcomeView,
    reason: z.string().nullable(),
    evidence: z.record(z.string(), z.unknown()),
    contactId: z.string().nullable(),
    sourceVersion: z.number().nullable(),
    sourceUpdatedAt: z.string().nullable(),
    decidedAt: isoTimestamp,
  })
  .meta({ id: 'Decision' });
export type DecisionView = z.infer<typeof decisionView>;

const platformFieldView = z
  .object({
    key: z.string().describe('The key in `connection` or `credentials`; field errors name it as `connection.<key>` / `credentials.<key>`'),
    label: z.string(),
    help: z.string().nullable(),
    placeholder: z.string().nullable(),
    kind: z.enum(['text', 'url', 'email', 'secret']).describe('secret: write-only, never returned'),
    required: z.boolean(),
    advanced: z.boolean().describe('Folded away in a form (a base URL for proxies and simulators)'),
    options: z.array(z.object({ value: z.string(), label: z.string() })).nullable().describe('The only values it takes (a select), or null for free input'),
  })
  .meta({ id: 'PlatformField' });

export const platformView = z
  .object({
    id: z.string(),
    name: z.string(),
    referenceName: z.string(),
    connectionSchema: z.record(z.string(), z.unknown()).describe('JSON Schema of the connection settings'),
    credentialsSchema: z.record(z.string(), z.unknown()).describe('JSON Schema of the credentials'),
    presentation: z.object({
      noun: z.object({ one: z.string(), many: z.string() }).describe('What one conversation is called: ticket, conversation, call'),
      mark: z.object({ letters: z.string(), colour: z.string() }).describe('A badge: letters in white on this colour'),
      summary: z.string(),
      connectionFields: z.array(platformFieldView).describe('In the order a form asks for them'),
      credentialVariants: z
        .array(z.object({ kind: z.string().nullable().describe('The value of `credentials.kind`; null when the credentials have no kind'), label: z.string(), help: z.string().nullable(), fields: z.array(platformFieldView) }))
        .describe('Ways to authenticate; empty when the platform takes no credentials'),
      statuses: z.array(z.object({ value: z.string(), label: z.string(), normalised: z.string() })).describe("The platform's status words, each folded onto Intake's lifecycle"),
      channels: z.array(z.string()),
      errorFixes: z.record(z.string(), z.string()).describe('What to do about an error category on this platform, where it differs from the general advice'),
    }),
    capabilities: z.object({
      credentialsNeeded: z.boolean(),
      fetchOne: z.boolean().describe('One conversation can be imported by reference'),
      backfill: z.boolean(),
      detectsDeletions: z.boolean(),
      directory: z.boolean().describe('Agents and custom fields can be listed by name'),
      uploads: z.boolean().describe('Contacts arrive as uploaded CSV or JSON Lines files (POST /integrations/{id}/uploads)'),
      push: z.boolean().describe('Contacts arrive pushed to the API (POST /integrations/{id}/contacts)'),
    }),
    starter: z.object({ name: z.string() }).nullable().describe('A ready-made integration of this platform Intake can add without asking anything (POST /integrations/starter)'),
  })
  .meta({ id: 'Platform' });
export type PlatformView = z.infer<typeof platformView>;

export const platformListView = z.object({ platforms: z.array(platformView) });
export type PlatformListView = z.infer<typeof platformListView>;

export const integrationListView = z.object({ integrations: z.array(integrationView) });
export type IntegrationListView = z.infer<typeof integrationListView>;

export const customFieldsView = z.object({ customFields: z.record(z.string(), z.array(z.string())).describe('Each field with sample values') });
export type CustomFieldsView = z.infer<typeof customFieldsView>;

// ---- requests --------------------------------------------------------------------------------

export const integrationNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[^\u0000-\u001f]*$/, 'must not contain control characters');

/** Settings as a caller may send them: every field optional, defaults filled in. */
export const settingsInputSchema = integrationSettingsSchema.partial().strict();
export type SettingsInput = z.input<typeof settingsInputSchema>;

/** Adds a platform's starter integration (POST /integrations/starter): it asks nothing but may be renamed or set up. */
export const starterIntegrationInputSchema = z
  .object({
    platform: z.string().trim().min(1, 'must name a platform that offers a starter integration'),
    name: integrationNameSchema.optional(),
    settings: settingsInputSchema.optional(),
  })
  .strict();
export type StarterIntegrationInput = z.input<typeof starterIntegrationInputSchema>;

/** A platform's connection and credentials are checked by the service against that platform's own schemas. */
export const newIntegrationInputSchema = z
  .object({
    platform: z.string().trim().min(1, 'must name a platform, e.g. zendesk'),
    name: integrationNameSchema,
    connection: z.record(z.string(), z.unknown()).default({}),
    credentials: z.record(z.string(), z.unknown()).optional(),
    settings: settingsInputSchema.default({}),
  })
  .strict();
export type NewIntegrationInput = z.input<typeof newIntegrationInputSchema>;

export const integrationPatchSchema = z
  .object({
    name: integrationNameSchema.optional(),
    settings: settingsInputSchema.optional(),
    connection: z.record(z.string(), z.unknown()).optional(),
    credentials: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type IntegrationPatchInput = z.input<typeof integrationPatchSchema>;

export const reconnectInputSchema = z.object({ credentials: z.record(z.string(), z.unknown()), connection: z.record(z.string(), z.unknown()).optional() }).strict();
export type ReconnectInput = z.input<typeof reconnectInputSchema>;

export const deleteIntegrationInputSchema = z.object({ confirm: z.string().max(200).describe("The integration's name") }).strict();
export type DeleteIntegrationInput = z.input<typeof deleteIntegrationInputSchema>;

export const pauseInputSchema = z.object({ note: z.string().trim().max(500).optional() }).strict();
export type PauseInput = z.input<typeof pauseInputSchema>;
