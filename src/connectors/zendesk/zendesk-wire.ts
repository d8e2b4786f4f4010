import { z } from 'zod';

/**
 * Zendesk's wire format, as docs/platforms/zendesk.md documents it. Objects are loose: Zendesk adds
 * fields over time and that must not break an import; only what Intake reads is checked.
 */

const isoTimestamp = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 timestamp');

export const zendeskTicketSchema = z.looseObject({
  id: z.number().int().positive(),
  status: z.string().min(1),
  via: z.looseObject({ channel: z.union([z.string(), z.number()]).transform(String) }),
  assignee_id: z.number().int().nullable().optional(),
  requester_id: z.number().int().nullable().optional(),
  group_id: z.number().int().nullable().optional(),
  organization_id: z.number().int().nullable().optional(),
  brand_id: z.number().int().nullable().optional(),
  tags: z.array(z.string()).default([]),
  custom_fields: z
    .array(z.looseObject({ id: z.number().int(), value: z.unknown() }))
    .nullable()
    .default([]),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  generated_timestamp: z.number().int().nonnegative(),
  subject: z.string().nullable().optional(),
  priority: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  satisfaction_rating: z.looseObject({ score: z.string().optional() }).nullable().optional(),
});
export type ZendeskTicket = z.infer<typeof zendeskTicketSchema>;

/** The cursor-based incremental ticket export's envelope. Tickets are checked one by one. */
export const zendeskExportPageSchema = z.looseObject({
  tickets: z.array(z.unknown()),
  after_cursor: z.string().nullable(),
  after_url: z.string().nullable().optional(),
  end_of_stream: z.boolean(),
});
export type ZendeskExportPage = z.infer<typeof zendeskExportPageSchema>;

export const zendeskMeSchema = z.looseObject({
  user: z.looseObject({
    id: z.number().int().nullable(),
    email: z.string().nullable().optional(),
    role: z.string().optional(),
    url: z.string().optional(),
  }),
});

export const zendeskShowTicketSchema = z.looseObject({ ticket: z.unknown() });

/** The Zendesk statuses, for the simulator and for mapping. `deleted` appears only in exports. */
export const ZENDESK_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted'] as const;
