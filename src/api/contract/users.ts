import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../../core/permissions.js';
import { apiTokenView, signInLinkView, userView } from './accounts.js';

// The workspace's users and API tokens, managed by admins.

export const userListView = z.object({ users: z.array(userView) });
export type UserListView = z.infer<typeof userListView>;

export const newUserSchema = z
  .object({
    email: z.email({ message: 'must be an email address' }).max(254, 'must be at most 254 characters'),
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    role: z.enum(ROLES),
  })
  .strict();
export type NewUserInput = z.input<typeof newUserSchema>;

export const addedUserView = z.object({ user: userView, signInLink: signInLinkView });
export type AddedUserView = z.infer<typeof addedUserView>;

export const roleChangeSchema = z.object({ role: z.enum(ROLES) }).strict();
export type RoleChangeInput = z.input<typeof roleChangeSchema>;

export const apiTokenListView = z.object({ apiTokens: z.array(apiTokenView) });
export type ApiTokenListView = z.infer<typeof apiTokenListView>;

export const newApiTokenSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length).default([]),
    pushIntegrationId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('A push token: it may only push records to this push integration, and carries no permission besides'),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.pushIntegrationId === undefined && input.permissions.length === 0) context.addIssue({ code: 'custom', path: ['permissions'], message: 'needs at least one permission' });
    if (input.pushIntegrationId !== undefined && input.permissions.length > 0) {
      context.addIssue({ code: 'custom', path: ['permissions'], message: 'must be empty for a push token: it may only push records to its integration' });
    }
  });
export type NewApiTokenInput = z.input<typeof newApiTokenSchema>;

export const createdApiTokenView = z.object({ token: z.string().describe('Shown once: store it now'), apiToken: apiTokenView });
export type CreatedApiTokenView = z.infer<typeof createdApiTokenView>;
