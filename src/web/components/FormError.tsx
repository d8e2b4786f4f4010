import { ApiError } from '../api/api-error';
import { FieldErrors } from '../api/field-errors';
import { errorFix, errorTitle } from '../format/error-guidance';
import { Callout } from './Callout';

/**
 * The error of a form's submission: its message and fix, plus every field problem that is not
 * already shown beside its control (`shown` lists those paths; a trailing "." matches a prefix).
 */
export function FormError({ error, shown = [] }: { error: unknown; shown?: readonly string[] }) {
  if (!error) return null;
  const rest = FieldErrors.of(error).unmatched(shown);
  const api = error instanceof ApiError ? error : null;
  const isValidation = api?.code === 'invalid_input';
  const fix = errorFix(error);
  return (
    <Callout tone="danger" title={errorTitle(error)} role="alert" testId="form-error">
      {isValidation ? <p>{rest.length ? 'Fix the problems listed here and try again.' : 'Fix the fields marked in red and try again.'}</p> : <p>{api?.message ?? String(error)}</p>}
      {rest.length ? (
        <ul className="error-list">
          {rest.map((p) => (
            <li key={p.path}>
              <code>{p.path}</code> {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {fix ? <p>{fix}</p> : null}
      {api?.requestId && !isValidation ? <p className="small muted">Request id for support: {api.requestId}</p> : null}
    </Callout>
  );
}
