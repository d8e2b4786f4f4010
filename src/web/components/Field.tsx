import { useId, type ReactElement, type ReactNode } from 'react';
import { Icon } from './Icon';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/**
 * A labelled form control with an optional hint and the API's message for it, linked to the
 * control by aria-describedby.
 */
export function Field({
  label,
  hint,
  error,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (props: ControlProps) => ReactElement;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error ? <FieldError id={errorId!} message={error} /> : null}
      {hint ? (
        <span id={hintId!} className="field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message: string }) {
  return (
    <span id={id} className="field-error" data-testid="field-error">
      <Icon name="alert-triangle" size={14} />
      <span>{capitalise(message)}</span>
    </span>
  );
}

/** The API's field messages start lower-case ("must not be empty"); beside a control they read as sentences. */
function capitalise(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
