import { z } from 'zod';
import type { NormalisedStatus } from '../../core/contact.js';
import type { MappedRecord } from '../../core/ports.js';

/** Status words pushed records may use (any other word counts as pending). */
export const PUSH_STATUSES: Array<{ value: string; label: string; normalised: NormalisedStatus }> = [
  { value: 'open', label: 'Open', normalised: 'open' },
  { value: 'pending', label: 'Pending', normalised: 'pending' },
  { value: 'solved', label: 'Solved', normalised: 'solved' },
  { value: 'closed', label: 'Closed', normalised: 'closed' },
  { value: 'deleted', label: 'Deleted', normalised: 'deleted' },
];
const STATUS_BY_WORD = new Map(PUSH_STATUSES.map((s) => [s.value, s.normalised]));

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with its offset, such as 2026-03-03T14:05:00Z' });
const scalar = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/** One pushed record: a conversation as the customer's script describes it. */
export const pushRecordSchema = z
  .object({
    sourceRef: z.union([z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'), z.number().int().nonnegative()]).transform(String),
    /** Grows with every change of the record; the same reference and version again changes nothing. */
    version: z.number().int('must be a whole number').nonnegative('must be 0 or more').optional(),
    createdAt: instant,
    updatedAt: instant.optional(),
    closedAt: instant.nullable().optional(),
    channel: z.string().max(100).nullable().optional(),
    agent: z.union([z.string().max(200), z.number()]).transform(String).nullable().optional(),
    status: z.string().trim().min(1).max(100).default('closed'),
    tags: z.array(z.string().max(200)).max(200).default([]),
    customFields: z.record(z.string().max(200), z.union([scalar, z.array(z.string().max(1000))])).default({}),
    metadata: z.record(z.string().max(200), scalar).default({}),
  })
  .strict();

/**
 * A pushed record mapped as a connector maps its own, or a failure naming its field; `location`
 * says where it was ("record 2 of the batch"). A record that is an object carries its copy, kept
 * should it not import.
 */
export function mapPushRecord(raw: unknown, location: string): MappedRecord {
  const mapped = mapRecord(raw, location);
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...mapped, received: { values: raw as Record<string, unknown>, location } } : mapped;
}

function mapRecord(raw: unknown, location: string): MappedRecord {
  const parsed = pushRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const ref = raw && typeof raw === 'object' && 'sourceRef' in raw ? (raw as { sourceRef: unknown }).sourceRef : null;
    const field = issue.path.length > 0 ? issue.path.join('.') : '(record)';
    const rawValue = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k as string] : undefined), raw);
    return { ok: false, sourceRef: typeof ref === 'string' || typeof ref === 'number' ? String(ref) : null, field, message: issue.message, rawValue: rawValue ?? null, location };
  }
  const r = parsed.data;
  const updatedAt = r.updatedAt ?? r.createdAt;
  return {
    ok: true,
    contact: {
      sourceRef: r.sourceRef,
      channel: r.channel ? r.channel.toLowerCase() : null,
      agent: r.agent ?? null,
      sourceStatus: r.status,
      status: STATUS_BY_WORD.get(r.status.toLowerCase()) ?? 'pending',
      tags: [...new Set(r.tags)],
      customFields: r.customFields,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(updatedAt).toISOString(),
      closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
      // Without a version, the update time decides: a record re-sent unchanged is a duplicate.
      version: r.version ?? Date.parse(updatedAt),
      metadata: r.metadata,
    },
  };
}
