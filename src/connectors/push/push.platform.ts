import { z } from 'zod';
import type { PlatformDefinition } from '../platform.js';
import { receivingConnector } from '../received-records.js';
import { mapPushRecord, PUSH_STATUSES } from './push-record.js';

const pushConnectionSchema = z
  .object({
    /** Where the records come from ("chat tool"): the source account of the dedup key. */
    source: z.string().trim().min(1, 'must name where the records come from').max(100, 'must be at most 100 characters'),
  })
  .strict();
type PushConnection = z.infer<typeof pushConnectionSchema>;

/**
 * The `push` platform: contacts the customer's own scripts send to
 * `POST /api/v1/integrations/:id/contacts`, up to 1,000 a request. Nothing is read on a schedule:
 * each request is a run.
 */
export const pushPlatform: PlatformDefinition<PushConnection, Record<string, never>> = {
  id: 'push',
  displayName: 'Push API',
  referenceName: 'reference',
  connectionSchema: pushConnectionSchema,
  credentialsSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  sourceAccount: (connection) => connection.source,
  connectionProblems: () => [],
  createConnector: ({ connection }) => receivingConnector(connection.source, 'pushed records'),
  presentation: {
    noun: { one: 'record', many: 'records' },
    mark: { letters: 'P', colour: '#1d5c96' },
    summary: 'Contacts your own scripts send to Intake’s API, up to 1,000 a request, each answered with its decision; authenticated by an API token limited to this integration.',
    connectionFields: [
      {
        key: 'source',
        label: 'Source name',
        help: 'Where the records come from ("chat tool"): references are unique within it.',
        placeholder: 'chat tool',
        kind: 'text',
        required: true,
        flag: '--source',
      },
    ],
    credentialVariants: [],
    statuses: PUSH_STATUSES,
    channels: ['phone', 'chat', 'email', 'sms', 'social', 'video'],
    errorFixes: {},
  },
  capabilities: { credentialsNeeded: false, fetchOne: false, backfill: false, detectsDeletions: false, directory: false },
  push: { maxBatch: 1000, mapRecord: (raw, index) => mapPushRecord(raw, `record ${index + 1} of the batch`) },
  // A pushed record is mapped the same way whenever it is read: its own version stands.
  received: { mapKept: (values, { location }) => mapPushRecord(values, location) },
};
