import type { ReactNode } from 'react';
import { Field } from './Field';

/**
 * The API names its date format ("must be … written YYYY-MM-DD"), but the browser's picker shows
 * the reader's own (mm/dd/yyyy, dd/mm/yyyy) and always sends YYYY-MM-DD: a format complaint can
 * only mean the day was left incomplete or empty. Said in the picker's terms instead.
 */
export function inPickerTerms(message: string | undefined): string | undefined {
  if (!message) return message;
  return /YYYY-MM-DD|ISO-8601|calendar date/.test(message) ? 'Enter a complete date (day, month and year), or pick one from the calendar' : message;
}

/** A day, picked with the browser's date picker, with the API's message for it in the picker's terms. */
export function DateField({
  label,
  value,
  onChange,
  error,
  hint,
  className,
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  className?: string;
}) {
  return (
    <Field label={label} hint={hint} error={inPickerTerms(error)} className={className}>
      {(c) => <input {...c} className="input" type="date" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
