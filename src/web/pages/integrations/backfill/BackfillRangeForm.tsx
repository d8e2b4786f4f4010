import type { FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { FieldErrors } from '../../../api/field-errors';
import { DateField } from '../../../components/DateField';
import { FormError } from '../../../components/FormError';
import { Spinner } from '../../../components/Icon';
import { isDay, type DayRange } from './backfill-range';

/** The API names the exclusive `to`; the form shows the last day. */
function toWords(message: string | undefined): string | undefined {
  return message === 'must be after from' ? 'Must be on or after the first day' : message;
}

export interface RangeFormState {
  previewing: boolean;
  starting: boolean;
  /** A backfill is running: Start waits for it to end. */
  busy: boolean;
  resumable: boolean;
  previewed: boolean;
}

/** The range to re-read (first and last creation day, both included), with Preview and Start. */
export function BackfillRangeForm({
  range,
  onChange,
  onPreview,
  onStart,
  error,
  lastDayProblem,
  state,
  startDate,
  settingsHref,
}: {
  range: DayRange;
  onChange: (range: DayRange) => void;
  onPreview: () => void;
  onStart: () => void;
  error: unknown;
  lastDayProblem?: string | null;
  state: RangeFormState;
  /** The integration's start date: contacts created before it stay excluded by a backfill. */
  startDate: string;
  settingsHref: string;
}) {
  const beforeStart = isDay(range.from) && range.from < startDate;
  const firstDayHint = beforeStart ? (
    <span data-testid="backfill-before-start">
      Before the start date ({startDate}): contacts created earlier stay excluded. To bring them in, move the start date in{' '}
      <Link to={settingsHref}>Settings</Link> first.
    </span>
  ) : (
    'Created on or after this day (UTC).'
  );
  const errors = FieldErrors.of(error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onPreview();
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="backfill-range-title">
      <div className="stack-sm">
        <h2 id="backfill-range-title">Backfill a range</h2>
        <p className="muted">
          A backfill re-reads the contacts created in these days with today's settings: those that pass are imported, those already imported are refreshed,
          nothing is duplicated. Scheduled runs keep going meanwhile. Preview it first: the preview counts what it would do and writes nothing.
        </p>
      </div>
      <div className="range-fields">
        <DateField label="First day" hint={firstDayHint} error={errors.get('from')} value={range.from} onChange={(from) => onChange({ ...range, from })} />
        <DateField label="Last day" hint="Included (UTC)." error={lastDayProblem ?? toWords(errors.get('to'))} value={range.lastDay} onChange={(lastDay) => onChange({ ...range, lastDay })} />
      </div>
      <div className="form-actions">
        <button type="submit" className={state.previewed ? 'btn' : 'btn btn-primary'} disabled={state.previewing}>
          {state.previewing ? (
            <>
              <Spinner /> Previewing…
            </>
          ) : state.previewed ? (
            'Preview again'
          ) : (
            'Preview'
          )}
        </button>
        <button type="button" className={state.previewed ? 'btn btn-primary' : 'btn'} onClick={onStart} disabled={state.starting || state.busy}>
          {state.starting ? <Spinner /> : null}
          {state.resumable ? 'Resume backfill' : 'Start backfill'}
        </button>
        {state.busy ? <span className="small muted">A backfill is running: cancel it or wait for it to finish before starting another.</span> : null}
      </div>
      <FormError error={error} shown={['from', 'to']} />
    </form>
  );
}
