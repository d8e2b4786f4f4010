import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { addIntegration } from '../../services/add-integration.js';
import { addStarterIntegration } from '../../services/add-starter-integration.js';
import { customFieldSamples, getIntegration, listWorkspaceIntegrations, pause, resume } from '../../services/manage-integrations.js';
import { runNow } from '../../services/run-now.js';
import { getRun, listIntegrationRuns, listRunDecisions } from '../../services/read-runs.js';
import { deleteIntegrationConfirmed, reconnectIntegration, updateIntegrationSettings } from '../../services/update-integration.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponseSchema, idParamSchema } from '../contract/common.js';
import {
  customFieldsView,
  deleteIntegrationInputSchema,
  integrationListView,
  integrationPatchSchema,
  integrationView,
  newIntegrationInputSchema,
  pauseInputSchema,
  platformListView,
  reconnectInputSchema,
  runView,
  starterIntegrationInputSchema,
} from '../contract/integrations.js';
import { runDecisionPageView, runDecisionsQuerySchema, runListQuerySchema, runListView } from '../contract/runs.js';
import { presentIntegration, presentRun } from '../present.js';
import { presentPlatform } from '../present-platform.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 422: errorResponseSchema };
const manage = { access: { require: 'manage_integrations' as const, feature: 'integrations' as const } };
const tags = ['integrations'];

