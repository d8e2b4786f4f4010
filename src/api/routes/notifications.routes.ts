import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addNotificationSubscription,
  changeNotificationSubscription,
  getNotificationSubscription,
  listNotificationAttempts,
  listNotificationSubscriptions,
  notificationOptions,
  removeNotificationSubscription,
  sendNotificationTest,
} from '../../services/manage-notifications.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponseSchema, idParamSchema, noContentView } from '../contract/common.js';
import {
  attemptListView,
  createdSubscriptionView,
  newSubscriptionSchema,
  notificationOptionsView,
  subscriptionChangeSchema,
  subscriptionListView,
  subscriptionView,
  testResultView,
} from '../contract/notifications.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

/**
 * Notification subscriptions. Any signed-in caller reaches these routes; the service decides what
 * each may see: admins and Manage Integrations users every subscription, others their own email.
 */
export function registerNotificationRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const signedIn = { access: { require: 'signed_in' as const } };
  const tags = ['notifications'];

  app.get(
    '/api/v1/notifications/options',
    { config: signedIn, schema: { tags, summary: 'The events one can subscribe to, whether an SMTP server is set, and what the caller may manage', response: { 200: notificationOptionsView, ...errors } } },
    async (request) => notificationOptions(services, request.caller!),
  );

  app.get(
    '/api/v1/notifications/subscriptions',
    { config: signedIn, schema: { tags, summary: 'Notification subscriptions the caller may see (all of them with Manage Integrations, else their own)', response: { 200: subscriptionListView, ...errors } } },
    async (request) => ({ subscriptions: await listNotificationSubscriptions(services, request.caller!) }),
  );

  app.post(
    '/api/v1/notifications/subscriptions',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Subscribe an email address or a webhook to events; a webhook’s signing secret is in this answer only',
        body: newSubscriptionSchema,
        response: { 201: createdSubscriptionView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await addNotificationSubscription(services, request.caller!, request.body)),
  );

  app.get(
    '/api/v1/notifications/subscriptions/:id',
    { config: signedIn, schema: { tags, summary: 'One subscription, with how its deliveries stand', params: idParamSchema, response: { 200: subscriptionView, ...errors } } },
    async (request) => getNotificationSubscription(services, request.caller!, request.params.id),
  );

  app.patch(
    '/api/v1/notifications/subscriptions/:id',
    {
      config: signedIn,
      schema: { tags, summary: 'Change a subscription’s events, integrations, quiet hours or name; turn it off or back on', params: idParamSchema, body: subscriptionChangeSchema, response: { 200: subscriptionView, ...errors } },
    },
    async (request) => changeNotificationSubscription(services, request.caller!, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/notifications/subscriptions/:id',
    { config: signedIn, schema: { tags, summary: 'Remove a subscription', params: idParamSchema, response: { 204: noContentView, ...errors } } },
    async (request, reply) => {
      await removeNotificationSubscription(services, request.caller!, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/notifications/subscriptions/:id/attempts',
    { config: signedIn, schema: { tags, summary: 'Every delivery attempt of a subscription, newest first', params: idParamSchema, response: { 200: attemptListView, ...errors } } },
    async (request) => ({ attempts: await listNotificationAttempts(services, request.caller!, request.params.id) }),
  );

  app.post(
    '/api/v1/notifications/subscriptions/:id/test',
    { config: signedIn, schema: { tags, summary: 'Send a test message now and say how it went', params: idParamSchema, response: { 200: testResultView, ...errors } } },
    async (request) => sendNotificationTest(services, request.caller!, request.params.id),
  );
}
