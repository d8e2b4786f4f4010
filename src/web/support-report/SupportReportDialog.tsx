import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FieldErrors } from '../api/field-errors';
import { useIntegrations } from '../api/integrations';
import { useSupportReport } from '../api/troubleshooting';
import { ChipsInput } from '../components/ChipsInput';
import { DateField } from '../components/DateField';
import { Field } from '../components/Field';
import { FormError } from '../components/FormError';
import { Icon, Spinner } from '../components/Icon';
import { lastDayWords, supportReportInput, type SupportReportDraft } from './support-report-draft';
import { SupportReportOutcome } from './SupportReportOutcome';

const SHOWN = ['integrationId', 'from', 'to', 'sourceRefs', 'sourceRefs.'];

/** "Reference 3: must be at most 200 characters" — the API names the list entry by its index. */
function referencesError(errors: FieldErrors): string | undefined {
  const whole = errors.get('sourceRefs');
  if (whole) return whole;
  const entry = errors.problems.find((p) => p.path.startsWith('sourceRefs.'));
  return entry ? `Reference ${Number(entry.path.split('.')[1]) + 1}: ${entry.message}` : undefined;
}

/**
 * What the troubleshooting guide asks support for, chosen in a small dialog: the integration, the
 * affected days and one or more references. The report is copied when the browser allows it, and
 * can always be downloaded.
 */
export function SupportReportDialog({ initial, onClose }: { initial: SupportReportDraft; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState(initial);
  const integrations = useIntegrations();
  const report = useSupportReport();
  const errors = FieldErrors.of(report.error);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    report.mutate(supportReportInput(draft));
  };
  const set = <K extends keyof SupportReportDraft>(key: K, value: SupportReportDraft[K]) => setDraft({ ...draft, [key]: value });
  const known = integrations.data ?? [];
  const chosenMissing = draft.integrationId !== '' && integrations.isSuccess && !known.some((i) => i.id === draft.integrationId);

  return (
    // Escape and the Close button both end in onClose; the opener gets the focus back.
    <dialog ref={ref} className="dialog" aria-labelledby="support-report-title" onClose={onClose} data-testid="support-report-dialog">
      <form className="stack" onSubmit={submit} noValidate>
        <div className="spread">
          <h2 id="support-report-title">Create a support report</h2>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => ref.current?.close()} aria-label="Close the support report">
            <Icon name="x" size={14} />
          </button>
        </div>
        <p className="small muted">
          For a support ticket: the integration's status and settings history, its runs and volume over these days, and the diagnosis of each reference. Never a
          credential.
        </p>
        <Field label="Integration" error={errors.get('integrationId') ?? (chosenMissing ? 'This integration no longer exists; choose another' : undefined)}>
          {(c) => (
            <select {...c} className="select" value={draft.integrationId} onChange={(e) => set('integrationId', e.target.value)} disabled={integrations.isPending}>
              {draft.integrationId === '' || chosenMissing ? <option value="">{integrations.isPending ? 'Loading the integrations…' : 'Choose an integration'}</option> : null}
              {known.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name} ({i.platformName}, {i.sourceAccount})
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="range-fields">
          <DateField label="First day" hint="UTC." error={errors.get('from')} value={draft.from} onChange={(v) => set('from', v)} />
          <DateField label="Last day" hint="Included (UTC)." error={lastDayWords(errors.get('to'))} value={draft.lastDay} onChange={(v) => set('lastDay', v)} />
        </div>
        <Field label="References (optional)" hint="Ticket, call or conversation ids of the affected contacts. Press Enter or a comma after each; up to 20." error={referencesError(errors)}>
          {(c) => <ChipsInput control={c} values={draft.sourceRefs} onChange={(v) => set('sourceRefs', v)} placeholder="Type a reference, press Enter" />}
        </Field>
        <FormError error={report.error} shown={SHOWN} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={report.isPending}>
            {report.isPending ? (
              <>
                <Spinner /> Preparing the report…
              </>
            ) : report.isSuccess ? (
              'Create it again'
            ) : (
              'Create the report'
            )}
          </button>
          <button type="button" className="btn" onClick={() => ref.current?.close()}>
            {report.isSuccess ? 'Done' : 'Cancel'}
          </button>
        </div>
        {/* Keyed by the request, so each one copies again (the same report may come back twice). */}
        <SupportReportOutcome key={report.submittedAt} markdown={report.isSuccess ? report.data.markdown : undefined} />
      </form>
    </dialog>
  );
}
