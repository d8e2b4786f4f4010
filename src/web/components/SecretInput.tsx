import { useState } from 'react';
import type { ControlProps } from './Field';

/**
 * A write-only secret: a password input whose value can be shown while typing (to check a pasted
 * token), never filled from the server, and not offered to the browser's password manager.
 */
export function SecretInput({ control, label, value, onChange }: { control: ControlProps; label: string; value: string; onChange: (value: string) => void }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="input-affix">
      <input
        {...control}
        className="input"
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        data-secret="true"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="button" className="btn affix-button" aria-controls={control.id} aria-label={`${shown ? 'Hide' : 'Show'} ${label}`} onClick={() => setShown(!shown)}>
        {shown ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}
