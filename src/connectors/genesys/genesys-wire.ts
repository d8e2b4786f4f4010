import { z } from 'zod';

/**
 * Genesys Cloud's wire format, as far as Intake reads it (Platform API v2, analytics conversation
 * details, users, wrap-up codes, OAuth). Facts and their sources: docs/platforms/genesys.md.
 */

/** `mediaType` of a session: the conversation's channel. */
export const GENESYS_MEDIA_TYPES = ['voice', 'callback', 'chat', 'email', 'message', 'video', 'cobrowse', 'screenshare', 'internalmessage', 'unknown'] as const;

const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 time' });

export const genesysSegmentSchema = z.object({
  segmentType: z.string(),
  segmentStart: isoTime,
  segmentEnd: isoTime.optional(),
  queueId: z.string().optional(),
  wrapUpCode: z.string().optional(),
  disconnectType: z.string().optional(),
});

export const genesysSessionSchema = z.object({
  sessionId: z.string().optional(),
  mediaType: z.string(),
  direction: z.string().optional(),
  ani: z.string().optional(),
  dnis: z.string().optional(),
  segments: z.array(genesysSegmentSchema).default([]),
});

export const genesysParticipantSchema = z.object({
  participantId: z.string().optional(),
  purpose: z.string(),
  userId: z.string().optional(),
  participantName: z.string().optional(),
  sessions: z.array(genesysSessionSchema).default([]),
});

/** AnalyticsConversationWithoutAttributes: `conversationEnd` is absent while the conversation is active. */
export const genesysConversationSchema = z.object({
  conversationId: z.string().min(1),
  conversationStart: isoTime,
  conversationEnd: isoTime.optional(),
  originatingDirection: z.string().optional(),
  divisionIds: z.array(z.string()).optional(),
  externalTag: z.string().optional(),
  participants: z.array(genesysParticipantSchema),
});
export type GenesysConversation = z.infer<typeof genesysConversationSchema>;
export type GenesysParticipant = z.infer<typeof genesysParticipantSchema>;

/** POST /api/v2/analytics/conversations/details/query → AnalyticsConversationQueryResponse. */
export const genesysQueryResponseSchema = z.object({
  conversations: z.array(z.unknown()).optional(),
  totalHits: z.number().int().nonnegative(),
});

/** POST …/details/jobs → AsyncQueryResponse. */
export const genesysJobSubmitSchema = z.object({ jobId: z.string().min(1) });

export const GENESYS_JOB_STATES = ['QUEUED', 'PENDING', 'FULFILLED', 'FAILED', 'CANCELLED', 'EXPIRED'] as const;

/** GET …/details/jobs/{jobId} → AsyncQueryStatus. */
export const genesysJobStatusSchema = z.object({
  state: z.string(),
  errorMessage: z.string().optional(),
  expirationDate: isoTime.optional(),
  submissionDate: isoTime.optional(),
  completionDate: isoTime.optional(),
});

/** GET …/details/jobs/{jobId}/results → AnalyticsConversationAsyncQueryResponse; no cursor on the last page. */
export const genesysJobResultsSchema = z.object({
  conversations: z.array(z.unknown()).optional(),
  cursor: z.string().optional(),
  dataAvailabilityDate: isoTime.optional(),
});

/** GET …/details/jobs/availability → DataAvailabilityResponse. */
export const genesysAvailabilitySchema = z.object({ dataAvailabilityDate: isoTime });

/** The entity listings (users, wrap-up codes) page by number. */
export const genesysEntityListingSchema = z.object({
  entities: z.array(z.object({ id: z.string(), name: z.string().optional(), email: z.string().optional() })),
  pageNumber: z.number().int().optional(),
  pageCount: z.number().int().optional(),
});

export const genesysOrganizationSchema = z.object({ id: z.string().min(1), name: z.string().optional() });

/** POST login.<region>/oauth/token. */
export const genesysTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
});

/** ErrorBody, on every non-2xx API answer; the login host answers OAuth-style `error` instead. */
export const genesysErrorBodySchema = z.object({
  message: z.string().optional(),
  code: z.string().optional(),
  status: z.number().optional(),
  contextId: z.string().optional(),
  error: z.string().optional(),
  description: z.string().optional(),
  error_description: z.string().optional(),
});
