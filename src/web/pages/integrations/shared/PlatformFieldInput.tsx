import type { ReactNode } from 'react';
import type { PlatformField } from '../../../api/platforms';
import { Field } from '../../../components/Field';
import { SecretInput } from '../../../components/SecretInput';

const INPUT_TYPES = { text: 'text', url: 'url', email: 'email' } as const;

/** A platform's help text, where `backticks` mark a command or a name to type: shown as code. */
export function helpText(text: string): ReactNode {
  const parts = text.split('`');
  if (parts.length < 3 || parts.length % 2 === 0) return text;
  return parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

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
    <Field label={field.label} hint={locked ?? (field.help ? helpText(field.help) : undefined)} error={error} required={field.required && !locked}>
      {(c) =>
        field.kind === 'secret' ? (
          <SecretInput control={c} label={field.label} value={value} onChange={onChange} />
        ) : field.options && locked === null ? (
          <select {...c} className="input" value={value} onChange={(e) => onChange(e.target.value)}>
            {value === '' ? <option value="">{field.placeholder ? `Choose (e.g. ${field.placeholder})` : 'Choose…'}</option> : null}
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
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
