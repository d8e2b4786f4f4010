import type { SupportReportInput } from '../api/types';

const DAY = 86_400_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The support report as its dialog edits it: the last day is included, as a person says it. */
export interface SupportReportDraft {
  integrationId: string;
  from: string;
  lastDay: string;
  sourceRefs: string[];
}

/** The week up to today, for the integration and references given (a diagnosis gives its own). */
export function newSupportReportDraft(input: Partial<SupportReportDraft> = {}, now = Date.now()): SupportReportDraft {
  return { integrationId: '', from: dayOf(now - 7 * DAY), lastDay: dayOf(now), sourceRefs: [], ...input };
}

/**
 * The API's input: `to` is the day after the last one (exclusive). An incomplete day goes as it is,
 * so the API's message shows beside the field that needs it.
 */
export function supportReportInput(draft: SupportReportDraft): SupportReportInput {
  return {
    integrationId: draft.integrationId,
    from: draft.from,
    to: isDay(draft.lastDay) ? dayOf(Date.parse(`${draft.lastDay}T00:00:00Z`) + DAY) : draft.lastDay,
    sourceRefs: draft.sourceRefs,
  };
}

/** The API names the exclusive `to`; the dialog shows the last day. */
export function lastDayWords(message: string | undefined): string | undefined {
  return message === 'must be after from' ? 'Must be on or after the first day' : message;
}
