import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../accounts/api-tokens.js';
import { addUser, changeRole, issueSignInLink, listUsers, removeUser } from '../../accounts/manage-users.js';
import { changePassword, updateProfile } from '../../accounts/own-account.js';
import { checkSignInLink, redeemSignInLink } from '../../accounts/redeem-sign-in-link.js';
import { closeSession, resolveSession, type OpenedSession } from '../../accounts/sessions.js';
import { signIn } from '../../accounts/sign-in.js';
import { describeSession } from '../../accounts/describe-session.js';
import { SESSION_COOKIE, setSessionCookie } from '../authenticate.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponseSchema, idParamSchema, noContentView } from '../contract/common.js';
import {
  apiTokenView,
  linkCheckInputSchema,
  linkCheckView,
  loginInputSchema,
  passwordChangeSchema,
  profileChangeSchema,
  redeemLinkInputSchema,
  sessionView,
  signInLinkView,
  userView,
} from '../contract/accounts.js';
import { addedUserView, apiTokenListView, createdApiTokenView, newApiTokenSchema, newUserSchema, roleChangeSchema, userListView } from '../contract/users.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 429: errorResponseSchema };

export function registerAccountRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const publicUrl = () => (typeof deps.publicUrl === 'function' ? deps.publicUrl() : deps.publicUrl);
  const secure = publicUrl().startsWith('https:');
  const loginLimit = { max: deps.loginAttemptsPerMinute ?? 20, timeWindow: 60_000 };
  const linkUrl = (token: string) => `${publicUrl().replace(/\/$/, '')}/sign-in#link=${encodeURIComponent(token)}`;

  const giveCookie = (reply: FastifyReply, session: OpenedSession) => setSessionCookie(reply, session.token, { expiresAt: session.expiresAt, now: services.clock.now(), secure });

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: { require: 'public' }, rateLimit: loginLimit },
      schema: { tags: ['accounts'], summary: 'Sign in with email and password (sets the session cookie)', body: loginInputSchema, response: { 200: sessionView, ...errors } },
    },
    async (request, reply) => {
      const session = await signIn(services, request.body);
      giveCookie(reply, session);
      const resolved = await resolveSession(services, session.token);
      return describeSession(services, resolved!.caller, session.csrfToken);
    },
  );

  app.post(
    '/api/v1/auth/links/check',
    {
      config: { access: { require: 'public' }, rateLimit: loginLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Check a one-time sign-in link without using it: whether it can still be used, and for whom (never the user of a spent link)',
        body: linkCheckInputSchema,
        response: { 200: linkCheckView, ...errors },
      },
    },
    async (request) => checkSignInLink(services, request.body),
  );

  app.post(
    '/api/v1/auth/links/redeem',
    {
      config: { access: { require: 'public' }, rateLimit: loginLimit },
      schema: {
        tags: ['accounts'],
        summary:
          'Use a one-time sign-in link: choose a password (and, with the first-start link only, the admin email, required there) and sign in; ends the other sessions and voids older links',
        body: redeemLinkInputSchema,
        response: { 200: sessionView, ...errors },
      },
    },
    async (request, reply) => {
      const session = await redeemSignInLink(services, request.body);
      giveCookie(reply, session);
      const resolved = await resolveSession(services, session.token);
      return describeSession(services, resolved!.caller, session.csrfToken);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: { require: 'signed_in', sessionOnly: true } }, schema: { tags: ['accounts'], summary: 'Sign out', response: { 204: noContentView, ...errors } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await closeSession(services, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    { config: { access: { require: 'signed_in' } }, schema: { tags: ['accounts'], summary: 'Who is calling, in which workspace, with which permissions', response: { 200: sessionView, ...errors } } },
    async (request) => describeSession(services, request.caller!, request.sessionCsrf),
  );

  // ---- one's own account (a signed-in user, in the browser) ------------------------------------
  const own = { access: { require: 'signed_in' as const, sessionOnly: true } };

  app.patch(
    '/api/v1/auth/profile',
    { config: own, schema: { tags: ['accounts'], summary: 'Change your own name (the email stays: it names you in the history of changes)', body: profileChangeSchema, response: { 200: sessionView, ...errors } } },
    async (request) => {
      await updateProfile(services, request.caller!, request.body);
      return describeSession(services, request.caller!, request.sessionCsrf);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { ...own, rateLimit: loginLimit },
      schema: {
        tags: ['accounts'],
        summary: 'Change your own password, giving the current one (counted like sign-in attempts); ends your other sessions and voids your unused sign-in links',
        body: passwordChangeSchema,
        response: { 204: noContentView, ...errors },
      },
    },
    async (request, reply) => {
      await changePassword(services, request.caller!, request.cookies[SESSION_COOKIE]!, request.body);
      return reply.status(204).send(null);
    },
  );

  // ---- users (admins) ------------------------------------------------------------------------
  const admin = { access: { require: 'manage_workspace' as const } };

  app.get('/api/v1/users', { config: admin, schema: { tags: ['accounts'], summary: 'Users of the workspace and their roles', response: { 200: userListView, ...errors } } }, async (request) => ({
    users: await listUsers(services, request.caller!),
  }));

  app.post(
    '/api/v1/users',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Add a user; returns their one-time sign-in link (shown once)',
        body: newUserSchema,
        response: { 201: addedUserView, ...errors },
      },
    },
    async (request, reply) => {
      const { user, signInLink } = await addUser(services, request.caller!, request.body);
      return reply.status(201).send({ user, signInLink: { url: linkUrl(signInLink.token), expiresAt: signInLink.expiresAt } });
    },
  );

  app.patch(
    '/api/v1/users/:id',
    { config: admin, schema: { tags: ['accounts'], summary: "Change a user's role", params: idParamSchema, body: roleChangeSchema, response: { 200: userView, ...errors } } },
    async (request) => changeRole(services, request.caller!, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/users/:id',
    { config: admin, schema: { tags: ['accounts'], summary: 'Remove a user from the workspace', params: idParamSchema, response: { 204: noContentView, ...errors } } },
    async (request, reply) => {
      await removeUser(services, request.caller!, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/users/:id/sign-in-links',
    { config: admin, schema: { tags: ['accounts'], summary: 'A new one-time sign-in link for a user (lost password)', params: idParamSchema, response: { 201: signInLinkView, ...errors } } },
    async (request, reply) => {
      const link = await issueSignInLink(services, request.caller!, request.params.id);
      return reply.status(201).send({ url: linkUrl(link.token), expiresAt: link.expiresAt });
    },
  );

  // ---- API tokens (admins) -------------------------------------------------------------------
  app.get('/api/v1/api-tokens', { config: admin, schema: { tags: ['accounts'], summary: 'API tokens of the workspace (never their values)', response: { 200: apiTokenListView, ...errors } } }, async (request) => ({
    apiTokens: await listApiTokens(services, request.caller!),
  }));

  app.post(
    '/api/v1/api-tokens',
    {
      config: admin,
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token for scripts; the token is in this response only',
        body: newApiTokenSchema,
        response: { 201: createdApiTokenView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(services, request.caller!, request.body)),
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    { config: admin, schema: { tags: ['accounts'], summary: 'Revoke an API token', params: idParamSchema, response: { 200: apiTokenView, ...errors } } },
    async (request) => revokeApiToken(services, request.caller!, request.params.id),
  );
}
