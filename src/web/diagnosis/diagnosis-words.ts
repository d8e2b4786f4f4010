import type { DiagnosisCause, DiagnosisStepView } from '../api/types';
import type { IconName } from '../components/Icon';

type Tone = 'success' | 'info' | 'warning' | 'danger';

/** Each cause as a short title and the tone of its callout (the sentence itself comes from the server). */
export const CAUSES: Record<DiagnosisCause, { title: string; tone: Tone }> = {
  imported: { title: 'Imported: not missing', tone: 'success' },
  imported_elsewhere: { title: 'Imported under another integration', tone: 'info' },
  excluded_by_filter: { title: 'Excluded by a filter', tone: 'warning' },
  before_start_date: { title: 'Created before the start date', tone: 'warning' },
  status_not_eligible: { title: 'Not in an eligible status yet', tone: 'info' },
  deleted_at_source: { title: 'Deleted at the source', tone: 'info' },
  not_seen_yet: { title: 'Not read yet', tone: 'info' },
  integration_paused: { title: 'The integration is paused', tone: 'warning' },
  integration_failing: { title: 'The integration is failing', tone: 'danger' },
  rate_limited: { title: 'Rate limited by the platform', tone: 'warning' },
  unknown_reference: { title: 'Unknown reference', tone: 'warning' },
  record_failed: { title: 'The record could not be read', tone: 'danger' },
  would_import: { title: 'Eligible, but not imported yet', tone: 'warning' },
  undetermined: { title: 'Cause not determined', tone: 'warning' },
};

type Verdict = DiagnosisStepView['verdict'];

/** A step's verdict as an icon and a word, so colour is never the only signal. */
export const STEP_VERDICTS: Record<Verdict, { word: string; icon: IconName; tone: string }> = {
  ok: { word: 'OK', icon: 'check-circle', tone: 'active' },
  problem: { word: 'Problem', icon: 'alert-triangle', tone: 'failure' },
  not_applicable: { word: 'Not applicable', icon: 'minus-circle', tone: 'neutral' },
  unknown: { word: 'Unknown', icon: 'help-circle', tone: 'neutral' },
};
