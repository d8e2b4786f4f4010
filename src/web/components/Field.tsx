import { useId, type ReactElement, type ReactNode } from 'react';
import { Icon } from './Icon';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'aria-required'?: boolean;
}

/**
 * A labelled form control with an optional hint and the API's message for it, linked to the
 * control by aria-describedby. A required one shows a mark beside its label (outside it, so the
 * control's name stays its label) and tells assistive technology through aria-required.
 */
export function Field({
  label,
  hint,
  error,
  children,
  className,
  required = false,
}: {
  label: ReactNode;
  required?: boolean;
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
      {required ? (
        <span className="field-head">
          <label htmlFor={id}>{label}</label>
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        </span>
      ) : (
        <label htmlFor={id}>{label}</label>
      )}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy, ...(required ? { 'aria-required': true } : {}) })}
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
