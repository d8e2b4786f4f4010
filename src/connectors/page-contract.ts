import type { MappedRecord } from '../core/ports.js';
import { SourceError } from '../core/source-error.js';

/**
 * A record with a bad field is that record's problem (a `failed` decision); every record of a page
 * failing on the same field is the API's: the field was renamed or removed. Throws api_changed
 * then, so none of the page is written and the integration says plainly what changed.
 */
export function assertPageContract(records: readonly MappedRecord[], platformName: string, recordName: string): void {
  if (records.length < 2) return;
  const first = records[0]!;
  if (first.ok) return;
  if (!records.every((r) => !r.ok && r.field === first.field)) return;
  throw new SourceError(
    'api_changed',
    `${platformName}'s response no longer matches its documented format: none of the ${records.length} ${recordName}s on a page had a valid \`${first.field}\` (${first.message}). The API may have changed; no ${recordName} from that page was written. Contact support with this run id.`,
    { field: first.field, records: records.length },
  );
}
