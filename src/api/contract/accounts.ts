import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../../core/permissions.js';
import { isoTimestamp } from './common.js';

export type { Permission, Role } from '../../core/permissions.js';

export const workspaceView = z
  .object({ id: z.string(), name: z.string(), featureFlags: z.record(z.string(), z.boolean()), createdAt: isoTimestamp })
  .meta({ id: 'Workspace' });
export type WorkspaceView = z.infer<typeof workspaceView>;

export const userView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    passwordSet: z.boolean().describe('False until the user used their one-time sign-in link'),
    createdAt: isoTimestamp,
    lastSignInAt: isoTimestamp.nullable(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userView>;

export const sessionView = z
  .object({
    user: userView.nullable().describe('Null when the caller is an API token'),
    apiToken: z.object({ id: z.string(), name: z.string() }).nullable(),
    workspace: workspaceView,
    permissions: z.array(z.enum(PERMISSIONS)),
    csrfToken: z.string().nullable().describe('Send it back as the x-csrf-token header on every non-GET request of this session'),
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof sessionView>;

export const signInLinkView = z.object({
  url: z.string().describe('Open it once to choose a password; it expires'),
  expiresAt: isoTimestamp,
});
export type SignInLinkView = z.infer<typeof signInLinkView>;

export const apiTokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The first characters, to recognise it'),
    permissions: z.array(z.enum(PERMISSIONS)),
    createdBy: z.string(),
    createdAt: isoTimestamp,
    lastUsedAt: isoTimestamp.nullable(),
    revokedAt: isoTimestamp.nullable(),
    pushIntegrationId: z.string().nullable().describe('Set: the token may only push records to this integration (POST /api/v1/integrations/{id}/contacts)'),
  })
  .meta({ id: 'ApiToken' });
export type ApiTokenView = z.infer<typeof apiTokenView>;

export const linkCheckView = z
  .object({
    state: z.enum(['usable', 'used', 'expired', 'unknown']).describe('Only a usable link can be redeemed'),
    message: z.string().nullable().describe('For a link that cannot be used: why, and what to do instead'),
    expiresAt: isoTimestamp.nullable(),
    email: z.string().nullable().describe("The invited user's email (usable links only; null on the first-start link, which chooses one)"),
    name: z.string().nullable(),
    choosesEmail: z.boolean().describe('True only for the first-start link: redeeming it must set the email'),
  })
  .meta({ id: 'SignInLinkCheck' });
export type LinkCheckView = z.infer<typeof linkCheckView>;

// ---- requests: signing in, one-time links, one's own account, the workspace ------------------

export const loginInputSchema = z
  .object({ email: z.string().min(1, 'is required').max(254, 'must be at most 254 characters'), password: z.string().min(1, 'is required').max(200, 'must be at most 200 characters') })
  .strict();
export type LoginInput = z.input<typeof loginInputSchema>;

export const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(200, 'must be at most 200 characters');

const linkToken = z.string().min(1, 'is required').max(200, 'must be at most 200 characters');

export const linkCheckInputSchema = z.object({ token: linkToken }).strict();
export type LinkCheckInput = z.input<typeof linkCheckInputSchema>;

export const redeemLinkInputSchema = z
  .object({
    token: linkToken,
    password: passwordSchema,
    email: z.email({ message: 'must be an email address' }).max(254).optional().describe('Only with the first-start link, where it is required'),
    name: z.string().trim().min(1, 'must not be empty').max(100).optional(),
  })
  .strict();
export type RedeemLinkInput = z.input<typeof redeemLinkInputSchema>;

export const profileChangeSchema = z.object({ name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters') }).strict();
export type ProfileChangeInput = z.input<typeof profileChangeSchema>;

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, 'is required').max(200, 'must be at most 200 characters'),
    newPassword: passwordSchema,
  })
  .strict();
export type PasswordChangeInput = z.input<typeof passwordChangeSchema>;

export const workspacePatchSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
    featureFlags: z.object({ integrations: z.boolean() }).partial().strict().optional(),
  })
  .strict();
export type WorkspacePatchInput = z.input<typeof workspacePatchSchema>;
