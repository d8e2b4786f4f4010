import type { ContactMetadata, CustomFieldValue, NormalisedStatus } from '../../core/contact.js';
import type { MappedRecord } from '../../core/ports.js';
import { parseFileDate, type DateOrder } from './file-dates.js';
import type { FileMapping } from './file-connection.js';

/** Status words files use, folded onto Intake's lifecycle; any other word counts as pending. */
export const FILE_STATUS_WORDS: Array<{ value: string; label: string; normalised: NormalisedStatus }> = [
  { value: 'open', label: 'Open', normalised: 'open' },
  { value: 'new', label: 'New', normalised: 'open' },
  { value: 'pending', label: 'Pending', normalised: 'pending' },
  { value: 'on hold', label: 'On hold', normalised: 'pending' },
  { value: 'solved', label: 'Solved', normalised: 'solved' },
  { value: 'resolved', label: 'Resolved', normalised: 'solved' },
  { value: 'answered', label: 'Answered', normalised: 'solved' },
  { value: 'completed', label: 'Completed', normalised: 'solved' },
  { value: 'done', label: 'Done', normalised: 'solved' },
  { value: 'closed', label: 'Closed', normalised: 'closed' },
  { value: 'ended', label: 'Ended', normalised: 'closed' },
  { value: 'deleted', label: 'Deleted', normalised: 'deleted' },
];
const STATUS_BY_WORD = new Map(FILE_STATUS_WORDS.map((s) => [s.value, s.normalised]));

/** How rows become contacts: the mapping and how dates read, plus this upload's version. */
export interface RowContext {
  mapping: FileMapping;
  timeZone: string;
  dateOrder: DateOrder;
  /** Every row of one upload carries the same version: a later upload is newer (see docs/platforms/file.md). */
  version: number;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function scalar(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function tagsOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(text) : text(value).split(/[,;|]/);
  return [...new Set(items.map((t) => t.trim()).filter((t) => t !== ''))];
}

function customValue(value: unknown): CustomFieldValue {
  if (Array.isArray(value)) return value.map(text);
  const v = scalar(value);
  return v === '' ? null : v;
}

/** The columns a mapping names, worked out once per mapping rather than once per row of a large file. */
const MAPPED_COLUMNS = new WeakMap<FileMapping, ReadonlySet<string>>();
function mappedColumns(mapping: FileMapping): ReadonlySet<string> {
  let columns = MAPPED_COLUMNS.get(mapping);
  if (!columns) {
    const set = new Set<string>([mapping.sourceRef, mapping.createdAt, ...mapping.customFields]);
    for (const column of [mapping.updatedAt, mapping.closedAt, mapping.channel, mapping.agent, mapping.status, mapping.tags]) if (column) set.add(column);
    columns = set;
    MAPPED_COLUMNS.set(mapping, columns);
  }
  return columns;
}

/**
 * One row (a CSV record by column name, or a JSON line's object) as a contact, or a failure naming
 * the column at fault and where the row is (`row 1,207 of weekly-calls.csv`).
 */
export function mapFileRow(values: Record<string, unknown>, context: RowContext, location: string): MappedRecord {
  const { mapping } = context;
  const ref = text(values[mapping.sourceRef]);
  const fail = (field: string, message: string, rawValue?: unknown): MappedRecord => ({ ok: false, sourceRef: ref === '' ? null : ref, field, message, rawValue: rawValue ?? null, location });
  if (ref === '') return fail(mapping.sourceRef, 'is empty: every row needs its reference');
  if (ref.length > 200) return fail(mapping.sourceRef, 'is longer than 200 characters', ref.slice(0, 200));

  const date = (column: string | null, required: boolean): string | null | MappedRecord => {
    if (column === null) return null;
    const raw = text(values[column]);
    if (raw === '') return required ? fail(column, 'is empty: every row needs it') : null;
    return parseFileDate(raw, context.timeZone, context.dateOrder) ?? fail(column, 'is not a date', raw);
  };
  const createdAt = date(mapping.createdAt, true);
  if (typeof createdAt !== 'string') return createdAt as MappedRecord;
  const updatedAt = date(mapping.updatedAt, false);
  if (updatedAt !== null && typeof updatedAt !== 'string') return updatedAt;
  const closedAt = date(mapping.closedAt, false);
  if (closedAt !== null && typeof closedAt !== 'string') return closedAt;

  const statusWord = mapping.status === null ? 'closed' : text(values[mapping.status]);
  if (statusWord === '') return fail(mapping.status!, 'is empty: map no status column if the file has none, and every row counts as closed');
  const status = STATUS_BY_WORD.get(statusWord.toLowerCase()) ?? 'pending';

  const mapped = mappedColumns(mapping);
  const metadata: ContactMetadata = {};
  for (const key in values) if (!mapped.has(key) && Object.hasOwn(values, key)) metadata[key] = scalar(values[key]);
  const customFields: Record<string, CustomFieldValue> = {};
  for (const column of mapping.customFields) customFields[column] = customValue(values[column]);

  return {
    ok: true,
    contact: {
      sourceRef: ref,
      channel: mapping.channel === null ? null : text(values[mapping.channel]).toLowerCase() || null,
      agent: mapping.agent === null ? null : text(values[mapping.agent]) || null,
      sourceStatus: statusWord,
      status,
      tags: mapping.tags === null ? [] : tagsOf(values[mapping.tags]),
      customFields,
      createdAt,
      updatedAt: updatedAt ?? createdAt,
      closedAt,
      version: context.version,
      metadata,
    },
  };
}