export function registerIntegrationRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const view = (i: Parameters<typeof presentIntegration>[0]) => presentIntegration(i, services.platforms);

  app.get(
    '/api/v1/platforms',
    {
      // Every reader needs a platform's name, its mark and what its conversations are called.
      config: { access: { require: 'signed_in', feature: 'integrations' } },
      schema: {
        tags,
        summary: 'Platforms Intake can import from: names, marks, the fields their connection and credentials take (labels, help, secret or not), capabilities and starter',
        response: { 200: platformListView, ...errors },
      },
    },
    async () => ({ platforms: services.platforms.list().map(presentPlatform) }),
  );

  app.post(
    '/api/v1/integrations/starter',
    {
      config: manage,
      attachValidation: true,
      schema: {
        tags,
        summary: "Add a platform's starter integration (one that asks nothing, e.g. the simulated help desk); tested like any other before it is saved",
        body: starterIntegrationInputSchema,
        response: { 201: integrationView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(view(await addStarterIntegration(services, request.caller!.workspaceId, request.body as unknown, request.caller!.label))),
  );

  app.get(
    '/api/v1/integrations',
    { config: manage, schema: { tags, summary: 'Integrations with their status, last ran at, last data imported and last error', response: { 200: integrationListView, ...errors } } },
    async (request) => ({ integrations: (await listWorkspaceIntegrations(services, request.caller!.workspaceId)).map(view) }),
  );

  app.post(
    '/api/v1/integrations',
    {
      config: manage,
      // The service checks the platform's own connection and credential fields too, and reports
      // every problem at once; the schema here documents the body.
      attachValidation: true,
      schema: {
        tags,
        summary: 'Add an integration; its credentials are tested against the source before anything is saved',
        body: newIntegrationInputSchema,
        response: { 201: integrationView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(view(await addIntegration(services, request.caller!.workspaceId, request.body as unknown, request.caller!.label))),
  );

  app.get('/api/v1/integrations/:id', { config: manage, schema: { tags, summary: 'One integration', params: idParamSchema, response: { 200: integrationView, ...errors } } }, async (request) =>
    view(await getIntegration(services, request.caller!.workspaceId, request.params.id)),
  );

  app.patch(
    '/api/v1/integrations/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change name, settings (filters, start date, status criteria, schedule), connection or credentials (tested first)',
        params: idParamSchema,
        body: integrationPatchSchema,
        response: { 200: integrationView, ...errors },
      },
    },
    async (request) => view(await updateIntegrationSettings(services, request.caller!.workspaceId, request.params.id, request.body, request.caller!.label)),
  );

  app.delete(
    '/api/v1/integrations/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: "Delete an integration: send {\"confirm\": \"<its name>\"}. Its imported contacts stay.",
        params: idParamSchema,
        body: deleteIntegrationInputSchema,
        response: { 200: integrationView, ...errors },
      },
    },
    async (request) => view(await deleteIntegrationConfirmed(services, request.caller!.workspaceId, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/integrations/:id/pause',
    {
      config: manage,
      schema: { tags, summary: 'Pause: no scheduled runs; a run in flight stops after its page', params: idParamSchema, body: pauseInputSchema.optional(), response: { 200: integrationView, ...errors } },
    },
    async (request) => view(await pause(services, request.caller!.workspaceId, request.params.id, request.caller!.label, request.body?.note ?? null)),
  );

  app.post(
    '/api/v1/integrations/:id/resume',
    { config: manage, schema: { tags, summary: 'Resume from the checkpoint; due at once', params: idParamSchema, response: { 200: integrationView, ...errors } } },
    async (request) => view(await resume(services, request.caller!.workspaceId, request.params.id, request.caller!.label)),
  );

  app.post(
    '/api/v1/integrations/:id/reconnect',
    {
      config: manage,
      schema: {
        tags,
        summary: 'New credentials: tested against the source, refused for another account; success clears a failure status',
        params: idParamSchema,
        body: reconnectInputSchema,
        response: { 200: integrationView, ...errors },
      },
    },
    async (request) => view(await reconnectIntegration(services, request.caller!.workspaceId, request.params.id, request.body, request.caller!.label)),
  );

  app.post(
    '/api/v1/integrations/:id/runs',
    { config: manage, schema: { tags, summary: 'Run now: starts a run and returns it while it goes on', params: idParamSchema, response: { 202: runView, ...errors } } },
    async (request, reply) => {
      const run = await runNow(services, deps.launcher, request.caller!.workspaceId, request.params.id, request.caller!.label);
      return reply.status(202).send(presentRun(run, services.clock.now()));
    },
  );

  app.get(
    '/api/v1/integrations/:id/runs',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Runs of an integration, newest first; `kind` keeps one kind (e.g. backfill)',
        params: idParamSchema,
        querystring: runListQuerySchema,
        response: { 200: runListView, ...errors },
      },
    },
    async (request) => ({ runs: (await listIntegrationRuns(services, request.caller!.workspaceId, request.params.id, request.query)).map((r) => presentRun(r, services.clock.now())) }),
  );

  app.get(
    '/api/v1/integrations/:id/custom-fields',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Custom fields the source has sent (for filters), with sample values for callers that also have View Imported Contacts — values can be personal data',
        params: idParamSchema,
        response: { 200: customFieldsView, ...errors },
      },
    },
    async (request) => ({ customFields: await customFieldSamples(services, request.caller!, request.params.id) }),
  );

  app.get(
    '/api/v1/runs/:id',
    { config: manage, schema: { tags: ['runs'], summary: 'A run: counts per outcome and reason, error, checkpoint before and after', params: idParamSchema, response: { 200: runView, ...errors } } },
    async (request) => presentRun(await getRun(services, request.caller!.workspaceId, request.params.id), services.clock.now()),
  );

  app.get(
    '/api/v1/runs/:id/decisions',
    {
      // Each decision names a conversation and what it held: contact data, on top of the run's workings.
      config: { access: { require: ['manage_integrations', 'view_contacts'] as const, feature: 'integrations' as const } },
      schema: {
        tags: ['runs'],
        summary: "A run's decisions, filterable by outcome and reason",
        params: idParamSchema,
        querystring: runDecisionsQuerySchema,
        response: { 200: runDecisionPageView, ...errors },
      },
    },
    async (request) => {
      const page = await listRunDecisions(services, request.caller!.workspaceId, request.params.id, request.query);
      return page;
    },
  );

}
