import { z } from 'zod';

/**
 * Freshdesk's wire format (API v2). Objects are loose: Freshdesk adds fields over time and that
 * must not break an import; only what Intake reads is checked.
 */

const isoTimestamp = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 timestamp');
const optionalId = z.number().int().nullish();

export const freshdeskTicketSchema = z.looseObject({
  id: z.number().int().positive(),
  status: z.number().int(),
  source: z.number().int(),
  priority: z.number().int().nullish(),
  responder_id: optionalId,
  requester_id: optionalId,
  group_id: optionalId,
  company_id: optionalId,
  tags: z
    .array(z.string())
    .nullish()
    .transform((tags) => tags ?? []),
  // An object keyed by the fields' `cf_*` names (not an array, unlike Zendesk's).
  custom_fields: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((fields) => fields ?? {}),
  type: z.string().nullish(),
  subject: z.string().nullish(),
  spam: z.boolean().nullish(),
  deleted: z.boolean().nullish(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  stats: z.looseObject({ resolved_at: isoTimestamp.nullish(), closed_at: isoTimestamp.nullish() }).nullish(),
});
export type FreshdeskTicket = z.infer<typeof freshdeskTicketSchema>;

/** A list answers a bare JSON array; records are checked one by one. */
export const freshdeskListSchema = z.array(z.unknown());

export const freshdeskAgentSchema = z.looseObject({
  id: z.number().int(),
  /** 1 global access, 2 group access, 3 restricted (assigned tickets only). */
  ticket_scope: z.number().int().optional(),
  contact: z.looseObject({ name: z.string().nullish(), email: z.string().nullish() }).nullish(),
});

export const freshdeskTicketFieldSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  label: z.string().nullish(),
  type: z.string().nullish(),
  /** False for the fields an admin added (named `cf_*`). */
  default: z.boolean().nullish(),
});

export const FRESHDESK_STATUS_LABELS: Readonly<Record<number, string>> = { 2: 'Open', 3: 'Pending', 4: 'Resolved', 5: 'Closed' };

/** The ticket's `source` code → the channel word Intake filters on; codes not listed stay numbers. */
export const FRESHDESK_SOURCES: Readonly<Record<number, string>> = {
  1: 'email',
  2: 'portal',
  3: 'phone',
  4: 'forum',
  5: 'twitter',
  6: 'facebook',
  7: 'chat',
  8: 'mobihelp',
  9: 'feedback_widget',
  10: 'outbound_email',
  11: 'ecommerce',
  12: 'bot',
  13: 'whatsapp',
};

export const FRESHDESK_PRIORITIES: Readonly<Record<number, string>> = { 1: 'low', 2: 'medium', 3: 'high', 4: 'urgent' };

/** A list never pages past this: page 301 answers 400. */
export const FRESHDESK_MAX_PAGES = 300;
export const FRESHDESK_MAX_PER_PAGE = 100;

/**
 * The page number of a `Link: <…?page=3…>; rel="next"` header; null when there is no next page.
 * Returns NaN when a next link is there but carries no readable page.
 */
export function nextPageFromLink(header: string | null): number | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!match || !/\brel\s*=\s*"?next"?/i.test(match[2]!)) continue;
    try {
      const page = Number(new URL(match[1]!, 'https://placeholder.invalid').searchParams.get('page'));
      return Number.isInteger(page) && page > 1 ? page : Number.NaN;
    } catch {
      return Number.NaN;
    }
  }
  return null;
}
