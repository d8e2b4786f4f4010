import { useEffect, useState } from 'react';
import type { FieldErrors } from '../../../api/field-errors';
import type { PlatformField } from '../../../api/platforms';
import { FieldError } from '../../../components/Field';
import type { FieldValues } from './platform-draft';
import { PlatformFieldInput } from './PlatformFieldInput';

/**
 * A platform's connection settings in the order it declares them; the advanced ones (a base URL
 * for proxies and simulators) folded under a disclosure that opens by itself when one of them has
 * a value or a problem.
 */
export function ConnectionFields({
  fields,
  values,
  onChange,
  errors,
  lockedHint = null,
}: {
  fields: readonly PlatformField[];
  values: FieldValues;
  onChange: (values: FieldValues) => void;
  errors: FieldErrors;
  /** Reconnect: the fields that say which account stay as they are, with this reason. */
  lockedHint?: string | null;
}) {
  const main = fields.filter((f) => !f.advanced);
  const advanced = fields.filter((f) => f.advanced);
  const advancedError = advanced.some((f) => errors.get(`connection.${f.key}`));
  const [open, setOpen] = useState(() => advanced.some((f) => values[f.key]));
  useEffect(() => {
    if (advancedError) setOpen(true);
  }, [advancedError]);
  const general = errors.get('connection');
  const input = (field: PlatformField, locked: string | null) => (
    <PlatformFieldInput
      key={field.key}
      field={field}
      value={values[field.key] ?? ''}
      onChange={(value) => onChange({ ...values, [field.key]: value })}
      error={errors.get(`connection.${field.key}`)}
      locked={locked}
    />
  );
  return (
    <div className="stack">
      {main.length ? <div className="form-grid">{main.map((f) => input(f, lockedHint))}</div> : null}
      {general ? <FieldError message={general} /> : null}
      {advanced.length ? (
        <details className="disclosure" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="advanced-connection">
          <summary>Advanced: {advanced.map((f) => f.label).join(', ')}</summary>
          <div className="form-grid">{advanced.map((f) => input(f, null))}</div>
        </details>
      ) : null}
    </div>
  );
}
