import { z } from 'zod';

/** The report Intake reads, and the scopes its OAuth client needs (create jobs, read them). */
export const TALKDESK_REPORT = 'calls';
export const TALKDESK_SCOPES = ['data-reports:read', 'data-reports:write'] as const;

/** Job states as "Check a report status" lists them; Airbyte waits for "completed", so that is done too. */
export const TALKDESK_DONE_STATES = ['done', 'completed'];
export const TALKDESK_PENDING_STATES = ['created', 'processing', 'uploading', 'sending'];
export const TALKDESK_ENDED_STATES = ['failed', 'canceled', 'deleted'];

/** Call types of the calls report. */
export const TALKDESK_CALL_TYPES = ['inbound', 'outbound', 'missed', 'abandoned', 'short_abandoned', 'voicemail', 'outbound_missed'] as const;

const jobFields = z.object({
  id: z.string().min(1),
  status: z.string(),
  error: z.string().nullish(),
  message: z.string().nullish(),
});
/** The 202 of "Execute a report" and a status answer: the job at the top level, or under `job` (Airbyte reads `job.id`). */
export const talkdeskJobSchema = z.union([z.object({ job: jobFields }).transform((b) => b.job), jobFields]);
export type TalkdeskJob = z.infer<typeof jobFields>;

/** The report file: `{type, version, entries, total}`; `_links.next` followed when present. */
export const talkdeskReportFileSchema = z.object({
  entries: z.array(z.unknown()),
  total: z.number().int().nonnegative().optional(),
  _links: z.object({ next: z.object({ href: z.string() }).nullish() }).partial().nullish(),
});

/** A Talkdesk time: ISO (`2026-04-23T10:22:50Z`) or, in entries before 2026-05-11, `2016-01-29 10:22:14` (UTC). */
const talkdeskTime = z
  .string()
  .refine((v) => Number.isFinite(parseTalkdeskTime(v)), 'is not a date and time')
  .transform((v) => parseTalkdeskTime(v));

const optionalTime = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (v ? parseTalkdeskTime(v) : Number.NaN))
  .transform((v) => (Number.isFinite(v) ? v : null));

/** One calls-report entry (current field names; older ones are renamed first, see `currentCallShape`). */
export const talkdeskCallSchema = z.object({
  call_id: z.string().min(1, 'is empty'),
  type: z.string().min(1),
  start_at: talkdeskTime,
  end_at: talkdeskTime,
  user_id: z.string().nullish(),
  user_email: z.string().nullish(),
  handling_user_id: z.string().nullish(),
  talk_time: z.number().nullish(),
  wait_time: z.number().nullish(),
  hold_time: z.number().nullish(),
  total_time: z.number().nullish(),
  disposition_code: z.string().nullish(),
  notes: z.string().nullish(),
  ring_groups: z.string().nullish(),
  team_id: z.string().nullish(),
  team_name: z.string().nullish(),
  is_transfer: z.boolean().nullish(),
  csat_score: z.number().nullish(),
  csat_survey_time: optionalTime,
  contact_phone_number: z.string().nullish(),
  talkdesk_phone_display_name: z.string().nullish(),
});
export type TalkdeskCall = z.infer<typeof talkdeskCallSchema>;

export function parseTalkdeskTime(value: string): number {
  const text = value.trim();
  if (text === '') return Number.NaN;
  // "2016-01-29 10:22:14" (older format) is UTC; ISO without a zone is taken as UTC too.
  const iso = text.includes('T') ? text : text.replace(' ', 'T');
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

/** Entries written before 2026-05-11 name the id `interaction_id` and the times `start_time`/`end_time`. */
export function currentCallShape(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const entry = raw as Record<string, unknown>;
  if ('call_id' in entry || !('interaction_id' in entry)) return raw;
  const { interaction_id: id, call_type: type, start_time: start, end_time: end, ...rest } = entry;
  return { ...rest, call_id: id, type: type ?? rest.type, start_at: start, end_at: end };
}

/** Talkdesk API errors `{code, description, message, fields[]}`; token errors `{error, error_description}`. */
export const talkdeskApiErrorSchema = z.object({ code: z.union([z.string(), z.number()]).optional(), message: z.string().optional(), description: z.string().optional() });
export const talkdeskTokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });
export const talkdeskTokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional(), scope: z.string().optional() });
