import { z } from 'zod';

/**
 * Intercom's wire format (REST API 2.11, which Intake sends as Intercom-Version). Objects are loose:
 * Intercom adds fields over time and that must not break an import; only what Intake reads is checked.
 */

const unixSeconds = z.number().int().nonnegative();
/** Ids are strings on the wire; a few older shapes send numbers. */
const idString = z.union([z.string().min(1), z.number().int()]).transform(String);

export const INTERCOM_STATES = ['open', 'snoozed', 'closed'] as const;

/** source.type, as the conversation model documents it. */
export const INTERCOM_SOURCE_TYPES = ['conversation', 'email', 'facebook', 'instagram', 'phone_call', 'phone_switch', 'push', 'sms', 'twitter', 'whatsapp'] as const;

export const intercomConversationSchema = z.looseObject({
  id: idString,
  created_at: unixSeconds,
  updated_at: unixSeconds,
  state: z.string().min(1),
  title: z.string().nullable().optional(),
  priority: z.string().nullable().optional(),
  snoozed_until: unixSeconds.nullable().optional(),
  admin_assignee_id: idString.nullable().optional(),
  team_assignee_id: idString.nullable().optional(),
  tags: z
    .looseObject({ tags: z.array(z.looseObject({ id: idString.optional(), name: z.string() })) })
    .nullable()
    .optional(),
  custom_attributes: z.record(z.string(), z.unknown()).nullable().optional(),
  source: z.looseObject({
    type: z.string().min(1),
    subject: z.string().nullable().optional(),
    author: z
      .looseObject({ type: z.string().nullable().optional(), id: idString.nullable().optional(), name: z.string().nullable().optional(), email: z.string().nullable().optional() })
      .nullable()
      .optional(),
  }),
  contacts: z
    .looseObject({ contacts: z.array(z.looseObject({ id: idString })) })
    .nullable()
    .optional(),
  statistics: z.looseObject({ last_close_at: unixSeconds.nullable().optional() }).nullable().optional(),
});
export type IntercomConversation = z.infer<typeof intercomConversationSchema>;

/** `conversation.list` from search and list; conversations are checked one by one. */
export const intercomConversationListSchema = z.looseObject({
  type: z.literal('conversation.list'),
  conversations: z.array(z.unknown()),
  total_count: z.number().int().nonnegative().optional(),
  pages: z
    .looseObject({
      next: z.looseObject({ starting_after: z.string().min(1) }).nullable().optional(),
    })
    .nullable()
    .optional(),
});

export const intercomMeSchema = z.looseObject({
  type: z.literal('admin'),
  id: idString,
  email: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  app: z.looseObject({ id_code: z.string().min(1), name: z.string().nullable().optional(), region: z.string().nullable().optional() }),
});

export const intercomAdminListSchema = z.looseObject({
  admins: z.array(z.looseObject({ id: idString, name: z.string().nullable().optional(), email: z.string().nullable().optional() })),
});

export const intercomDataAttributeListSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      name: z.string().min(1),
      label: z.string().nullable().optional(),
      data_type: z.string().nullable().optional(),
      model: z.string().nullable().optional(),
      custom: z.boolean().optional(),
      archived: z.boolean().optional(),
    }),
  ),
});

/** Every Intercom error body: `{"type":"error.list","request_id":…,"errors":[{code, message}]}`. */
export const intercomErrorListSchema = z.looseObject({
  type: z.literal('error.list'),
  request_id: z.string().nullable().optional(),
  errors: z.array(z.looseObject({ code: z.string(), message: z.string().nullable().optional(), field: z.string().nullable().optional() })).min(1),
});
export type IntercomErrorList = z.infer<typeof intercomErrorListSchema>;
