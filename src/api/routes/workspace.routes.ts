import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getWorkspace, updateWorkspace } from '../../services/manage-workspace.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponseSchema } from '../contract/common.js';
import { workspacePatchSchema, workspaceView } from '../contract/accounts.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };

export function registerWorkspaceRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;

  app.get('/api/v1/workspace', { config: { access: { require: 'signed_in' } }, schema: { tags: ['workspace'], summary: 'The workspace and its feature flags', response: { 200: workspaceView, ...errors } } }, async (request) =>
    getWorkspace(services, request.caller!.workspaceId),
  );

  app.patch(
    '/api/v1/workspace',
    {
      config: { access: { require: 'manage_workspace' } },
      schema: {
        tags: ['workspace'],
        summary: "Rename the workspace or turn feature flags on and off (admins), e.g. {\"featureFlags\":{\"integrations\":true}}",
        body: workspacePatchSchema,
        response: { 200: workspaceView, ...errors },
      },
    },
    async (request) => updateWorkspace(services, request.caller!, request.body),
  );
}
