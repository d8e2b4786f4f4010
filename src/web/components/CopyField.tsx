import { useState } from 'react';
import { Field } from './Field';
import { Icon } from './Icon';

/** A read-only value (a one-time link, a new token) with a Copy button. */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Field label={label} hint={copied === 'failed' ? 'Copying is blocked by the browser: select the text and copy it yourself.' : hint}>
      {(control) => (
        <div className="secret-box">
          <input {...control} className="input" readOnly value={value} onFocus={(e) => e.target.select()} data-testid="copy-value" />
          <button type="button" className="btn" onClick={() => void copy()}>
            <Icon name={copied === 'yes' ? 'check' : 'copy'} />
            {copied === 'yes' ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
    </Field>
  );
}
