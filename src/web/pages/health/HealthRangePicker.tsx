import { useEffect, useState, type FormEvent } from 'react';
import { FieldErrors } from '../../api/field-errors';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';
import { RANGE_LABELS, type HealthRange, type RangeChoice } from './health-range';

/** Last 48 hours (hourly), last 30 days (daily), or a custom range with its bucket. */
export function HealthRangePicker({ range, onChange, error }: { range: HealthRange; onChange: (range: HealthRange) => void; error: unknown }) {
  const [custom, setCustom] = useState(range);
  // The URL changed (a choice applied, Back): show what it says.
  useEffect(() => setCustom(range), [range]);
  const errors = FieldErrors.of(error);
  const choose = (choice: RangeChoice) => {
    setCustom({ ...custom, choice });
    if (choice !== 'custom') onChange({ ...range, choice });
  };
  const shown = custom.choice;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...custom, choice: 'custom' });
  };
  return (
    <div className="stack-sm">
      <fieldset className="segmented" aria-label="Range">
        {(Object.keys(RANGE_LABELS) as RangeChoice[]).map((choice) => (
          <label key={choice} className={shown === choice ? 'segment active' : 'segment'}>
            <input type="radio" name="health-range" value={choice} checked={shown === choice} onChange={() => choose(choice)} />
            {RANGE_LABELS[choice]}
          </label>
        ))}
      </fieldset>
      {shown === 'custom' ? (
        <form className="custom-range" onSubmit={apply} noValidate aria-label="Custom range">
          <DateField label="From" error={errors.get('from') ?? errors.get('querystring.from')} value={custom.from} onChange={(from) => setCustom({ ...custom, from })} />
          <DateField label="To (included)" error={errors.get('to') ?? errors.get('querystring.to')} value={custom.lastDay} onChange={(lastDay) => setCustom({ ...custom, lastDay })} />
          <Field label="Per" error={errors.get('bucket') ?? errors.get('querystring.bucket')}>
            {(c) => (
              <select {...c} className="select" value={custom.bucket} onChange={(e) => setCustom({ ...custom, bucket: e.target.value as 'hour' | 'day' })}>
                <option value="hour">Hour</option>
                <option value="day">Day</option>
              </select>
            )}
          </Field>
          <button type="submit" className="btn">
            Show
          </button>
          {custom.bucket === 'hour' && (errors.get('from') ?? errors.get('querystring.from'))?.includes('bucket=day') ? (
            <button type="button" className="btn btn-primary" onClick={() => onChange({ ...custom, choice: 'custom', bucket: 'day' })}>
              Show it per day instead
            </button>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
