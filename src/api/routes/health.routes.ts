import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { integrationHistory } from '../../services/integration-history.js';
import { integrationHealth, workspaceHealth } from '../../services/integration-health.js';
import { readAlerts } from '../../services/read-alerts.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponseSchema, idParamSchema } from '../contract/common.js';
import { alertListView, alertsQuerySchema, healthQuerySchema, healthView, historyView, workspaceHealthView } from '../contract/health.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };
const manage = { access: { require: 'manage_integrations' as const, feature: 'integrations' as const } };

/** Import history and trends, volume alerts, and the settings history. */
export function registerHealthRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;

  app.get(
    '/api/v1/integrations/:id/health',
    {
      config: manage,
      schema: {
        tags: ['health'],
        summary: 'Per hour or day: runs and outcomes, records seen, imported, updated, unchanged, excluded by reason, failed, source requests, 429s, time rate-limited; time in each status; alerts',
        params: idParamSchema,
        querystring: healthQuerySchema,
        response: { 200: healthView, ...errors },
      },
    },
    async (request) => integrationHealth(services, request.caller!.workspaceId, request.params.id, request.query),
  );

  app.get(
    '/api/v1/health',
    {
      config: manage,
      schema: {
        tags: ['health'],
        summary: "The same for the whole workspace, with each integration's totals over the range",
        querystring: healthQuerySchema,
        response: { 200: workspaceHealthView, ...errors },
      },
    },
    async (request) => workspaceHealth(services, request.caller!.workspaceId, request.query),
  );

  app.get(
    '/api/v1/alerts',
    {
      config: manage,
      schema: {
        tags: ['health'],
        summary: 'Volume and no-import alerts, with when they opened and closed',
        querystring: alertsQuerySchema,
        response: { 200: alertListView, ...errors },
      },
    },
    async (request) => ({ alerts: await readAlerts(services, request.caller!.workspaceId, request.query) }),
  );

  app.get(
    '/api/v1/integrations/:id/history',
    {
      config: manage,
      schema: {
        tags: ['health'],
        summary: 'Who changed what and when: settings, credentials (never their values), connection, status, pauses',
        params: idParamSchema,
        response: { 200: historyView, ...errors },
      },
    },
    async (request) => ({ entries: await integrationHistory(services, request.caller!.workspaceId, request.params.id) }),
  );
}
