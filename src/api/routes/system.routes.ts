import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { checkHealth } from '../../services/check-health.js';
import type { ApiDeps } from '../api-deps.js';
import { livenessView, unavailableView } from '../contract/system.js';

export function registerSystemRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;

  app.get(
    '/healthz',
    {
      config: { access: { require: 'public' } },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: livenessView, 503: unavailableView },
      },
    },
    async (_request, reply) => {
      const health = await checkHealth(services);
      if (!health.ok) return reply.status(503).send({ status: 'unavailable' as const, reason: health.reason });
      return { status: 'ok' as const, database: health.database, time: services.clock.now().toISOString() };
    },
  );

  app.get(
    '/metrics',
    { config: { access: { require: 'public' } }, schema: { tags: ['system'], summary: 'Prometheus metrics: runs, records by outcome and reason, source requests, rate-limit waits' } },
    async (_request, reply) => reply.type(services.metrics.contentType).send(await services.metrics.text()),
  );
}
