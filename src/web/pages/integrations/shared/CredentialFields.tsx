import { useId } from 'react';
import type { FieldErrors } from '../../../api/field-errors';
import type { PlatformView } from '../../../api/platforms';
import { FieldError } from '../../../components/Field';
import type { CredentialsDraft } from './platform-draft';
import { helpText, PlatformFieldInput } from './PlatformFieldInput';

/**
 * How Intake signs in to the platform: a choice when it offers several ways (an API token or an
 * OAuth access token), then the chosen way's fields. Secrets are write-only: tested before saving,
 * never shown again.
 */
export function CredentialFields({ platform, draft, onChange, errors }: { platform: PlatformView; draft: CredentialsDraft; onChange: (draft: CredentialsDraft) => void; errors: FieldErrors }) {
  const name = useId();
  const variants = platform.presentation.credentialVariants;
  const variant = variants[draft.variant];
  if (!variant) return null;
  const values = draft.values[draft.variant] ?? {};
  const setValue = (key: string, value: string) => onChange({ ...draft, values: draft.values.map((v, i) => (i === draft.variant ? { ...v, [key]: value } : v)) });
  const general = errors.get('credentials') ?? errors.get('credentials.kind');
  return (
    <div className="stack">
      {variants.length > 1 ? (
        <fieldset className="group">
          <legend>How Intake signs in to {platform.name}</legend>
          <div className="variant-choices">
            {variants.map((v, index) => (
              <div key={v.kind ?? index} className={index === draft.variant ? 'variant-choice selected' : 'variant-choice'}>
                <label className="check">
                  <input type="radio" name={name} checked={index === draft.variant} onChange={() => onChange({ ...draft, variant: index })} aria-describedby={v.help ? `${name}-${index}-help` : undefined} />
                  <strong>{v.label}</strong>
                </label>
                {v.help ? (
                  <p className="sub" id={`${name}-${index}-help`}>
                    {helpText(v.help)}
                  </p>
                ) : null}
              </div>
            ))}
          </div>
        </fieldset>
      ) : (
        <div>
          <h3>Credentials</h3>
          {variant.help ? <p className="small muted">{helpText(variant.help)}</p> : null}
        </div>
      )}
      <div className="form-grid" data-testid="credential-fields">
        {variant.fields.map((field) => (
          <PlatformFieldInput key={`${draft.variant}.${field.key}`} field={field} value={values[field.key] ?? ''} onChange={(v) => setValue(field.key, v)} error={errors.get(`credentials.${field.key}`)} />
        ))}
      </div>
      {general ? <FieldError message={general} /> : null}
    </div>
  );
}
