import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { cancelRun, startBackfill } from '../../services/backfill.js';
import { diagnoseReference } from '../../services/diagnose-reference.js';
import { importOne } from '../../services/import-one.js';
import { createSupportReport } from '../../services/support-report.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponseSchema, idParamSchema } from '../contract/common.js';
import { diagnosisQuerySchema, referenceDiagnosesView } from '../contract/diagnosis.js';
import { runView } from '../contract/integrations.js';
import { backfillInputSchema, importOneInputSchema, manualImportView, supportReportInputSchema, supportReportView } from '../contract/troubleshooting.js';

import { presentRun } from '../present.js';
import { contactVisibleTo, decisionVisibleTo } from '../../services/visible-to.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 502: errorResponseSchema };
const manage = { access: { require: 'manage_integrations' as const, feature: 'integrations' as const } };

/** "Why is this contact missing?": diagnosis, manual import, backfill with preview, support report. */
export function registerTroubleshootingRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const now = () => services.clock.now();

  app.get(
    '/api/v1/diagnoses',
    {
      config: { access: { require: 'view_contacts', feature: 'integrations' } },
      schema: {
        tags: ['troubleshooting'],
        summary: 'Why is this contact missing? Walks the checklist for one source reference under each integration that could hold it (or the one named) and names the cause',
        querystring: diagnosisQuerySchema,
        response: { 200: referenceDiagnosesView, ...errors },
      },
    },
    async (request) => {
      return diagnoseReference(services, request.caller!, request.query, deps.launcher);
    },
  );

  app.post(
    '/api/v1/integrations/:id/imports',
    {
      config: manage,
      schema: {
        tags: ['troubleshooting'],
        summary:
          'Manual import of one conversation, now, whatever the filters say (a `single` run). The contact and the values behind the decision come back only to callers that also have View Imported Contacts.',
        params: idParamSchema,
        body: importOneInputSchema,
        response: { 201: manualImportView, ...errors },
      },
    },
    async (request, reply) => {
      const caller = request.caller!;
      const result = await importOne(services, caller.workspaceId, request.params.id, request.body, caller.label, deps.launcher);
      return reply.status(201).send({ run: presentRun(result.run, now()), decision: result.decision && decisionVisibleTo(caller, result.decision), contact: contactVisibleTo(caller, result.contact) });
    },
  );

  app.post(
    '/api/v1/integrations/:id/backfills',
    {
      config: manage,
      schema: {
        tags: ['troubleshooting'],
        summary: 'Backfill contacts created in [from, to) with today\'s settings — or preview it ({"preview": true}): counts, requests needed and time, nothing written',
        params: idParamSchema,
        body: backfillInputSchema,
        response: { 202: runView, ...errors },
      },
    },
    async (request, reply) => {
      const run = await startBackfill(services, deps.launcher, request.caller!.workspaceId, request.params.id, request.body, request.caller!.label);
      return reply.status(202).send(presentRun(run, now()));
    },
  );

  app.post(
    '/api/v1/runs/:id/cancel',
    { config: manage, schema: { tags: ['troubleshooting'], summary: 'Cancel a running backfill: it stops after the page it is writing', params: idParamSchema, response: { 200: runView, ...errors } } },
    async (request) => presentRun(await cancelRun(services, request.caller!.workspaceId, request.params.id), now()),
  );

  app.post(
    '/api/v1/support-reports',
    {
      config: manage,
      schema: {
        tags: ['troubleshooting'],
        summary: 'The report to attach to a support ticket: integration, status history, settings and changes, runs, diagnoses, volume (JSON and Markdown)',
        body: supportReportInputSchema,
        response: { 201: supportReportView, ...errors },
      },
    },
    async (request, reply) => {
      const { report, markdown } = await createSupportReport(services, request.caller!, request.body, deps.launcher);
      return reply.status(201).send({ report: report as unknown as Record<string, unknown>, markdown });
    },
  );
}
