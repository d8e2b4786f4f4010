import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../build-app.js';
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
      try {
        await sql`select 1`.execute(services.db);
        return { status: 'ok' as const, database: services.dialect, time: services.clock.now().toISOString() };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, reason: 'the database does not answer' });
      }
    },
  );

  app.get(
    '/metrics',
    { config: { access: { require: 'public' } }, schema: { tags: ['system'], summary: 'Prometheus metrics: runs, records by outcome and reason, source requests, rate-limit waits' } },
    async (_request, reply) => reply.type(services.metrics.contentType).send(await services.metrics.text()),
  );
}
