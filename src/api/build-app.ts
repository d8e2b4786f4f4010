import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ApiDeps } from './api-deps.js';
import { authenticator } from './authenticate.js';
import { errorHandler } from './error-table.js';
import { registerJsonBodyParser } from './json-body-parser.js';
import { rejectNulBytes } from './reject-nul-bytes.js';
import type { RouteEntry } from './route-access.js';
import { registerAccountRoutes } from './routes/account.routes.js';
import { registerContactRoutes } from './routes/contacts.routes.js';
import { registerDirectoryRoutes } from './routes/directory.routes.js';
import { registerIntegrationRoutes } from './routes/integrations.routes.js';
import { registerNotificationRoutes } from './routes/notifications.routes.js';
import { registerSystemRoutes } from './routes/system.routes.js';
import { registerHealthRoutes } from './routes/health.routes.js';
import { registerTroubleshootingRoutes } from './routes/troubleshooting.routes.js';
import { registerUploadRoutes } from './routes/uploads.routes.js';
import { registerWorkspaceRoutes } from './routes/workspace.routes.js';

export type { ApiDeps } from './api-deps.js';
export type App = FastifyInstance;

/** The REST API as a Fastify instance, not listening: `app.inject()` in tests, `listen()` in the service. */
export async function buildApp(deps: ApiDeps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.services.logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    // One line per request, below (the UI polls: reads that went well are debug-level).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    bodyLimit: 1024 * 1024,
    // Errors the router raises before any route (a bad URL, a path parameter far too long) get the same shape.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
    trustProxy: trustProxySetting(deps.trustedProxies),
  });
  registerJsonBodyParser(app);
  // Served over plain http (a LAN address), the browser must not be told to fetch everything over
  // https: the page would load nothing. The scheme is fixed before listening, even when the port is not.
  const https = (typeof deps.publicUrl === 'function' ? deps.publicUrl() : deps.publicUrl).startsWith('https:');

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const webRoot = deps.webRoot && existsSync(join(deps.webRoot, 'index.html')) ? deps.webRoot : null;
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    // The web UI routes in the browser: any other page of it gets index.html.
    // A missing asset (a source map, a stale bundle) is a 404, not the page.
    if (webRoot && request.method === 'GET' && !/^\/(api|docs|healthz|metrics|assets)(\/|$)/.test(path)) return reply.sendFile('index.html');
    return reply.status(404).send({ error: { code: 'route_not_found', message: `There is no ${request.method} ${path}. See /docs for the API.`, details: [], requestId: request.id } });
  });

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.decorateRequest('caller', null);
  app.decorateRequest('sessionCsrf', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, access: route.config?.access ?? { require: 'signed_in' } });
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const quiet = request.method === 'GET' && reply.statusCode < 400;
    const path = request.url.split('?')[0];
    const ms = Math.round(reply.elapsedTime);
    // The words alone must say it: a terminal shows only them below debug level.
    request.log[quiet ? 'debug' : 'info'](
      { method: request.method, path, status: reply.statusCode, ms, caller: request.caller?.label },
      `request ${request.method} ${path} answered ${reply.statusCode} in ${ms} ms${request.caller ? ` (${request.caller.label})` : ''}`,
    );
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('cache-control', 'no-store');
  });

  await app.register(helmet, {
    // The web UI loads only its own scripts and styles; the API docs page too (static CSP, below).
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    strictTransportSecurity: https,
    // Sign-in links carry their token in the fragment; never leak the page address to other sites.
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie);
  // Uploads are streamed part by part: a file is never buffered whole, whatever its size.
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 100_000, fileSize: 4 * 1024 ** 3 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'rate_limited', message: `Too many requests; retry after ${context.after}.` }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Intake API',
        version: '1',
        description:
          'Contact imports for QA: integrations, runs, imported contacts and the decision made about every source record. Authenticate with a session cookie (the web UI) or `Authorization: Bearer <API token>`.',
      },
      components: { securitySchemes: { apiToken: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'intake_session' } } },
      security: [{ apiToken: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: (header) => (https ? header : header.replace(/\s*upgrade-insecure-requests;?/, '')) });
  if (webRoot) {
    // Source maps would publish the UI's source: never served, even if a build left them behind.
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'], serveDotFiles: false, allowedPath: (path) => !path.endsWith('.map') });
  }

  app.addHook('onRequest', authenticator(deps.services, { secureCookies: https }));
  app.addHook('preValidation', rejectNulBytes);

  registerSystemRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerWorkspaceRoutes(app, deps);
  registerIntegrationRoutes(app, deps);
  registerDirectoryRoutes(app, deps);
  registerContactRoutes(app, deps);
  registerTroubleshootingRoutes(app, deps);
  registerHealthRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerUploadRoutes(app, deps);
  await app.ready();
  return app;
}

function trustProxySetting(trusted: ApiDeps['trustedProxies']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trusted === undefined || trusted === null) return false;
  // Fastify ignores a bare number (it cannot tell a proxy from a client claiming hops); as a
  // function it trusts that many hops, which is right when only the proxies can reach Intake.
  if (typeof trusted === 'number') return (_address, hop) => hop < trusted;
  return [...trusted];
}
