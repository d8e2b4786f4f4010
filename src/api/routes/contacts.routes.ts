import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { decisionsFor, getContact, listContactSources, searchContacts } from '../../services/search-contacts.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponseSchema, idParamSchema } from '../contract/common.js';
import { contactPageView, contactQuerySchema, contactSourceListView, contactView, decisionListView, decisionsQuerySchema } from '../contract/contacts.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };
const view = { access: { require: 'view_contacts' as const, feature: 'integrations' as const } };
const tags = ['contacts'];

export function registerContactRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;

  app.get(
    '/api/v1/contacts',
    {
      config: view,
      schema: {
        tags,
        summary: 'Imported contacts: by source reference (exact), integration, channel, agent, status, tag, imported date range; newest first, cursor-paginated',
        querystring: contactQuerySchema,
        response: { 200: contactPageView, ...errors },
      },
    },
    async (request) => {
      return searchContacts(services, request.caller!.workspaceId, request.query);
    },
  );

  app.get(
    '/api/v1/contact-sources',
    {
      config: view,
      schema: {
        tags,
        summary: 'The integrations contacts come from — name, platform and source account — so anyone who reads contacts can narrow a search to one',
        response: { 200: contactSourceListView, ...errors },
      },
    },
    async (request) => ({ integrations: await listContactSources(services, request.caller!.workspaceId) }),
  );

  app.get('/api/v1/contacts/:id', { config: view, schema: { tags, summary: 'One imported contact', params: idParamSchema, response: { 200: contactView, ...errors } } }, async (request) =>
    getContact(services, request.caller!.workspaceId, request.params.id),
  );

  app.get(
    '/api/v1/decisions',
    {
      config: view,
      schema: {
        tags,
        summary: 'Every decision about a source reference across runs, newest first',
        querystring: decisionsQuerySchema,
        response: { 200: decisionListView, ...errors },
      },
    },
    async (request) => {
      return { decisions: await decisionsFor(services, request.caller!, request.query.sourceRef, request.query.integrationId) };
    },
  );
}
