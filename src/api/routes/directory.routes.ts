import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can } from '../../accounts/caller.js';
import { readIntegrationDirectory, refreshIntegrationDirectory } from '../../services/directory-read.js';
import type { ApiDeps } from '../api-deps.js';
import { ApiError } from '../api-error.js';
import { errorResponseSchema, idParamSchema } from '../contract/common.js';
import { integrationDirectoryView } from '../contract/directory.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 502: errorResponseSchema };
const tags = ['integrations'];

export function registerDirectoryRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;

  app.get(
    '/api/v1/integrations/:id/directory',
    {
      // Either permission: contact readers see agents' names beside contacts, managers build filters.
      config: { access: { require: 'signed_in', feature: 'integrations' } },
      schema: {
        tags,
        summary: "The integration's agents (Manage Integrations or View Imported Contacts) and custom fields (Manage Integrations) by name, as the platform last listed them",
        params: idParamSchema,
        response: { 200: integrationDirectoryView, ...errors },
      },
    },
    async (request) => {
      const caller = request.caller!;
      if (!can(caller, 'manage_integrations') && !can(caller, 'view_contacts')) {
        throw new ApiError(403, 'forbidden', `This needs the Manage Integrations or the View Imported Contacts permission, which ${caller.kind === 'api_token' ? 'this API token' : 'your role'} does not have. Ask a workspace admin.`);
      }
      return readIntegrationDirectory(services, caller, request.params.id);
    },
  );

  app.post(
    '/api/v1/integrations/:id/directory/refresh',
    {
      config: { access: { require: 'manage_integrations', feature: 'integrations' } },
      schema: { tags, summary: 'Read the agents and custom fields from the platform now', params: idParamSchema, response: { 200: integrationDirectoryView, ...errors } },
    },
    async (request) => refreshIntegrationDirectory(services, request.caller!, request.params.id),
  );
}
