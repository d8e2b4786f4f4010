import { z } from 'zod';

/**
 * Aircall's wire format (Public API v1). Objects are loose: Aircall adds fields over time and that
 * must not break an import; only what Intake reads is checked. Times are unix seconds.
 */

const unixSeconds = z.number({ message: 'must be a unix time in seconds' }).int('must be a unix time in whole seconds').nonnegative('must be a unix time in seconds');

export const AIRCALL_STATUSES = ['initial', 'answered', 'done'] as const;
export type AircallStatus = (typeof AIRCALL_STATUSES)[number];

/** Why an inbound call was not answered, as Aircall words it; kept on the contact. */
export const AIRCALL_MISSED_CALL_REASONS = ['out_of_opening_hours', 'short_abandoned', 'abandoned_in_ivr', 'abandoned_in_classic', 'no_available_agent', 'agents_did_not_answer'] as const;

export const aircallCallSchema = z.looseObject({
  id: z.number().int().positive(),
  direction: z.string().nullish(),
  status: z.string(),
  started_at: unixSeconds,
  answered_at: unixSeconds.nullish(),
  ended_at: unixSeconds.nullish(),
  duration: z.number().nullish(),
  missed_call_reason: z.string().nullish(),
  raw_digits: z.string().nullish(),
  archived: z.boolean().nullish(),
  /** The agent; null on calls nobody answered. */
  user: z.looseObject({ id: z.number().int(), name: z.string().nullish(), email: z.string().nullish() }).nullish(),
  number: z.looseObject({ id: z.number().int(), name: z.string().nullish(), digits: z.string().nullish() }).nullish(),
  contact: z.looseObject({ id: z.number().int() }).nullish(),
  teams: z.array(z.looseObject({ id: z.number().int(), name: z.string().nullish() })).nullish(),
  tags: z
    .array(z.looseObject({ id: z.number().int(), name: z.string(), created_at: unixSeconds.nullish() }))
    .nullish()
    .transform((tags) => tags ?? []),
  comments: z
    .array(z.looseObject({ id: z.number().int(), posted_at: unixSeconds.nullish() }))
    .nullish()
    .transform((comments) => comments ?? []),
});
export type AircallCall = z.infer<typeof aircallCallSchema>;

export const aircallMetaSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  current_page: z.number().int().positive(),
  per_page: z.number().int().positive(),
  next_page_link: z.string().nullable(),
  previous_page_link: z.string().nullable().optional(),
});

/** A list answers `{calls: [...], meta: {...}}`; calls are checked one by one. */
export const aircallListSchema = z.looseObject({ calls: z.array(z.unknown()), meta: aircallMetaSchema });

export const aircallShowSchema = z.looseObject({ call: z.unknown() });

/** `GET /v1/users`: the company's users (the agents calls name), paged like calls. */
export const aircallUserListSchema = z.looseObject({
  users: z.array(z.looseObject({ id: z.number().int(), name: z.string().nullish(), email: z.string().nullish() })),
  meta: aircallMetaSchema,
});

export const aircallCompanySchema = z.looseObject({ company: z.looseObject({ name: z.string().min(1) }) });

/** Aircall's error body (shape reported by clients, not documented: see docs/platforms/aircall.md). */
export const aircallErrorSchema = z.looseObject({ error: z.string().optional(), troubleshoot: z.string().optional() });

export const AIRCALL_MAX_PER_PAGE = 50;
/** However it is paged, a list never returns more than this many calls; larger ranges are split. */
export const AIRCALL_MAX_ITEMS = 10_000;

/** The page number a `next_page_link` asks for; null when there is none, NaN when it names no readable page. */
export function nextPageFromLink(link: string | null): number | null {
  if (link === null || link === '') return null;
  try {
    const page = Number(new URL(link, 'https://placeholder.invalid').searchParams.get('page'));
    return Number.isInteger(page) && page > 1 ? page : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
