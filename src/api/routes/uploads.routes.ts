import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pushContacts } from '../../services/push-contacts.js';
import { ValidationError } from '../../services/service-errors.js';
import { previewUpload, uploadFile, type ReceiveUpload } from '../../services/upload-file.js';
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
 * After a preview, at most this much more of the file is read (and dropped) so the connection can
 * serve another request; past it, the rest is not read: the answer closes the connection.
 */
const PREVIEW_DRAIN_BYTES = 1024 * 1024;

/**
 * The multipart body's fields, then its file, streamed: opened by the service once it knows the
 * integration takes files (an unknown one is a 404 whatever the body). Fields after the file are
 * not read. Whatever of the file was not read (a preview reads its first rows) is drained after,
 * up to `limit` bytes: `drain` says whether the body was read to its end.
 */
function uploadedFile(request: FastifyRequest): { receive: ReceiveUpload; drain: (limit?: number) => Promise<boolean> } {
  let file: MultipartFile | null = null;
  return {
    async receive() {
      if (!request.isMultipart()) throw new ValidationError([{ path: 'file', message: 'is missing: send multipart/form-data with the file as a part named "file"' }]);
      const fields: Record<string, string> = {};
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          continue;
        }
        file = part;
        break;
      }
      if (!file) throw new ValidationError([{ path: 'file', message: 'is missing: send the file as a multipart part named "file", after the other fields' }]);
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
      return { fileName: file.filename, bytes: file.file, connection };
    },
    async drain(limit = Number.POSITIVE_INFINITY) {
      const stream = file?.file;
      if (!stream || stream.readableEnded || stream.destroyed) return true;
      // The service may have left its own reader on the stream: a second one reads on, and leaving
      // it early does not destroy the stream.
      let read = 0;
      try {
        for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
          read += (chunk as Buffer).length;
          if (read > limit) {
            // Left unread: the connection is closed after the answer, which fails this stream; that is expected.
            stream.on('error', () => undefined);
            return false;
          }
        }
      } catch {
        // The sender went away: there is nothing more to read.
      }
      return true;
    },
  };
}

/** Runs a service on the request's uploaded file, draining what it left unread. */
async function withUploadedFile<T>(request: FastifyRequest, use: (receive: ReceiveUpload) => Promise<T>): Promise<T> {
  const upload = uploadedFile(request);
  try {
    return await use(upload.receive);
  } finally {
    await upload.drain();
  }
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
      const run = await withUploadedFile(request, (receive) => uploadFile(services, caller.workspaceId, request.params.id, receive, { actor: caller.label }));
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
    async (request, reply) => {
      const caller = request.caller!;
      const upload = uploadedFile(request);
      let preview;
      try {
        preview = await previewUpload(services, caller.workspaceId, request.params.id, upload.receive);
      } finally {
        // A large file is not read past its first rows: beyond a little, the rest is left unread
        // and the connection closes after the answer (so send only its first few hundred kilobytes).
        const drained = await upload.drain(PREVIEW_DRAIN_BYTES);
        if (!drained) void reply.header('connection', 'close');
      }
      return preview;
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
      // The service validates the body, after the integration: an unknown one is a 404 whatever was sent.
      attachValidation: true,
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
