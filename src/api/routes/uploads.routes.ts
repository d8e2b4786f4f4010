import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pushContacts } from '../../services/push-contacts.js';
import { ValidationError } from '../../services/service-errors.js';
import { previewUpload, uploadFile, type UploadInput } from '../../services/upload-file.js';
import type { ApiDeps } from '../api-deps.js';
import { errorResponseSchema, idParamSchema } from '../contract/common.js';
import { runView } from '../contract/integrations.js';
import { pushContactsInputSchema, pushContactsView, uploadFieldsSchema, uploadPreviewView } from '../contract/uploads.js';
import { presentRun } from '../present.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };
const manage = { access: { require: 'manage_integrations' as const, feature: 'integrations' as const } };
const tags = ['uploads and push'];
/** Push requests allowed per token (or per user) a minute, unless the deps say otherwise. */
export const DEFAULT_PUSH_REQUESTS_PER_MINUTE = 120;

const multipartDescription =
  'A `multipart/form-data` body: first, optionally, a `connection` field (JSON: `{"mapping": {"sourceRef": "call_id", "createdAt": "started", …}, "timeZone": "Europe/Paris", "dateOrder": "day_first"}`), then the `file` part (CSV or JSON Lines, UTF-8 or Latin-1, any size: it is streamed, never held whole).';

/**
 * The multipart body's fields, then its file, streamed into `use`. Fields after the file are not
 * read: the file is consumed as it arrives.
 */
async function withUploadedFile<T>(request: FastifyRequest, use: (input: UploadInput, file: MultipartFile) => Promise<T>): Promise<T> {
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    const parsed = uploadFieldsSchema.safeParse(fields);
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message })));
    let connection: unknown;
    if (parsed.data.connection !== undefined) {
      try {
        connection = JSON.parse(parsed.data.connection);
      } catch {
        throw new ValidationError([{ path: 'connection', message: 'is not valid JSON' }]);
      }
    }
    try {
      return await use({ fileName: part.filename, bytes: part.file, connection }, part);
    } finally {
      // Whatever was not read (a preview reads the first rows; a refused file its first bytes) is drained.
      part.file.resume();
      if (!part.file.readableEnded) await new Promise((resolve) => part.file.once('end', resolve).once('error', resolve));
    }
  }
  throw new ValidationError([{ path: 'file', message: 'is missing: send the file as a multipart part named "file", after the other fields' }]);
}

/** Files uploaded to file integrations, and records pushed to push integrations. */
export function registerUploadRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { services } = deps;
  const now = () => services.clock.now();

  app.post(
    '/api/v1/integrations/:id/uploads',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Import a CSV or JSON Lines file into a file integration, as one run (kind `upload`): each row decided, bad rows `failed` naming their row and column. A file that is neither, or whose mapping does not fit it, is refused with nothing written',
        description: multipartDescription,
        consumes: ['multipart/form-data'],
        params: idParamSchema,
        response: { 201: runView, ...errors },
      },
    },
    async (request, reply) => {
      const caller = request.caller!;
      const run = await withUploadedFile(request, (input) => uploadFile(services, caller.workspaceId, request.params.id, input, { actor: caller.label }));
      return reply.status(201).send(presentRun(run, now()));
    },
  );

  app.post(
    '/api/v1/integrations/:id/uploads/preview',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The first rows of a file decided as an upload would decide them, the columns, and the mapping proposed from the header row. Writes nothing (sending the first few hundred kilobytes is enough)',
        description: multipartDescription,
        consumes: ['multipart/form-data'],
        params: idParamSchema,
        response: { 200: uploadPreviewView, ...errors },
      },
    },
    async (request) => {
      const caller = request.caller!;
      return withUploadedFile(request, (input) => previewUpload(services, caller.workspaceId, request.params.id, input));
    },
  );

  app.post(
    '/api/v1/integrations/:id/contacts',
    {
      config: {
        access: { require: 'push', feature: 'integrations' },
        rateLimit: {
          max: deps.pushRequestsPerMinute ?? DEFAULT_PUSH_REQUESTS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) => `push:${request.caller?.tokenId ?? request.caller?.userId ?? request.ip}`,
        },
      },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Push up to 1,000 records to a push integration, as one run (kind `push`), answered with each record’s decision. Idempotent by source reference and version: a retried request answers `unchanged`. Authenticate with a push token of this integration (or as someone who manages integrations); rate-limited per token (429 with Retry-After)',
        params: idParamSchema,
        body: pushContactsInputSchema,
        response: { 200: pushContactsView, 429: errorResponseSchema, ...errors },
      },
    },
    async (request) => {
      const result = await pushContacts(services, request.caller!, request.params.id, request.body);
      return { run: presentRun(result.run, now()), decisions: result.decisions };
    },
  );
}
