import type { ManualImportView } from '../api/types';
import { formatDate } from '../format/relative-time';

interface WouldExclude {
  reason?: string;
  expected?: string;
  actual?: unknown;
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (value === null || value === undefined || value === '') return 'nothing';
  return String(value);
}

/** Why the schedule would have left it out, in words. */
export function becauseWords(would: WouldExclude): string {
  switch (would.reason) {
    case 'filter':
      return `of the filter ${would.expected ?? ''} (it has ${shown(would.actual)})`;
    case 'status_not_eligible':
      return `its status is ${shown(would.actual)}, and the status criteria ask for ${String(would.expected ?? '').replace(/^status is one of /, '')}`;
    case 'before_start_date':
      return `it was created on ${typeof would.actual === 'string' ? formatDate(would.actual) : shown(would.actual)}, before the start date (${String(would.expected ?? '').replace(/^created on or after /, '')})`;
    case 'deleted_at_source':
      return 'it is deleted at the source';
    default:
      return `of ${String(would.reason ?? 'a check').replaceAll('_', ' ')}`;
  }
}

/** What a manual import did, as a title and a sentence. */
export function manualImportWords(result: ManualImportView, word: string, sourceRef: string): { tone: 'success' | 'info' | 'danger'; title: string; text: string } {
  const d = result.decision;
  const reference = `${word} ${sourceRef}`;
  if (!d) return { tone: 'danger', title: `The manual import ${result.run.status}`, text: result.run.error?.message ?? 'Nothing was decided about it; open the run for details.' };
  const would = (d.evidence.scheduleWouldExclude ?? null) as WouldExclude | null;
  switch (d.outcome) {
    case 'imported':
      return {
        tone: 'success',
        title: `Imported ${word.toLowerCase()} ${sourceRef}`,
        text: would ? `It is in the workspace now. The schedule would have excluded it because ${becauseWords(would)}.` : 'It is in the workspace now. The schedule would have imported it too: it had not been read yet.',
      };
    case 'updated':
      return { tone: 'success', title: `${reference} was already imported`, text: 'Its contact was refreshed with the newer version from the platform.' };
    case 'unchanged':
      return { tone: 'info', title: `${reference} was already imported`, text: 'Nothing changed: the contact already holds this version.' };
    case 'failed':
      return {
        tone: 'danger',
        title: `${reference} could not be read`,
        text: `Field ${String(d.evidence.field ?? '?')}: ${String(d.evidence.message ?? 'unreadable')}. ${
          // A row of a file or a pushed record: its values or the integration's mapping are what to fix.
          typeof d.evidence.location === 'string' ? 'Correct its values and import it again, or fix the integration’s mapping (date order, time zone) and import it again.' : 'Send a support report with this reference.'
        }`,
      };
    case 'excluded':
      return { tone: 'info', title: `${reference} was not imported`, text: `It was excluded: ${String(d.reason ?? '').replaceAll('_', ' ')}.` };
  }
}
