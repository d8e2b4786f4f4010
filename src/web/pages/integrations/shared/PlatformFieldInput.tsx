import type { PlatformField } from '../../../api/platforms';
import { Field } from '../../../components/Field';
import { SecretInput } from '../../../components/SecretInput';

const INPUT_TYPES = { text: 'text', url: 'url', email: 'email' } as const;

/** One declared field: its label, a required mark, its help, its placeholder, and the API's message for it. */
export function PlatformFieldInput({
  field,
  value,
  onChange,
  error,
  locked = null,
}: {
  field: PlatformField;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  /** Shown read-only, with this reason instead of the field's help. */
  locked?: string | null;
}) {
  return (
    <Field label={field.label} hint={locked ?? field.help ?? undefined} error={error} required={field.required && !locked}>
      {(c) =>
        field.kind === 'secret' ? (
          <SecretInput control={c} label={field.label} value={value} onChange={onChange} />
        ) : (
          <input
            {...c}
            className="input"
            type={INPUT_TYPES[field.kind]}
            placeholder={field.placeholder ?? undefined}
            value={value}
            readOnly={locked !== null}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}
